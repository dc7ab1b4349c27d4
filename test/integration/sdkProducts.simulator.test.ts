/**
 * Payment links, subscriptions, GoPay accounts, saved cards and the newer payment types, run by n8n-core's real
 * WorkflowExecute against the local simulator over real HTTP: what the node sends, the simulator (which states
 * Midtrans's rules itself) accepts, and what it answers, the node turns into the items a workflow needs.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../tools/simulator';
import { runMidtrans } from '../harness/engine';
import { FUTURE_YEAR, newOrderId } from '../harness/midtrans';
import { simulatorCredentials, startTestSimulator } from '../harness/simulator';

let simulator: Simulator;

beforeAll(async () => {
	({ simulator } = await startTestSimulator({ scheduleUnitMs: { month: 60_000, hour: 10 } }));
});
afterAll(async () => await simulator.close());

/** Runs one operation against the simulator and returns its item; the run must succeed. */
async function run(parameters: IDataObject): Promise<IDataObject> {
	const { items, error } = await runMidtrans(parameters, [{}], { credentials: simulatorCredentials(simulator) });
	expect(error).toBeUndefined();
	return items[0].json;
}

/** Runs one operation that must fail, and returns the error. */
async function refused(parameters: IDataObject) {
	const { error } = await runMidtrans(parameters, [{}], { credentials: simulatorCredentials(simulator) });
	expect(error).toBeDefined();
	return error!;
}

describe('payment links against the simulator', () => {
	it('creates a link, the customer pays it, Get shows the payment and payment_url; Delete ends it', async () => {
		const orderId = newOrderId('link');
		const created = await run({
			resource: 'paymentLink',
			operation: 'create',
			orderId,
			grossAmount: 95000,
			title: 'Invoice 42',
			enabledPayments: ['gopay', 'bca_va'],
			itemDetails: {
				item: [
					{ id: 'pil-1', name: 'Pillow', price: 100000, quantity: 1 },
					{ name: 'Discount', price: -5000, quantity: 1 },
				],
			},
			customerDetails: { firstName: 'Siti', email: 'siti@example.com', notes: 'Thank you' },
			additionalFields: {
				customerRequired: true,
				requiredCustomerFields: ['email'],
				customField1: 'crm-42',
				customExpiry: { expiry: { duration: 2, unit: 'day' } },
			},
		});
		expect(created).toEqual({
			order_id: orderId,
			payment_url: expect.stringMatching(new RegExp(`^${simulator.url}/payment-links/[a-z0-9-]+$`)),
		});

		const paid = await simulator.payLink(orderId);
		expect(paid.transaction.custom_field1).toBe('crm-42');
		const read = await run({ resource: 'paymentLink', operation: 'get', orderId });
		expect(read).toMatchObject({
			payment_url: created.payment_url,
			payment_link_url: created.payment_url,
			usage: 1,
			expiry_unit: 'days',
			purchases: [expect.objectContaining({ order_id: paid.transaction.order_id, payment_status: 'SETTLEMENT' })],
		});
		const status = await run({
			resource: 'payment',
			operation: 'getStatus',
			orderOrTransactionId: paid.transaction.order_id,
		});
		expect(status.transaction_status).toBe('settlement');

		expect(await run({ resource: 'paymentLink', operation: 'delete', orderId })).toMatchObject({
			order_id: orderId,
			deleted: true,
		});
		const gone = await refused({ resource: 'paymentLink', operation: 'get', orderId });
		expect(gone.message).toBe('Midtrans error 404: Payment link not found');
		expect(gone.description).toMatch(/no payment link with this order ID/);
	});

	it('fails a second link for the same order ID with the 409 Midtrans answers', async () => {
		const orderId = newOrderId('link-twice');
		const link = { resource: 'paymentLink', operation: 'create', orderId, grossAmount: 10000 };
		await run(link);
		const again = await refused(link);
		expect(again.message).toBe(`Midtrans error 409: The Order ID '${orderId}' has been taken`);
	});
});

