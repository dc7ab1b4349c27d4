import type { IDataObject } from 'n8n-workflow';

import { runMidtrans } from '../../harness/engine';
import { basicAuthFor, customCredentials, TEST_SERVER_KEY } from '../../harness/midtrans';
import { interceptMidtrans, recordRequest } from '../../harness/nock';
import { createPaymentPage } from '../../harness/parameters';
import { expectRefusedBeforeSending } from '../../harness/runs';

const SNAP_SANDBOX = 'https://app.sandbox.midtrans.com';
const snapAnswer = {
	token: '66e4fa55-fdac-4ef9-91b5-733b97d1b862',
	redirect_url: 'https://app.sandbox.midtrans.com/snap/v4/redirection/66e4fa55-fdac-4ef9-91b5-733b97d1b862',
};

/** Intercepts POST {host}/snap/v1/transactions. */
const expectPage = (host = SNAP_SANDBOX, answer: object = snapAnswer, options: { status?: number; times?: number } = {}) =>
	recordRequest(host, 'POST', '/snap/v1/transactions', answer, { status: 201, ...options });

describe('Payment Page: Create', () => {
	interceptMidtrans();

	it('creates a payment page on the sandbox Snap host with items, customer, methods, expiry and finish URL, and returns token and redirect_url', async () => {
		const { scope, seen } = expectPage();
		const { items, error } = await runMidtrans(
			createPaymentPage({
				enabledPayments: ['gopay', 'bca_va', 'other_qris'],
				itemDetails: {
					item: [
						{ id: 'a1', name: 'Apel', price: 25000, quantity: 2 },
						{ id: 'a2', name: 'Jeruk', price: 45000, quantity: 1 },
					],
				},
				customerDetails: { firstName: 'Budi', email: 'budi@example.com', phone: '+628123456789' },
				additionalFields: {
					customExpiry: { expiry: { duration: 2, unit: 'hour', startTime: '2026-11-22 15:07:00 +0700' } },
					finishUrl: 'https://shop.example.com/thank-you',
					overrideNotificationUrls: 'https://n8n.example.com/webhook/midtrans',
				},
			}),
		);
		expect(error).toBeUndefined();
		scope.done();
		expect(seen.body).toEqual({
			transaction_details: { order_id: 'order-4001', gross_amount: 95000 },
			item_details: [
				{ id: 'a1', name: 'Apel', price: 25000, quantity: 2 },
				{ id: 'a2', name: 'Jeruk', price: 45000, quantity: 1 },
			],
			customer_details: { first_name: 'Budi', email: 'budi@example.com', phone: '+628123456789' },
			enabled_payments: ['gopay', 'bca_va', 'other_qris'],
			expiry: { start_time: '2026-11-22 15:07:00 +0700', unit: 'hour', duration: 2 },
			callbacks: { finish: 'https://shop.example.com/thank-you' },
		});
		expect(seen.headers?.authorization).toBe(basicAuthFor());
		expect(seen.headers?.['x-override-notification']).toBe('https://n8n.example.com/webhook/midtrans');
		expect(items[0].json).toEqual(snapAnswer);
	});

	it('sends only transaction_details when nothing else is given', async () => {
		const { scope, seen } = expectPage();
		await runMidtrans(createPaymentPage());
		scope.done();
		expect(seen.body).toEqual({ transaction_details: { order_id: 'order-4001', gross_amount: 95000 } });
	});

	it('uses the production Snap host when the credential’s environment is Production', async () => {
		const { scope } = expectPage('https://app.midtrans.com');
		const { error } = await runMidtrans(createPaymentPage(), [{}], {
			credentials: { environment: 'production', serverApiKey: 'Mid-server-Prod_1234abcd' },
		});
		expect(error).toBeUndefined();
		scope.done();
	});

	it('uses {Base URL}/snap/v1 when the credential points at a custom base URL', async () => {
		const { scope } = expectPage('http://127.0.0.1:3999');
		const { error } = await runMidtrans(createPaymentPage(), [{}], {
			credentials: customCredentials('http://127.0.0.1:3999/', TEST_SERVER_KEY),
		});
		expect(error).toBeUndefined();
		scope.done();
	});

	it('does not resend a payment page after a 500 (it carries no Idempotency-Key) and reports Snap’s error_messages', async () => {
		const { seen } = expectPage(
			SNAP_SANDBOX,
			{ error_messages: ['Sorry. Our system is recovering from unexpected issues. Please retry.'] },
			{ status: 500, times: 2 },
		);
		const { error } = await runMidtrans(createPaymentPage());
		expect(seen.calls).toBe(1);
		expect(seen.headers?.['idempotency-key']).toBeUndefined();
		expect(error?.message).toBe('Midtrans error 500: Sorry. Our system is recovering from unexpected issues. Please retry.');
	});

	it('passes Snap’s 400 for a reused order ID on as an error naming Midtrans’s reason', async () => {
		expectPage(SNAP_SANDBOX, { error_messages: ['transaction_details.order_id sudah digunakan'] }, { status: 400 });
		const { error, items } = await runMidtrans(createPaymentPage(), [{}], { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			error: 'Midtrans error 400: transaction_details.order_id sudah digunakan',
			status_code: '400',
		});
	});

	const invalidCases: Array<[string, IDataObject, RegExp]> = [
		['an order ID Midtrans refuses', { orderId: 'order 1' }, /Invalid Order ID \(orderId\) in item 0: may hold only letters/],
		[
			'a gross amount that differs from the items’ sum',
			{ itemDetails: { item: [{ name: 'Kopi', price: 15000, quantity: 2 }] } },
			/Invalid Gross Amount \(grossAmount\) in item 0: must equal the sum of item price × quantity, 30000 \(got 95000\)/,
		],
		[
			'an expiry in seconds, which Snap does not take',
			{ additionalFields: { customExpiry: { expiry: { duration: 30, unit: 'second' } } } },
			/Invalid Custom Expiry Unit \(additionalFields.customExpiry.unit\) in item 0: must be one of minute, hour, day/,
		],
		[
			'a finish URL that is not http(s)',
			{ additionalFields: { finishUrl: 'myapp://done' } },
			/Invalid Finish Redirect URL \(additionalFields.finishUrl\) in item 0: must be an http\(s\) URL/,
		],
		[
			'a payment method Snap does not know',
			{ enabledPayments: '={{ ["gopay", "bitcoin"] }}' },
			/Invalid Enabled Payments \(enabledPayments\) in item 0: must be one of .* \(got "bitcoin"\)/,
		],
	];

	it.each(invalidCases)('refuses %s, naming the field, the item and the rule, and sends nothing', async (_name, parameters, message) => {
		await expectRefusedBeforeSending(createPaymentPage(parameters), message);
	});
});
