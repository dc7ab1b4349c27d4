import { createHash } from 'crypto';

import { basicAuth, clientFor, newOrderId, type Json, startReceiver, startTestSimulator } from './helpers';

/** Computed here from Midtrans's definition, not with the simulator's helper. */
const expectedSignature = (body: Json, serverKey: string) =>
	createHash('sha512').update(`${body.order_id}${body.status_code}${body.gross_amount}${serverKey}`).digest('hex');
const SERVER_KEY = 'SB-Mid-server-simulator';

const linkRequest = (orderId: string, extra: Json = {}) => ({
	transaction_details: { order_id: orderId, gross_amount: 190000 },
	usage_limit: 1,
	...extra,
});

describe('simulator: Payment Link API', () => {
	const cleanups: Array<() => Promise<void>> = [];
	afterEach(async () => {
		while (cleanups.length) await cleanups.pop()!();
	});

	async function setUp() {
		const receiver = await startReceiver();
		const { simulator, api } = await startTestSimulator({ notificationUrl: receiver.url('/payments') });
		cleanups.push(
			() => receiver.close(),
			() => simulator.close(),
		);
		return { receiver, simulator, api };
	}

	it('creates a link answering order_id and payment_url, and GET shows it unused, its URL named payment_link_url', async () => {
		const { simulator, api } = await setUp();
		const orderId = newOrderId('link');
		const created = await api.post(
			'/v1/payment-links',
			linkRequest(orderId, {
				transaction_details: { order_id: orderId, gross_amount: 190000, payment_link_id: 'inv-7f3c2a9e' },
				item_details: [{ id: 'pil-001', item_id: 'pil-001', name: 'Pillow', price: 95000, quantity: 2 }],
				expiry: { start_time: '2030-04-01 18:00 +0700', duration: 3, unit: 'days' },
				enabled_payments: ['gopay', 'bca_va'],
				title: 'Invoice 42',
			}),
		);
		expect(created.status).toBe(200);
		expect(created.data).toEqual({ order_id: orderId, payment_url: `${simulator.url}/payment-links/inv-7f3c2a9e` });
		const { status, data } = await api.get(`/v1/payment-links/${orderId}`);
		expect(status).toBe(200);
		expect(data).toMatchObject({
			payment_link_url: created.data.payment_url,
			order_id: orderId,
			payment_link_type: 'FIXED_AMOUNT',
			payment_link_id: 'inv-7f3c2a9e',
			gross_amount: 190000,
			usage_limit: 1,
			usage: 0,
			expiry_start: '2030-04-01 18:00 +0700',
			expiry_duration: 3,
			expiry_unit: 'days',
			enabled_payments: ['gopay', 'bca_va'],
			item_details: [{ item_id: 'pil-001', name: 'Pillow', price: 95000, quantity: 2 }],
			purchases: [],
		});
	});

	it('refuses every broken rule in one 400 of error_messages, as the Payment Link API words it', async () => {
		const { api } = await setUp();
		const { status, data } = await api.post('/v1/payment-links', {
			transaction_details: { order_id: 'bad id', gross_amount: 190000, payment_link_id: 'Has-Capitals' },
			item_details: [{ name: 'Pillow', price: 95000, quantity: 1 }],
			enabled_payments: ['gopay', 'dana'],
			title: 't'.repeat(41),
			expiry: { duration: 2, unit: 'week' },
			customer_details: { last_name: 'Doe' },
		});
		expect(status).toBe(400);
		expect(data.error_messages).toEqual(
			expect.arrayContaining([
				'transaction_details.order_id may contain only letters, digits and - _ ~ .',
				'payment_link_id must only contain alphanumeric characters [a-z, 0-9] and hyphens [-]',
				'usage_limit is required',
				'transaction_details.gross_amount must be the sum of item_details price × quantity',
				'enabled_payments: "dana" is not a payment method',
				'title must be at most 40 characters',
				'expiry.unit must be one of day, hour, minute',
				'customer_details must have at least one of first_name, email, phone',
			]),
		);
	});

	it('answers a taken order ID with HTTP 409 and a missing key with 401 and a single-string error_messages', async () => {
		const { simulator, api } = await setUp();
		const orderId = newOrderId('link-dup');
		await api.post('/v1/payment-links', linkRequest(orderId));
		const again = await api.post('/v1/payment-links', linkRequest(orderId));
		expect(again.status).toBe(409);
		expect(again.data).toEqual({ error_messages: [`The Order ID '${orderId}' has been taken`] });
		const unauthorised = await clientFor(simulator, 'SB-Mid-server-wrong').post(
			'/v1/payment-links',
			linkRequest(newOrderId('link')),
		);
		expect(unauthorised.status).toBe(401);
		expect(unauthorised.data).toEqual({ error_messages: 'Access denied due to unauthorized request' });
	});

	it('replays the first answer to a repeated Idempotency-Key instead of refusing the order ID as taken', async () => {
		const { api } = await setUp();
		const orderId = newOrderId('link-key');
		const headers = { 'Idempotency-Key': `key-${orderId}` };
		const first = await api.post('/v1/payment-links', linkRequest(orderId), { headers });
		const second = await api.post('/v1/payment-links', linkRequest(orderId), { headers });
		expect(second.status).toBe(200);
		expect(second.data).toEqual(first.data);
	});

	it('a payment through the link is a Snap transaction whose order ID is the link’s with two timestamps, notified signed, pending then settlement', async () => {
		const { receiver, simulator, api } = await setUp();
		const orderId = newOrderId('link-pay');
		await api.post('/v1/payment-links', linkRequest(orderId, { custom_field1: 'crm-42' }));
		const before = Date.now();
		const paid = await simulator.payLink(orderId);
		const purchaseOrderId = paid.transaction.order_id;
		const [, seconds, millis] = /^.+-(\d{10})-(\d{13})$/.exec(purchaseOrderId) ?? [];
		expect(purchaseOrderId.startsWith(`${orderId}-`)).toBe(true);
		expect(Number(millis)).toBeGreaterThanOrEqual(before);
		expect(Number(seconds)).toBe(Math.floor(Number(millis) / 1000));
		expect(paid.transaction).toMatchObject({
			transaction_status: 'settlement',
			payment_type: 'gopay',
			gross_amount: '190000.00',
		});

		const bodies = receiver.received.filter((request) => request.path === '/payments').map((request) => request.body);
		expect(bodies.map((body) => body.transaction_status)).toEqual(['pending', 'settlement']);
		for (const body of bodies) {
			expect(body.order_id).toBe(purchaseOrderId);
			expect(body.custom_field1).toBe('crm-42');
			expect(body.signature_key).toBe(expectedSignature(body, SERVER_KEY));
		}
		const status = await api.get(`/v2/${purchaseOrderId}/status`);
		expect(status.data.transaction_status).toBe('settlement');
		const { data: link } = await api.get(`/v1/payment-links/${orderId}`);
		expect(link.usage).toBe(1);
		expect(link.purchases).toEqual([
			expect.objectContaining({
				order_id: purchaseOrderId,
				payment_status: 'SETTLEMENT',
				payment_method: 'GOPAY',
				id: expect.any(Number),
			}),
		]);
	});

	it('a pending payment holds the link’s only use; a paid-out, expired or deleted link cannot be paid', async () => {
		const { simulator, api } = await setUp();
		const held = newOrderId('link-held');
		await api.post('/v1/payment-links', linkRequest(held, { enabled_payments: ['bca_va'] }));
		const pending = await simulator.payLink(held, { pending: true });
		expect(pending.transaction).toMatchObject({ transaction_status: 'pending', payment_type: 'bank_transfer' });
		await expect(simulator.payLink(held)).rejects.toThrow('usage limit of 1');

		const expired = newOrderId('link-expired');
		await api.post(
			'/v1/payment-links',
			linkRequest(expired, { expiry: { start_time: '2020-01-01 00:00:00 +0700', duration: 1, unit: 'day' } }),
		);
		await expect(simulator.payLink(expired)).rejects.toThrow('expired');

		const deleted = newOrderId('link-deleted');
		await api.post('/v1/payment-links', linkRequest(deleted));
		const removal = await api.delete(`/v1/payment-links/${deleted}`);
		expect(removal.data).toEqual({ message: `Payment Link with Order ID ${deleted} deleted` });
		expect((await api.get(`/v1/payment-links/${deleted}`)).status).toBe(404);
		await expect(simulator.payLink(deleted)).rejects.toThrow('not found');
	});

	it('pays through the payment_url page as the customer would, and through the control API as the CLI does', async () => {
		const { simulator, api } = await setUp();
		const orderId = newOrderId('link-page');
		const { data } = await api.post(
			'/v1/payment-links',
			linkRequest(orderId, { usage_limit: 2, enabled_payments: ['other_qris', 'credit_card'] }),
		);
		const page = await api.get(data.payment_url);
		expect(page.data).toContain('Pay IDR 190000');
		const paidPage = await api.post(data.payment_url, 'method=credit_card', {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(paidPage.data).toMatch(/Paid: .* is capture/);
		const control = await api.post(
			`/_simulator/payment-links/${orderId}/pay`,
			{ method: 'other_qris' },
			{ headers: { Authorization: basicAuth('none') } },
		);
		expect(control.data.transaction).toMatchObject({ payment_type: 'qris', transaction_status: 'settlement' });
		expect(simulator.paymentLink(orderId).usage).toBe(2);
	});
});