describe('saved cards and subscriptions against the simulator', () => {
	it('a card saved by its first charge is charged again in one click, and subscribed monthly', async () => {
		const { token_id: tokenId } = await run({
			resource: 'card',
			operation: 'createToken',
			cardNumber: '4411 1111 1111 1118',
			cardExpMonth: '12',
			cardExpYear: FUTURE_YEAR,
			cardCvv: '123',
		});
		const first = await run({
			resource: 'payment',
			operation: 'charge',
			paymentType: 'credit_card',
			orderId: newOrderId('first'),
			grossAmount: 150000,
			tokenId,
			creditCard: { saveTokenId: true },
		});
		expect(first).toMatchObject({
			transaction_status: 'capture',
			saved_token_id: expect.any(String),
			saved_token_id_expired_at: expect.any(String),
		});
		const oneClick = await run({
			resource: 'payment',
			operation: 'charge',
			paymentType: 'credit_card',
			orderId: newOrderId('one-click'),
			grossAmount: 150000,
			tokenId: first.saved_token_id,
			creditCard: { authentication: false },
		});
		expect(oneClick).toMatchObject({ status_code: '200', transaction_status: 'capture' });

		const subscription = await run({
			resource: 'subscription',
			operation: 'create',
			name: newOrderId('MONTHLY'),
			amount: 150000,
			paymentType: 'credit_card',
			token: first.saved_token_id,
			interval: 1,
			intervalUnit: 'month',
			customerDetails: { firstName: 'Budi', email: 'budi@example.com' },
			additionalFields: {
				maxInterval: 12,
				retrySchedule: { retry: { interval: 1, intervalUnit: 'hour', maxInterval: 1 } },
			},
		});
		expect(subscription).toMatchObject({
			status: 'active',
			amount: '150000',
			schedule: { interval: 1, interval_unit: 'month', max_interval: 12 },
		});
		const id = String(subscription.id);

		const updated = await run({
			resource: 'subscription',
			operation: 'update',
			subscriptionId: id,
			updateFields: { amount: 160000 },
		});
		expect(updated).toMatchObject({ id, status_message: 'Subscription is updated.' });
		const charge = await simulator.chargeSubscription(id);
		expect(charge.transactions[0]).toMatchObject({ transaction_status: 'capture', gross_amount: '160000.00' });
		const read = await run({ resource: 'subscription', operation: 'get', subscriptionId: id });
		expect(read).toMatchObject({
			amount: '160000',
			transaction_ids: [charge.transactions[0].transaction_id],
			schedule: { current_interval: 1 },
		});

		expect(await run({ resource: 'subscription', operation: 'disable', subscriptionId: id })).toMatchObject({
			id,
			status: 'inactive',
		});
		expect((await run({ resource: 'subscription', operation: 'get', subscriptionId: id })).status).toBe('inactive');
		expect(await run({ resource: 'subscription', operation: 'enable', subscriptionId: id })).toMatchObject({
			id,
			status: 'active',
		});
		expect((await run({ resource: 'subscription', operation: 'get', subscriptionId: id })).status).toBe('active');
	});

	it('registers a card without charging it, reads a token’s points and a BIN', async () => {
		const registered = await run({
			resource: 'card',
			operation: 'register',
			cardNumber: '5211 1111 1111 1117',
			cardExpMonth: '6',
			cardExpYear: FUTURE_YEAR,
		});
		expect(registered).toMatchObject({
			status_code: '200',
			saved_token_id: expect.stringMatching(/^52111111[A-Za-z0-9]{20}1117$/),
			masked_card: '52111111-1117',
		});
		const { token_id: tokenId } = await run({
			resource: 'card',
			operation: 'createToken',
			cardNumber: '4811 1111 1111 1114',
			cardExpMonth: '12',
			cardExpYear: FUTURE_YEAR,
			cardCvv: '123',
		});
		expect(await run({ resource: 'card', operation: 'getPoints', tokenId, grossAmount: 150000 })).toMatchObject({
			point_balance_amount: '10000.00',
		});
		expect(await run({ resource: 'card', operation: 'lookUpBin', bin: '4811111111111114' })).toMatchObject({
			bin: '48111111',
			brand: 'visa',
			data: expect.any(Object),
		});
		const unknownBin = await refused({ resource: 'card', operation: 'lookUpBin', bin: '999999' });
		expect(unknownBin.message).toBe('Midtrans error 404: message_title: not found');
	});
});

