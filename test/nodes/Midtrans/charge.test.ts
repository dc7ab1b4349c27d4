import nock from 'nock';

import { guideAnswers, guideRequests } from '../../fixtures/guides';
import { runMidtrans, SANDBOX_HOST, TEST_SERVER_KEY } from '../../harness/engine';
import { recordRequest } from '../../harness/recordedRequest';

const basicAuth = `Basic ${Buffer.from(`${TEST_SERVER_KEY}:`).toString('base64')}`;

/** Intercepts one POST /v2/charge, recording the body and headers Midtrans would have received. */
const expectCharge = (answer: object) => recordRequest(SANDBOX_HOST, 'POST', '/v2/charge', answer);

const charge = (parameters: object) => ({ resource: 'transaction', operation: 'charge', ...parameters });

describe('Charge', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('sends the guide’s Alfamart request body exactly, with Midtrans’s headers', async () => {
		const { scope, seen } = expectCharge(guideAnswers.alfamart);
		const { items, error } = await runMidtrans(
			charge({
				paymentType: 'cstore',
				orderId: 'order-101',
				grossAmount: 44000,
				store: 'alfamart',
				cstore: {
					message: 'Message ',
					alfamartFreeText1: '1st row of receipt,',
					alfamartFreeText2: 'This is the 2nd row,',
					alfamartFreeText3: '3rd row. The end.',
				},
			}),
		);
		expect(error).toBeUndefined();
		scope.done();
		expect(seen.body).toEqual(guideRequests.alfamart);
		expect(seen.headers?.authorization).toBe(basicAuth);
		expect(seen.headers?.accept).toBe('application/json');
		expect(seen.headers?.['content-type']).toContain('application/json');
		expect(String(seen.headers?.['idempotency-key'])).toMatch(/^[0-9a-f-]{36}$/);
		expect(items[0].json).toMatchObject({ payment_code: '8127740588870520', store: 'alfamart' });
	});

	it('sends the guide’s Indomaret request body exactly and no Idempotency-Key, which Indomaret ignores', async () => {
		const { scope, seen } = expectCharge(guideAnswers.indomaret);
		const { items, error } = await runMidtrans(
			charge({
				paymentType: 'cstore',
				orderId: 'order-101',
				grossAmount: 44000,
				store: 'indomaret',
				cstore: { message: 'Message to display' },
			}),
		);
		expect(error).toBeUndefined();
		scope.done();
		expect(seen.body).toEqual(guideRequests.indomaret);
		expect(seen.headers?.['idempotency-key']).toBeUndefined();
		expect(items[0].json).toEqual(guideAnswers.indomaret);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('charges a card token with 3DS and customer details as the card guide shows, surfacing redirect_url', async () => {
		const { scope, seen } = expectCharge(guideAnswers.creditCard3ds);
		const { items } = await runMidtrans(
			charge({
				paymentType: 'credit_card',
				orderId: 'order102',
				grossAmount: 789000,
				tokenId: guideRequests.creditCard.credit_card.token_id,
				customerDetails: {
					firstName: 'budi',
					lastName: 'pratama',
					email: 'budi.pra@example.com',
					phone: '08111222333',
				},
			}),
		);
		scope.done();
		expect(seen.body).toEqual(guideRequests.creditCard);
		expect(items[0].json.redirect_url).toBe(guideAnswers.creditCard3ds.redirect_url);
		expect(items[0].json.transaction_status).toBe('pending');
	});

	it('sends bank, installment term and save_token_id for a card when given', async () => {
		const { scope, seen } = expectCharge({ ...guideAnswers.creditCard3ds });
		await runMidtrans(
			charge({
				paymentType: 'credit_card',
				orderId: 'order-103',
				grossAmount: 100000,
				tokenId: 'tok-1',
				creditCard: { authentication: false, bank: 'BNI', installmentTerm: 3, saveTokenId: true },
			}),
		);
		scope.done();
		expect((seen.body as { credit_card: object }).credit_card).toEqual({
			token_id: 'tok-1',
			authentication: false,
			bank: 'bni',
			installment_term: 3,
			save_token_id: true,
		});
	});

	it('does not send a user’s Idempotency-Key on Indomaret, which Midtrans ignores, so nothing counts on it', async () => {
		const { scope, seen } = expectCharge(guideAnswers.indomaret);
		await runMidtrans(
			charge({
				paymentType: 'cstore',
				orderId: 'order-101',
				grossAmount: 44000,
				store: 'indomaret',
				additionalFields: { idempotencyKey: 'user-key-1' },
			}),
		);
		scope.done();
		expect(seen.headers?.['idempotency-key']).toBeUndefined();
	});

	it('charges GoPay as the guide shows and puts the QR-code and deeplink URLs at the top of the item', async () => {
		const { scope, seen } = expectCharge(guideAnswers.gopay);
		const { items } = await runMidtrans(
			charge({
				paymentType: 'gopay',
				orderId: 'test-transaction-54321',
				grossAmount: 12145,
				gopay: { enableCallback: true, callbackUrl: 'someapps://callback' },
			}),
		);
		scope.done();
		expect(seen.body).toEqual(guideRequests.gopay);
		const [qr, deeplink, status, cancel] = guideAnswers.gopay.actions.map((action) => action.url);
		expect(items[0].json).toMatchObject({
			qr_code_url: qr,
			deeplink_url: deeplink,
			get_status_url: status,
			cancel_url: cancel,
			actions: guideAnswers.gopay.actions,
			transaction_id: guideAnswers.gopay.transaction_id,
		});
	});

	it('sends item details, customer details and a custom expiry in Midtrans’s names', async () => {
		const { scope, seen } = expectCharge(guideAnswers.indomaret);
		await runMidtrans(
			charge({
				paymentType: 'cstore',
				orderId: 'order-104',
				grossAmount: 50000,
				store: 'alfamart',
				itemDetails: {
					item: [
						{ id: 'sku-1', name: 'Kopi', price: 15000, quantity: 2, brand: 'Kapal Api' },
						{ name: 'Roti', price: 20000, quantity: 1, merchantName: 'Toko Budi' },
					],
				},
				customerDetails: { firstName: 'Siti', email: 'siti@example.com' },
				additionalFields: { expiryDuration: 2, expiryUnit: 'day', orderTime: '2026-11-22 15:07:00 +0700' },
			}),
		);
		scope.done();
		expect(seen.body).toEqual({
			payment_type: 'cstore',
			transaction_details: { order_id: 'order-104', gross_amount: 50000 },
			cstore: { store: 'alfamart' },
			item_details: [
				{ id: 'sku-1', name: 'Kopi', price: 15000, quantity: 2, brand: 'Kapal Api' },
				{ name: 'Roti', price: 20000, quantity: 1, merchant_name: 'Toko Budi' },
			],
			customer_details: { first_name: 'Siti', email: 'siti@example.com' },
			custom_expiry: { expiry_duration: 2, unit: 'day', order_time: '2026-11-22 15:07:00 +0700' },
		});
	});

	it('takes item details as JSON from an earlier node', async () => {
		const { scope, seen } = expectCharge(guideAnswers.indomaret);
		await runMidtrans(
			charge({
				paymentType: 'gopay',
				orderId: '={{ $json.order }}',
				grossAmount: '={{ $json.total }}',
				additionalFields: { itemDetailsJson: '={{ JSON.stringify($json.lines) }}' },
			}),
			[{ order: 'order-105', total: 30000, lines: [{ id: 'a', name: 'Teh', price: 10000, quantity: 3 }] }],
		);
		scope.done();
		expect(seen.body).toMatchObject({
			transaction_details: { order_id: 'order-105', gross_amount: 30000 },
			item_details: [{ id: 'a', name: 'Teh', price: 10000, quantity: 3 }],
		});
	});

	it('points notifications at the given URLs with X-Override-Notification and X-Append-Notification', async () => {
		const { scope, seen } = expectCharge(guideAnswers.gopay);
		await runMidtrans(
			charge({
				paymentType: 'gopay',
				orderId: 'order-106',
				grossAmount: 10000,
				additionalFields: {
					overrideNotificationUrls: 'https://n8n.example.com/webhook/abc/webhook, https://shop.example.com/hook',
					appendNotificationUrls: 'https://audit.example.com/midtrans',
					idempotencyKey: 'my-key-106',
				},
			}),
		);
		scope.done();
		expect(seen.headers?.['x-override-notification']).toBe(
			'https://n8n.example.com/webhook/abc/webhook,https://shop.example.com/hook',
		);
		expect(seen.headers?.['x-append-notification']).toBe('https://audit.example.com/midtrans');
		expect(seen.headers?.['idempotency-key']).toBe('my-key-106');
	});

	it('charges every input item, keeping order and pairedItem', async () => {
		const bodies: Array<{ transaction_details: { order_id: string } }> = [];
		nock(SANDBOX_HOST)
			.post('/v2/charge', (body) => {
				bodies.push(body);
				return true;
			})
			.times(3)
			.reply(200, (_uri, body) => ({
				...guideAnswers.indomaret,
				order_id: (body as { transaction_details: { order_id: string } }).transaction_details.order_id,
			}));
		const { items } = await runMidtrans(
			charge({ paymentType: 'cstore', store: 'indomaret', orderId: '={{ $json.id }}', grossAmount: 44000 }),
			[{ id: 'a-1' }, { id: 'a-2' }, { id: 'a-3' }],
		);
		expect(items.map((item) => item.json.order_id)).toEqual(['a-1', 'a-2', 'a-3']);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(bodies).toHaveLength(3);
	});
});
