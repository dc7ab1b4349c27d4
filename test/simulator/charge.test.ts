import type { AxiosInstance } from 'axios';

import type { Simulator } from '../../tools/simulator';
import { parseOrderTime } from '../../tools/simulator/time';
import { cardCharge, cardToken, clientFor, cstoreCharge, gopayCharge, newOrderId, startTestSimulator } from './helpers';

/** Midtrans's convenience stores, named here rather than taken from the node under test. */
const CSTORE_STORES = ['indomaret', 'alfamart'] as const;
const TIME_FORMAT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('simulator: charges', () => {
	let simulator: Simulator;
	let api: AxiosInstance;

	beforeAll(async () => {
		({ simulator, api } = await startTestSimulator({ unavailablePaymentTypes: ['echannel'] }));
	});
	afterAll(() => simulator.close());

	describe('every payment type answers in Midtrans’s shape', () => {
		it.each(CSTORE_STORES)('cstore %s: 201 pending with a payment code and the store', async (store) => {
			const orderId = newOrderId(store);
			const before = Math.floor(Date.now() / 1000) * 1000;
			const { status, data } = await api.post('/v2/charge', cstoreCharge(orderId, store));
			const after = Date.now();
			expect(status).toBe(200);
			expect(data).toMatchObject({
				status_code: '201',
				status_message: 'Success, cstore transaction is successful',
				order_id: orderId,
				gross_amount: '44000.00',
				currency: 'IDR',
				payment_type: 'cstore',
				transaction_status: 'pending',
				store,
			});
			expect(data.transaction_id).toMatch(UUID);
			expect(data.merchant_id).toMatch(/^G\d{9}$/);
			expect(data.payment_code).toMatch(store === 'alfamart' ? /^\d{16}$/ : /^\d{12}$/);
			// transaction_time is Jakarta time (UTC+7) with no zone written.
			expect(data.transaction_time).toMatch(TIME_FORMAT);
			const charged = parseOrderTime(`${data.transaction_time} +0700`)!.getTime();
			expect(charged).toBeGreaterThanOrEqual(before);
			expect(charged).toBeLessThanOrEqual(after);
			expect(data.expiry_time).toMatch(TIME_FORMAT);
		});

		it('gopay: 201 pending with actions that point at the simulator and work', async () => {
			const { data } = await api.post('/v2/charge', gopayCharge(newOrderId('gopay')));
			expect(data).toMatchObject({
				status_code: '201',
				transaction_status: 'pending',
				fraud_status: 'accept',
				payment_type: 'gopay',
			});
			const actions = Object.fromEntries(
				(data.actions as Array<{ name: string; method: string; url: string }>).map((action) => [action.name, action]),
			);
			expect(Object.keys(actions).sort()).toEqual(['cancel', 'deeplink-redirect', 'generate-qr-code', 'get-status']);
			for (const action of Object.values(actions)) expect(action.url.startsWith(simulator.url)).toBe(true);

			const qr = await api.get(actions['generate-qr-code'].url);
			expect(qr.headers['content-type']).toContain('image/svg+xml');
			const status = await api.get(actions['get-status'].url);
			expect(status.data.transaction_id).toBe(data.transaction_id);
			// The deeplink opens the "app": its Pay button settles the payment.
			const page = await api.get(actions['deeplink-redirect'].url);
			expect(page.data).toContain('<form method="post">');
			await api.post(actions['deeplink-redirect'].url, '', {
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			});
			expect(simulator.transaction(data.transaction_id)?.transaction_status).toBe('settlement');
		});

		it.each([
			['bca', 'va_numbers'],
			['bni', 'va_numbers'],
			['bri', 'va_numbers'],
			['cimb', 'va_numbers'],
			['permata', 'permata_va_number'],
		])('bank_transfer %s: 201 pending with its VA number in %s', async (bank, field) => {
			const { data } = await api.post('/v2/charge', {
				payment_type: 'bank_transfer',
				transaction_details: { order_id: newOrderId(bank), gross_amount: 50000 },
				bank_transfer: { bank },
			});
			expect(data).toMatchObject({ status_code: '201', transaction_status: 'pending', payment_type: 'bank_transfer' });
			if (field === 'va_numbers')
				expect(data.va_numbers).toEqual([{ bank, va_number: expect.stringMatching(/^\d+$/) }]);
			else expect(data.permata_va_number).toMatch(/^\d{18}$/);
		});

		it('bank_transfer keeps a custom va_number', async () => {
			const { data } = await api.post('/v2/charge', {
				payment_type: 'bank_transfer',
				transaction_details: { order_id: newOrderId('va'), gross_amount: 50000 },
				bank_transfer: { bank: 'bca', va_number: '12345678' },
			});
			expect(data.va_numbers).toEqual([{ bank: 'bca', va_number: '12345678' }]);
		});

		it('qris: 201 pending with a qr_string and a QR image action', async () => {
			const { data } = await api.post('/v2/charge', {
				payment_type: 'qris',
				transaction_details: { order_id: newOrderId('qris'), gross_amount: 25000 },
			});
			expect(data).toMatchObject({
				status_code: '201',
				transaction_status: 'pending',
				payment_type: 'qris',
				acquirer: 'gopay',
			});
			expect(data.qr_string).toMatch(/^000201/);
			expect(data.actions[0]).toMatchObject({ name: 'generate-qr-code', method: 'GET' });
			expect((await api.get(data.actions[0].url)).status).toBe(200);
		});

		it('shopeepay: 201 pending with a deeplink', async () => {
			const { data } = await api.post('/v2/charge', {
				payment_type: 'shopeepay',
				transaction_details: { order_id: newOrderId('spay'), gross_amount: 25000 },
				shopeepay: { callback_url: 'https://shop.example.com/finish' },
			});
			expect(data).toMatchObject({ status_code: '201', transaction_status: 'pending', payment_type: 'shopeepay' });
			expect(data.actions).toEqual([
				{ name: 'deeplink-redirect', method: 'GET', url: expect.stringContaining(simulator.url) },
			]);
		});

		it('custom_expiry sets expiry_time from order_time and duration', async () => {
			const { data } = await api.post('/v2/charge', {
				...gopayCharge(newOrderId('expiry')),
				custom_expiry: { order_time: '2030-01-01 10:00:00 +0700', expiry_duration: 2, unit: 'hour' },
			});
			expect(data.expiry_time).toBe('2030-01-01 12:00:00');
		});
	});

	describe('card payments follow the sandbox test cards', () => {
		it('GET /v2/token turns a card into a single-use token; a wrong client key is refused', async () => {
			const token = await cardToken(api, '4811111111111114');
			expect(token).toMatch(/^481111-1114-/);
			const refused = await api.get('/v2/token', {
				params: { client_key: 'SB-Mid-client-wrong', card_number: '4811111111111114' },
			});
			expect(refused.status).toBe(401);
			const invalid = await api.get('/v2/token', {
				params: {
					client_key: 'SB-Mid-client-simulator',
					card_number: '4811111111111115',
					card_exp_month: '12',
					card_exp_year: '2020',
					card_cvv: '1',
				},
			});
			expect(invalid.data.status_code).toBe('400');
			expect(invalid.data.validation_messages).toEqual(
				expect.arrayContaining([
					'card_number is not valid',
					'card_cvv is not valid',
					expect.stringContaining('expired'),
				]),
			);
		});

		it('4811… asks for 3DS: 201 pending with a redirect_url; the OTP page completes it into capture', async () => {
			const { data } = await api.post(
				'/v2/charge',
				cardCharge(newOrderId('card3ds'), await cardToken(api, '4811111111111114')),
			);
			expect(data).toMatchObject({
				status_code: '201',
				transaction_status: 'pending',
				masked_card: '481111-1114',
				card_type: 'credit',
			});
			expect(data.redirect_url.startsWith(`${simulator.url}/v2/token/rba/redirect/`)).toBe(true);

			const form = { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } };
			const wrong = await api.post(data.redirect_url, 'otp=000000', form);
			expect(wrong.data).toContain('Wrong OTP');
			expect(simulator.transaction(data.order_id)?.transaction_status).toBe('pending');
			await api.post(data.redirect_url, 'otp=112233', form);
			expect(simulator.transaction(data.order_id)).toMatchObject({
				transaction_status: 'capture',
				fraud_status: 'accept',
			});
		});

		it('4411… is accepted without 3DS: 200 capture', async () => {
			const { data } = await api.post(
				'/v2/charge',
				cardCharge(newOrderId('card'), await cardToken(api, '4411111111111118')),
			);
			expect(data).toMatchObject({
				status_code: '200',
				transaction_status: 'capture',
				fraud_status: 'accept',
				channel_response_code: '00',
			});
			expect(data.approval_code).toBeDefined();
		});

		it('4911… is denied by the bank: 202 deny', async () => {
			const { data } = await api.post(
				'/v2/charge',
				cardCharge(newOrderId('deny'), await cardToken(api, '4911111111111113')),
			);
			expect(data).toMatchObject({
				status_code: '202',
				transaction_status: 'deny',
				fraud_status: 'accept',
				channel_response_code: '05',
			});
		});

		it('4611… is denied by fraud detection: 202 deny with fraud_status deny', async () => {
			const { data } = await api.post(
				'/v2/charge',
				cardCharge(newOrderId('fraud'), await cardToken(api, '4611111111111116')),
			);
			expect(data).toMatchObject({ status_code: '202', transaction_status: 'deny', fraud_status: 'deny' });
		});

		it('4511… is challenged: 201 capture with fraud_status challenge', async () => {
			const { data } = await api.post(
				'/v2/charge',
				cardCharge(newOrderId('challenge'), await cardToken(api, '4511111111111117')),
			);
			expect(data).toMatchObject({ status_code: '201', transaction_status: 'capture', fraud_status: 'challenge' });
		});

		it('type authorize reserves the money: 200 authorize', async () => {
			const { data } = await api.post(
				'/v2/charge',
				cardCharge(newOrderId('auth'), await cardToken(api, '4411111111111118'), { type: 'authorize' }),
			);
			expect(data).toMatchObject({ status_code: '200', transaction_status: 'authorize', fraud_status: 'accept' });
		});

		it('a hand-written token of the documented shape works; a token works once; a bad or missing token is 411', async () => {
			const handWritten = '441111-1118-my-test-token';
			expect((await api.post('/v2/charge', cardCharge(newOrderId('hand'), handWritten))).data.transaction_status).toBe(
				'capture',
			);
			const reused = await api.post('/v2/charge', cardCharge(newOrderId('reuse'), handWritten));
			expect(reused.data).toMatchObject({ status_code: '411', status_message: expect.stringContaining('Token id') });
			expect((await api.post('/v2/charge', cardCharge(newOrderId('bad'), 'not-a-token'))).data.status_code).toBe('411');
			const missing = await api.post('/v2/charge', { ...cardCharge(newOrderId('missing'), ''), credit_card: {} });
			expect(missing.data.status_code).toBe('411');
		});
	});

	describe('refusals', () => {
		it('a missing or wrong server key answers HTTP 401 with status_code "401"', async () => {
			const orderId = newOrderId('unauthorised');
			const wrong = await clientFor(simulator, 'SB-Mid-server-wrong').post('/v2/charge', gopayCharge(orderId));
			expect(wrong.status).toBe(401);
			expect(wrong.data.status_code).toBe('401');
			const missing = await api.post('/v2/charge', gopayCharge(orderId), { headers: { Authorization: '' } });
			expect(missing.status).toBe(401);
			expect(simulator.transaction(orderId)).toBeUndefined();
			expect((await clientFor(simulator, 'SB-Mid-server-wrong').get(`/v2/${orderId}/status`)).status).toBe(401);
		});

		it.each([
			[
				'a missing order_id',
				{ payment_type: 'gopay', transaction_details: { gross_amount: 1000 } },
				'transaction_details.order_id is required',
			],
			[
				'a non-integer amount',
				{ payment_type: 'gopay', transaction_details: { order_id: 'x-1', gross_amount: 1000.5 } },
				'transaction_details.gross_amount must be an integer',
			],
			[
				'an amount that is not the sum of the items',
				{
					payment_type: 'gopay',
					transaction_details: { order_id: 'x-2', gross_amount: 1000 },
					item_details: [{ name: 'Tea', price: 300, quantity: 3 }],
				},
				'transaction_details.gross_amount is not equal to the sum of item_details',
			],
			[
				'an unknown payment type',
				{ payment_type: 'cash', transaction_details: { order_id: 'x-3', gross_amount: 1000 } },
				'payment_type "cash" is not supported',
			],
			[
				'an unknown store',
				cstoreCharge('x-4', 'lawson' as 'alfamart'),
				'cstore.store "lawson" is not supported; use alfamart or indomaret',
			],
			[
				'an Indomaret amount under 10,000',
				cstoreCharge('x-5', 'indomaret', 5000),
				'transaction_details.gross_amount must be between 10000 and 5000000 for indomaret',
			],
			[
				'an order_id with a space',
				gopayCharge('order 1'),
				'transaction_details.order_id may contain only letters, digits and - _ ~ .',
			],
			[
				'a bank_transfer without a bank',
				{ payment_type: 'bank_transfer', transaction_details: { order_id: 'x-6', gross_amount: 1000 } },
				'bank_transfer.bank is required',
			],
		])('%s: HTTP 200 with status_code "400" and a validation message', async (_case, body, message) => {
			const { status, data } = await api.post('/v2/charge', body);
			expect(status).toBe(200);
			expect(data.status_code).toBe('400');
			expect(data.validation_messages).toContain(message);
		});

		it('a malformed body answers status_code "413"', async () => {
			const { data } = await api.post('/v2/charge', '{"payment_type":', {
				headers: { 'Content-Type': 'application/json' },
				// axios would otherwise quote the broken JSON into a valid JSON string.
				transformRequest: [(body) => body],
			});
			expect(data.status_code).toBe('413');
		});

		it('a payment type the merchant has not activated answers 402', async () => {
			const { data } = await api.post('/v2/charge', {
				payment_type: 'echannel',
				transaction_details: { order_id: newOrderId('bill'), gross_amount: 10000 },
				echannel: { bill_info1: 'Payment', bill_info2: 'Online' },
			});
			expect(data.status_code).toBe('402');
		});

		it('a second charge of an active or paid order_id is 406; after cancel or expire it is accepted', async () => {
			const orderId = newOrderId('dup');
			expect((await api.post('/v2/charge', gopayCharge(orderId))).data.status_code).toBe('201');
			const duplicate = await api.post('/v2/charge', gopayCharge(orderId));
			expect(duplicate.data).toMatchObject({
				status_code: '406',
				status_message: expect.stringContaining('Duplicate order ID'),
			});

			await api.post(`/v2/${orderId}/cancel`);
			const again = await api.post('/v2/charge', gopayCharge(orderId));
			expect(again.data).toMatchObject({ status_code: '201', transaction_status: 'pending' });
			await simulator.pay(orderId);
			expect((await api.post('/v2/charge', gopayCharge(orderId))).data.status_code).toBe('406');

			const expiring = newOrderId('dup-expire');
			await api.post('/v2/charge', gopayCharge(expiring));
			await simulator.expire(expiring);
			expect((await api.post('/v2/charge', gopayCharge(expiring))).data.status_code).toBe('201');
		});
	});

	describe('Snap', () => {
		const snapBody = (orderId: string) => ({ transaction_details: { order_id: orderId, gross_amount: 30000 } });

		it('POST /snap/v1/transactions answers 201 with a token and a payment page that can be paid', async () => {
			const orderId = newOrderId('snap');
			const { status, data } = await api.post('/snap/v1/transactions', snapBody(orderId));
			expect(status).toBe(201);
			expect(data.token).toMatch(UUID);
			expect(data.redirect_url).toBe(`${simulator.url}/snap/v4/redirection/${data.token}`);
			expect((await api.get(data.redirect_url)).data).toContain(orderId);
			await api.post(data.redirect_url, '', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
			expect(simulator.transaction(orderId)).toMatchObject({
				transaction_status: 'settlement',
				gross_amount: '30000.00',
			});
		});

		it('answers real HTTP statuses with error_messages', async () => {
			const unauthorised = await clientFor(simulator, 'wrong').post(
				'/snap/v1/transactions',
				snapBody(newOrderId('snap')),
			);
			expect(unauthorised.status).toBe(401);
			expect(unauthorised.data.error_messages).toEqual([expect.any(String)]);
			const invalid = await api.post('/snap/v1/transactions', { transaction_details: { order_id: 'snap-x' } });
			expect(invalid.status).toBe(400);
			expect(invalid.data.error_messages).toContain('transaction_details.gross_amount is required');
			const orderId = newOrderId('snap-dup');
			await api.post('/snap/v1/transactions', snapBody(orderId));
			const duplicate = await api.post('/snap/v1/transactions', snapBody(orderId));
			expect(duplicate.status).toBe(400);
			expect(duplicate.data.error_messages).toEqual(['transaction_details.order_id has already been taken']);
		});
	});
});