describe('GoPay accounts against the simulator', () => {
	it('links an account, the customer activates it, the node charges it with its token, then unbinds it', async () => {
		const linked = await run({
			resource: 'gopayAccount',
			operation: 'link',
			phoneNumber: '81212345678',
			countryCode: '62',
		});
		expect(linked).toMatchObject({
			account_status: 'PENDING',
			activation_url: expect.stringContaining(simulator.url),
			activation_app_url: expect.any(String),
		});
		const accountId = String(linked.account_id);
		await simulator.activateAccount(accountId);
		const account = await run({ resource: 'gopayAccount', operation: 'get', accountId });
		expect(account).toMatchObject({
			account_status: 'ENABLED',
			payment_option_name: 'GOPAY_WALLET',
			payment_option_token: expect.any(String),
		});

		const charged = await run({
			resource: 'payment',
			operation: 'charge',
			paymentType: 'gopay',
			orderId: newOrderId('gopay-token'),
			grossAmount: 25000,
			gopay: { accountId, paymentOptionToken: account.payment_option_token },
		});
		expect(charged).toMatchObject({
			status_code: '200',
			transaction_status: 'settlement',
			payment_option_type: 'GOPAY_WALLET',
		});

		expect(await run({ resource: 'gopayAccount', operation: 'unbind', accountId })).toMatchObject({
			account_status: 'DISABLED',
			status_code: '204',
		});
		const again = await refused({ resource: 'gopayAccount', operation: 'unbind', accountId });
		expect(again.message).toBe('Midtrans error 412: Account status cannot be updated.');
	});

	it('fails a link GoPay refuses (an unknown sandbox number) with GoPay’s reason', async () => {
		const error = await refused({
			resource: 'gopayAccount',
			operation: 'link',
			phoneNumber: '123450001',
			countryCode: '62',
		});
		expect(error.message).toBe('Midtrans error 202: User Not Found');
	});
});

describe('OVO, Akulaku and Kredivo against the simulator', () => {
	const customerDetails = { firstName: 'Budi', lastName: 'Utomo', email: 'budi@example.com', phone: '08123456789' };
	const item = {
		id: 'shoe-1',
		name: 'Sepatu',
		price: 44000,
		quantity: 1,
		category: 'Fashion',
		url: 'https://toko.example.com/sepatu',
	};

	it.each([
		['ovo', { ovoPhoneNumber: '081111111111' }, { payer_phone_number: '081111111111' }],
		['akulaku', { itemDetails: { item: [item] }, customerDetails }, { redirect_url: expect.any(String) }],
		[
			'kredivo',
			{
				itemDetails: { item: [item] },
				customerDetails,
				shippingAddress: {
					address: {
						firstName: 'Budi',
						lastName: 'Utomo',
						phone: '08123456789',
						address: 'Jl. Kemanggisan',
						city: 'Jakarta',
						postalCode: '12190',
						countryCode: 'IDN',
					},
				},
			},
			{ redirect_url: expect.any(String) },
		],
	])(
		'%s: what the node sends, the simulator takes, and the item holds the next step',
		async (paymentType, parameters, nextStep) => {
			const orderId = newOrderId(paymentType);
			const item = await run({
				resource: 'payment',
				operation: 'charge',
				paymentType,
				orderId,
				grossAmount: 44000,
				...parameters,
			});
			expect(item).toMatchObject({
				status_code: '201',
				transaction_status: 'pending',
				payment_type: paymentType,
				...nextStep,
			});
			await simulator.pay(orderId);
			expect(
				(await run({ resource: 'payment', operation: 'getStatus', orderOrTransactionId: orderId })).transaction_status,
			).toBe('settlement');
		},
	);
});
