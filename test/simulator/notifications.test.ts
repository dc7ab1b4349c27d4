import { createHash } from 'crypto';

import { DEFAULT_SIMULATOR_SERVER_KEY, signatureFor, startSimulator } from '../../tools/simulator';
import { clientFor, cstoreCharge, gopayCharge, newOrderId, startReceiver, startTestSimulator } from './helpers';

/** Computed here from the definition, not with the simulator's own helper. */
const expectedSignature = (body: Record<string, string>, serverKey: string) =>
	createHash('sha512')
		.update(body.order_id + body.status_code + body.gross_amount + serverKey)
		.digest('hex');

const FAST_RETRIES = [5, 5, 5, 5, 5];

describe('simulator: notifications', () => {
	const cleanups: Array<() => Promise<void>> = [];
	afterEach(async () => {
		while (cleanups.length) await cleanups.pop()!();
	});

	async function setUp(
		answer?: Parameters<typeof startReceiver>[0],
		options: Parameters<typeof startTestSimulator>[0] = {},
	) {
		const receiver = await startReceiver(answer);
		const { simulator, api } = await startTestSimulator({
			notificationUrl: receiver.url(),
			retryIntervalsMs: FAST_RETRIES,
			...options,
		});
		cleanups.push(
			() => receiver.close(),
			() => simulator.close(),
		);
		return { receiver, simulator, api };
	}

	it('look like Midtrans’s: POST JSON from Veritrans, signed over the exact strings sent', async () => {
		const serverKey = 'SB-Mid-server-another-key';
		const { receiver, simulator } = await setUp(undefined, { serverKey });
		const authorised = clientFor(simulator, serverKey);
		const { data: charged } = await authorised.post('/v2/charge', cstoreCharge(newOrderId('sig'), 'alfamart', 162500));
		await simulator.pay(charged.order_id);

		expect(receiver.received).toHaveLength(2);
		const [pending, settlement] = receiver.received;
		expect(pending.headers['user-agent']).toBe('Veritrans');
		expect(pending.headers['content-type']).toBe('application/json');
		expect(pending.body).toMatchObject({
			transaction_status: 'pending',
			status_code: '201',
			status_message: 'midtrans payment notification',
			transaction_id: charged.transaction_id,
			order_id: charged.order_id,
			gross_amount: '162500.00',
			payment_type: 'cstore',
			payment_code: charged.payment_code,
			store: 'alfamart',
			merchant_id: charged.merchant_id,
			currency: 'IDR',
			fraud_status: 'accept',
			transaction_time: charged.transaction_time,
		});
		expect(settlement.body).toMatchObject({
			transaction_status: 'settlement',
			status_code: '200',
			settlement_time: expect.any(String),
		});
		for (const { body, raw } of receiver.received) {
			expect(raw).toContain('"gross_amount":"162500.00"');
			expect(body.signature_key).toBe(expectedSignature(body, serverKey));
			expect(body.signature_key).not.toBe(expectedSignature(body, DEFAULT_SIMULATOR_SERVER_KEY));
			expect(body.actions).toBeUndefined();
		}
	});

	it('signatureFor matches the definition', () => {
		const body = { order_id: 'order-101n-1578557719', status_code: '200', gross_amount: '44000.00' };
		expect(signatureFor(body.order_id, body.status_code, body.gross_amount, 'key')).toBe(
			expectedSignature(body, 'key'),
		);
	});

	it('go to X-Override-Notification instead of the dashboard URL, and to X-Append-Notification as well as it', async () => {
		const { receiver, simulator, api } = await setUp();
		const overridden = newOrderId('override');
		await api.post('/v2/charge', gopayCharge(overridden), {
			headers: { 'X-Override-Notification': `${receiver.url('/one')}, ${receiver.url('/two')}` },
		});
		await simulator.pay(overridden);
		const appended = newOrderId('append');
		await api.post('/v2/charge', gopayCharge(appended), {
			headers: { 'X-Append-Notification': receiver.url('/extra') },
		});
		await simulator.pay(appended);

		const pathsFor = (orderId: string) =>
			receiver.received
				.filter((request) => request.body.order_id === orderId)
				.map((request) => `${request.body.transaction_status} ${request.path}`)
				.sort();
		expect(pathsFor(overridden)).toEqual(['pending /one', 'pending /two', 'settlement /one', 'settlement /two']);
		expect(pathsFor(appended)).toEqual([
			'pending /extra',
			'pending /notify',
			'settlement /extra',
			'settlement /notify',
		]);
	});

	it('take at most three URLs from a header', async () => {
		const { receiver, simulator, api } = await setUp();
		const orderId = newOrderId('four');
		const urls = ['/a', '/b', '/c', '/d'].map((path) => receiver.url(path)).join(',');
		await api.post('/v2/charge', gopayCharge(orderId), { headers: { 'X-Override-Notification': urls } });
		await simulator.idle();
		expect(receiver.received.map((request) => request.path).sort()).toEqual(['/a', '/b', '/c']);
	});

	it('go nowhere without a dashboard URL or a header, and setNotificationUrl changes the dashboard URL', async () => {
		const receiver = await startReceiver();
		const simulator = await startSimulator({ port: 0 });
		cleanups.push(
			() => receiver.close(),
			() => simulator.close(),
		);
		const api = clientFor(simulator);
		const silent = newOrderId('silent');
		await api.post('/v2/charge', gopayCharge(silent));
		await simulator.pay(silent);
		expect(simulator.deliveries()).toEqual([]);

		simulator.setNotificationUrl(receiver.url());
		const heard = newOrderId('heard');
		await api.post('/v2/charge', gopayCharge(heard));
		await simulator.pay(heard);
		expect(receiver.received.map((request) => request.body.transaction_status)).toEqual(['pending', 'settlement']);
	});

	describe('retries follow Midtrans’s schedule by the receiver’s answer', () => {
		it.each([
			[500, 2],
			[503, 5],
			[400, 3],
			[404, 3],
			[301, 1],
			[302, 1],
			[303, 1],
			[418, 6],
			[502, 6],
		])('HTTP %i → %i attempts in all', async (status, attempts) => {
			const { receiver, simulator } = await setUp(() => status);
			await simulator.notify({ url: receiver.url(), status: 'settlement' });
			await simulator.idle();
			expect(receiver.received).toHaveLength(attempts);
			const [delivery] = simulator.deliveries();
			expect(delivery.state).toBe('failed');
			expect(delivery.attempts.map((attempt) => attempt.httpStatus)).toEqual(Array(attempts).fill(status));
		});

		it('an unreachable receiver is tried six times', async () => {
			const { simulator } = await setUp();
			await simulator.notify({ url: 'http://127.0.0.1:1/nothing-listens', status: 'settlement' });
			await simulator.idle();
			const [delivery] = simulator.deliveries();
			expect(delivery.attempts).toHaveLength(6);
			expect(delivery.attempts[0].error).toContain('ECONNREFUSED');
		});

		it('a retry that succeeds ends the delivery; each retry resends the same body', async () => {
			const { receiver, simulator } = await setUp((index) => (index < 2 ? 503 : 200));
			await simulator.notify({ url: receiver.url(), status: 'settlement', orderId: 'retried-1' });
			await simulator.idle();
			expect(receiver.received).toHaveLength(3);
			expect(new Set(receiver.received.map((request) => request.raw)).size).toBe(1);
			expect(simulator.deliveries()[0]).toMatchObject({
				state: 'delivered',
				attempts: [{ httpStatus: 503 }, { httpStatus: 503 }, { httpStatus: 200 }],
			});
		});

		it.each([307, 308])('HTTP %i is followed to the new place', async (status) => {
			const { receiver, simulator } = await setUp((_index, path) =>
				path === '/moved' ? { status, headers: { Location: '/here' } } : 200,
			);
			const delivery = await simulator.notify({ url: receiver.url('/moved'), status: 'settlement' });
			expect(delivery.state).toBe('delivered');
			expect(receiver.received.map((request) => request.path)).toEqual(['/moved', '/here']);
		});

		it('close() cancels retries still waiting', async () => {
			const receiver = await startReceiver(() => 503);
			const simulator = await startSimulator({ port: 0, retryIntervalsMs: [60_000] });
			cleanups.push(() => receiver.close());
			const delivery = await simulator.notify({ url: receiver.url(), status: 'settlement' });
			expect(delivery.state).toBe('retry-scheduled');
			await simulator.close();
			expect(simulator.deliveries()[0].state).toBe('cancelled');
			expect(receiver.received).toHaveLength(1);
		});
	});

	describe('notify()', () => {
		it('sends a signed notification of any status to any URL, for a made-up transaction', async () => {
			const { receiver, simulator } = await setUp();
			const delivery = await simulator.notify({
				url: receiver.url('/hook'),
				status: 'expire',
				orderId: 'never-charged',
				grossAmount: '12345.00',
			});
			expect(delivery).toMatchObject({
				state: 'delivered',
				url: receiver.url('/hook'),
				attempts: [{ httpStatus: 200, responseBody: 'ok' }],
			});
			const { body } = receiver.received[0];
			expect(body).toMatchObject({
				order_id: 'never-charged',
				transaction_status: 'expire',
				status_code: '202',
				gross_amount: '12345.00',
			});
			expect(body.signature_key).toBe(expectedSignature(body, DEFAULT_SIMULATOR_SERVER_KEY));
		});

		it('uses a known order’s fields, and can send a forged signature or extra fields', async () => {
			const { receiver, simulator, api } = await setUp(undefined, { notificationUrl: undefined });
			const { data: charged } = await api.post('/v2/charge', cstoreCharge(newOrderId('known')));
			await simulator.notify({
				url: receiver.url(),
				status: 'settlement',
				orderId: charged.order_id,
				signatureKey: 'forged',
				fields: { approval_code: '42' },
			});
			const { body } = receiver.received[0];
			expect(body).toMatchObject({
				transaction_id: charged.transaction_id,
				payment_code: charged.payment_code,
				transaction_status: 'settlement',
				status_code: '200',
				signature_key: 'forged',
				approval_code: '42',
			});
			expect(simulator.transaction(charged.order_id)?.transaction_status).toBe('pending');
		});

		it('refuses a notification without a URL or status', async () => {
			const { simulator } = await setUp();
			await expect(simulator.notify({ url: 'not a url', status: '' })).rejects.toMatchObject({
				statusCode: '400',
				validationMessages: ['url must be an http(s) URL', 'status is required'],
			});
		});

		it('can skip retries', async () => {
			const { receiver, simulator } = await setUp(() => 500);
			await simulator.notify({ url: receiver.url(), status: 'settlement', retry: false });
			await simulator.idle();
			expect(receiver.received).toHaveLength(1);
		});
	});

	it('every state change is announced: charge, pay, refund, cancel, expire', async () => {
		const { receiver, simulator, api } = await setUp();
		const paid = newOrderId('all');
		await api.post('/v2/charge', gopayCharge(paid));
		await simulator.pay(paid);
		await simulator.refund(paid, 1000);
		await simulator.refund(paid);
		const cancelled = newOrderId('all');
		await api.post('/v2/charge', gopayCharge(cancelled));
		await simulator.cancel(cancelled);
		const expired = newOrderId('all');
		await api.post('/v2/charge', gopayCharge(expired));
		await simulator.expire(expired);
		await simulator.idle();
		const seen = (orderId: string) => receiver.received.filter((request) => request.body.order_id === orderId);
		expect(seen(paid).map((request) => `${request.body.transaction_status} ${request.body.status_code}`)).toEqual([
			'pending 201',
			'settlement 200',
			'partial_refund 200',
			'refund 200',
		]);
		expect(seen(paid)[3].body.refund_amount).toBe('44000.00');
		expect(seen(cancelled).map((request) => `${request.body.transaction_status} ${request.body.status_code}`)).toEqual([
			'pending 201',
			'cancel 202',
		]);
		expect(seen(expired).map((request) => `${request.body.transaction_status} ${request.body.status_code}`)).toEqual([
			'pending 201',
			'expire 202',
		]);
	});
});
