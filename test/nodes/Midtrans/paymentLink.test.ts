/** Payment Link → Create, Get, Delete through n8n's engine, Midtrans answered by nock. */
import type { IDataObject } from 'n8n-workflow';

import { runMidtrans } from '../../harness/engine';
import { basicAuthFor, QUICK_RETRIES, SANDBOX_HOST } from '../../harness/midtrans';
import { interceptMidtrans, recordRequest } from '../../harness/nock';
import { MADE_KEY } from '../../harness/parameters';
import { expectRefusedBeforeSending } from '../../harness/runs';

const createLink = (parameters: IDataObject = {}): IDataObject => ({
	resource: 'paymentLink',
	operation: 'create',
	orderId: 'inv-2026-0042',
	grossAmount: 190000,
	...parameters,
});
const onLink = (operation: string, orderId = 'inv-2026-0042'): IDataObject => ({ resource: 'paymentLink', operation, orderId });

const CREATED = {
	order_id: 'inv-2026-0042',
	payment_url: 'https://app.sandbox.midtrans.com/payment-links/7f3c2a9e51b4',
};

describe('Payment Link: Create', () => {
	interceptMidtrans();

	it('sends every field Midtrans documents in its names, with an Idempotency-Key, and the item holds payment_url', async () => {
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'POST', '/v1/payment-links', CREATED);
		const { items, error } = await runMidtrans(
			createLink({
				usageLimit: 3,
				title: 'Invoice INV-2026-0042',
				enabledPayments: ['gopay', 'bca_va', 'other_qris'],
				itemDetails: { item: [{ id: 'pil-001', name: 'Pillow', price: 95000, quantity: 2, brand: 'Midtrans' }] },
				customerDetails: { firstName: 'Siti', email: 'siti@example.com', phone: '+628123456789', notes: 'Pay within 3 days' },
				additionalFields: {
					customerRequired: true,
					requiredCustomerFields: ['first_name', 'email'],
					customExpiry: { expiry: { duration: 3, unit: 'day', startTime: '2026-05-01 18:00:00 +0700' } },
					customField1: 'crm-42',
					customField3: 'whatsapp',
					finishUrl: 'https://shop.example.com/thanks',
					paymentLinkId: 'inv-7f3c2a9e51b4',
				},
			}),
		);
		expect(error).toBeUndefined();
		scope.done();
		expect(seen.body).toEqual({
			transaction_details: { order_id: 'inv-2026-0042', gross_amount: 190000, payment_link_id: 'inv-7f3c2a9e51b4' },
			usage_limit: 3,
			item_details: [{ id: 'pil-001', item_id: 'pil-001', name: 'Pillow', price: 95000, quantity: 2, brand: 'Midtrans' }],
			enabled_payments: ['gopay', 'bca_va', 'other_qris'],
			title: 'Invoice INV-2026-0042',
			customer_details: {
				first_name: 'Siti',
				email: 'siti@example.com',
				phone: '+628123456789',
				notes: 'Pay within 3 days',
				customer_details_required_fields: ['first_name', 'email'],
			},
			customer_required: true,
			expiry: { start_time: '2026-05-01 18:00:00 +0700', duration: 3, unit: 'day' },
			custom_field1: 'crm-42',
			custom_field3: 'whatsapp',
			callbacks: { finish: 'https://shop.example.com/thanks' },
		});
		expect(seen.headers?.authorization).toBe(basicAuthFor());
		expect(seen.headers?.['idempotency-key']).toMatch(MADE_KEY);
		expect(items[0].json).toEqual(CREATED);
	});

	it('always sends usage_limit (1 unless set), which Midtrans’s OpenAPI requires', async () => {
		const { seen } = recordRequest(SANDBOX_HOST, 'POST', '/v1/payment-links', CREATED);
		await runMidtrans(createLink());
		expect(seen.body).toEqual({ transaction_details: { order_id: 'inv-2026-0042', gross_amount: 190000 }, usage_limit: 1 });
	});

	it('takes a discount as an item of negative price when the items still sum to the amount', async () => {
		const { seen } = recordRequest(SANDBOX_HOST, 'POST', '/v1/payment-links', CREATED);
		const { error } = await runMidtrans(
			createLink({
				grossAmount: 90000,
				itemDetails: { item: [{ name: 'Pillow', price: 100000, quantity: 1 }, { name: 'Discount', price: -10000, quantity: 1 }] },
			}),
		);
		expect(error).toBeUndefined();
		expect((seen.body as IDataObject).item_details).toEqual([
			{ name: 'Pillow', price: 100000, quantity: 1 },
			{ name: 'Discount', price: -10000, quantity: 1 },
		]);
	});

	it('resends after a 500 with the same Idempotency-Key, and the item is the answer that came', async () => {
		const failed = recordRequest(SANDBOX_HOST, 'POST', '/v1/payment-links', { error_messages: ['Internal Server Error'] }, { status: 500 });
		const succeeded = recordRequest(SANDBOX_HOST, 'POST', '/v1/payment-links', CREATED);
		const { items, error } = await runMidtrans(createLink({ options: QUICK_RETRIES }));
		expect(error).toBeUndefined();
		expect(succeeded.seen.headers?.['idempotency-key']).toBe(failed.seen.headers?.['idempotency-key']);
		expect(items[0].json.payment_url).toBe(CREATED.payment_url);
	});

	it('fails with Midtrans’s 409 and its words when the order ID already has a link', async () => {
		recordRequest(SANDBOX_HOST, 'POST', '/v1/payment-links', { error_messages: ["The Order ID 'inv-2026-0042' has been taken"] }, { status: 409 });
		const { error } = await runMidtrans(createLink());
		expect(error?.message).toBe("Midtrans error 409: The Order ID 'inv-2026-0042' has been taken");
		expect(error?.description).toMatch(/already used by a payment link.*Payment Link → Get/);
	});

	it('passes each of Midtrans’s 400 messages on, in the item with Continue On Fail', async () => {
		recordRequest(
			SANDBOX_HOST,
			'POST',
			'/v1/payment-links',
			{ error_messages: ["This Payment Link ID 'payment-112' has been taken", 'Invalid JSON data provided.'] },
			{ status: 400 },
		);
		const { items, error } = await runMidtrans(createLink(), [{}], { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			error: "Midtrans error 400: This Payment Link ID 'payment-112' has been taken",
			status_code: '400',
			validation_messages: ["This Payment Link ID 'payment-112' has been taken", 'Invalid JSON data provided.'],
		});
	});

	it('reads Midtrans’s 401, whose error_messages is a single string, with the hint about the key', async () => {
		recordRequest(SANDBOX_HOST, 'POST', '/v1/payment-links', { error_messages: 'Access denied due to unauthorized request' }, { status: 401 });
		const { error } = await runMidtrans(createLink());
		expect(error?.message).toBe('Midtrans error 401: Access denied due to unauthorized request');
		expect(error?.description).toMatch(/server key/);
	});

	const refusals: Array<[string, IDataObject, RegExp]> = [
		[
			'an amount other than the items’ sum',
			{ itemDetails: { item: [{ name: 'Pillow', price: 95000, quantity: 1 }] } },
			/Invalid Gross Amount \(grossAmount\) in item 0: must equal the sum of item price × quantity, 95000 \(got 190000\)/,
		],
		['a usage limit of 0', { usageLimit: 0 }, /Invalid Usage Limit \(usageLimit\) in item 0: must be at least 1 \(got 0\)/],
		['a usage limit above a million', { usageLimit: 1_000_001 }, /Invalid Usage Limit \(usageLimit\) in item 0: must be at most 1,000,000/],
		['a title longer than 40 characters', { title: 't'.repeat(41) }, /Invalid Title \(title\) in item 0: must be at most 40 characters \(got 41\)/],
		[
			'a payment method payment links do not offer',
			{ enabledPayments: ['gopay', 'dana'] },
			/Invalid Enabled Payments \(enabledPayments\) in item 0: must be one of .*other_qris.* \(got "dana"\)/,
		],
		[
			'an order ID Midtrans refuses',
			{ orderId: 'inv 42' },
			/Invalid Order ID \(orderId\) in item 0: may hold only letters, digits and - _ ~ \./,
		],
		[
			'a custom field longer than 255 characters',
			{ additionalFields: { customField2: 'x'.repeat(256) } },
			/Invalid Custom Field 2 \(additionalFields.customField2\) in item 0: must be at most 255 characters/,
		],
		[
			'a payment link ID with capital letters',
			{ additionalFields: { paymentLinkId: 'Invoice-42' } },
			/Invalid Payment Link ID \(additionalFields.paymentLinkId\) in item 0: may hold only lower-case letters, digits and -/,
		],
		[
			'required customer fields without Customer Required',
			{ additionalFields: { requiredCustomerFields: ['email'] } },
			/Invalid Customer Must Fill In \(additionalFields.requiredCustomerFields\) in item 0: applies only with Customer Required on/,
		],
		[
			'customer details without a name, email or phone',
			{ customerDetails: { lastName: 'Rahayu' } },
			/Invalid Customer Details \(customerDetails\) in item 0: give at least a first name, an email or a phone/,
		],
		[
			'a customer phone longer than 20 characters',
			{ customerDetails: { phone: '+62'.padEnd(21, '1') } },
			/Invalid Customer Details phone \(customerDetails.phone\) in item 0: must be at most 20 characters/,
		],
		[
			'an expiry in seconds',
			{ additionalFields: { customExpiry: { expiry: { duration: 30, unit: 'second' } } } },
			/Invalid Custom Expiry Unit .* in item 0: must be one of minute, hour, day \(got "second"\)/,
		],
	];
	it.each(refusals)('refuses %s before sending anything, naming the field and the rule', async (_case, parameters, message) => {
		await expectRefusedBeforeSending(createLink(parameters), message);
	});
});

describe('Payment Link: Get and Delete', () => {
	interceptMidtrans();

	const STORED = {
		id: '1',
		payment_link_url: 'https://app.sandbox.midtrans.com/payment-links/7f3c2a9e51b4',
		order_id: 'inv/42',
		usage_limit: 1,
		usage: 1,
		gross_amount: 190000,
		purchases: [{ id: 49118, order_id: 'inv/42-1658897316-1658897332986', payment_status: 'SETTLEMENT', payment_method: 'GOPAY' }],
	};

	it('reads a link by its order ID, encoded in the path, and copies payment_link_url to payment_url as Create names it', async () => {
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'GET', '/v1/payment-links/inv%2F42', STORED);
		const { items, error } = await runMidtrans(onLink('get', 'inv/42'));
		expect(error).toBeUndefined();
		scope.done();
		expect(seen.headers?.authorization).toBe(basicAuthFor());
		expect(items[0].json).toEqual({ payment_url: STORED.payment_link_url, ...STORED });
	});

	it('deletes a link, and the item names the order whose link was deleted', async () => {
		const message = 'Payment Link with Order ID inv-2026-0042 deleted';
		const { scope } = recordRequest(SANDBOX_HOST, 'DELETE', '/v1/payment-links/inv-2026-0042', { message });
		const { items, error } = await runMidtrans(onLink('delete'));
		expect(error).toBeUndefined();
		scope.done();
		expect(items[0].json).toEqual({ order_id: 'inv-2026-0042', deleted: true, message });
	});

	it('fails a Get of an unknown link with Midtrans’s 404 and says it is the link that is unknown', async () => {
		recordRequest(SANDBOX_HOST, 'GET', '/v1/payment-links/nope', { error_messages: ['Not Found'] }, { status: 404 });
		const { error } = await runMidtrans(onLink('get', 'nope'));
		expect(error?.message).toBe('Midtrans error 404: Not Found');
		expect(error?.description).toMatch(/no payment link with this order ID/);
	});

	it('refuses the order ID ".." before sending, since it would address another endpoint', async () => {
		await expectRefusedBeforeSending(onLink('delete', '..'), /Invalid Order ID \(orderId\) in item 0: ".." cannot be sent in a URL path/);
	});
});
