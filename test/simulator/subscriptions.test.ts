import { createHash } from 'crypto';

import type { Simulator } from '../../tools/simulator';
import { clientFor, type Json, newOrderId, startReceiver, startTestSimulator, waitFor } from './helpers';

const SERVER_KEY = 'SB-Mid-server-simulator';
const CLIENT_KEY = 'SB-Mid-client-simulator';
/** A month of 150 ms, retries an "hour" of 20 ms apart: a year of charges in seconds. */
const FAST_SCHEDULE = { month: 150, week: 150, day: 150, hour: 20, minute: 5 };

const signatureOf = (body: Json) =>
	createHash('sha512').update(`${body.order_id}${body.status_code}${body.gross_amount}${SERVER_KEY}`).digest('hex');

describe('simulator: Subscription API', () => {
	const cleanups: Array<() => Promise<void>> = [];
	afterEach(async () => {
		while (cleanups.length) await cleanups.pop()!();
	});

	async function setUp(scheduleUnitMs: Json = FAST_SCHEDULE) {
		const receiver = await startReceiver();
		const { simulator, api } = await startTestSimulator({
			notificationUrl: receiver.url('/payments'),
			recurringNotificationUrl: receiver.url('/recurring'),
			payAccountNotificationUrl: receiver.url('/accounts'),
			scheduleUnitMs: scheduleUnitMs,
		});
		cleanups.push(
			() => receiver.close(),
			() => simulator.close(),
		);
		const at = (path: string) =>
			receiver.received.filter((request) => request.path === path).map((request) => request.body);
		return { receiver, simulator, api, at };
	}

	/** A card saved with Register, as a merchant gets one: its saved_token_id. */
	async function savedCard(simulator: Simulator, cardNumber = '4811111111111114'): Promise<string> {
		const { data } = await clientFor(simulator).get('/v2/card/register', {
			params: {
				card_number: cardNumber,
				card_exp_month: '12',
				card_exp_year: String(new Date().getFullYear() + 3),
				client_key: CLIENT_KEY,
			},
		});
		return data.saved_token_id;
	}

	const cardSubscription = (token: string, extra: Json = {}) => ({
		name: newOrderId('MONTHLY'),
		amount: '14000',
		currency: 'IDR',
		payment_type: 'credit_card',
		token,
		schedule: { interval: 1, interval_unit: 'month', max_interval: 2 },
		customer_details: { first_name: 'Budi', email: 'budi@example.com' },
		...extra,
	});

	it('creates a subscription answering as the docs show, and sends the flat "created" notification to the Recurring Notification URL only', async () => {
		const { simulator, api, at } = await setUp({ month: 60_000 });
		const token = await savedCard(simulator);
		const { status, data } = await api.post(
			'/v1/subscriptions',
			cardSubscription(token, { metadata: { plan: 'coffee' } }),
		);
		expect(status).toBe(200);
		expect(data).toMatchObject({
			id: expect.any(String),
			amount: '14000',
			currency: 'IDR',
			status: 'active',
			token,
			payment_type: 'credit_card',
			transaction_ids: [],
			schedule: {
				interval: 1,
				interval_unit: 'month',
				max_interval: 2,
				current_interval: 0,
				previous_execution_at: null,
			},
			metadata: { plan: 'coffee' },
		});
		expect(data.schedule.next_execution_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		await waitFor(() => at('/recurring').length === 1, 'the created notification');
		const [created] = at('/recurring');
		expect(created).toMatchObject({
			id: data.id,
			status: 'active',
			merchant_id: expect.any(String),
			amount: '14000',
			payment_type: 'credit_card',
		});
		expect(created.event_name).toBeUndefined();
		expect(created.signature_key).toBeUndefined();
		expect(created.schedule.start_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
		expect(at('/payments')).toEqual([]);
		expect((await api.get(`/v1/subscriptions/${data.id}`)).data).toEqual(data);
	});

	it('charges on the compressed schedule until max_interval: a signed payment notification and a subscription.charge notification each time', async () => {
		const { simulator, api, at } = await setUp();
		const token = await savedCard(simulator, '4411111111111118');
		const { data } = await api.post('/v1/subscriptions', cardSubscription(token));
		await waitFor(
			() => at('/recurring').filter((body) => body.event_name === 'subscription.charge').length === 2,
			'two charges',
		);
		await simulator.idle();
		const charges = at('/recurring').filter((body) => body.event_name === 'subscription.charge');
		expect(charges.map((body) => body.transaction)).toEqual([
			expect.objectContaining({
				transaction_status: 'capture',
				status_code: '200',
				channel_response_message: 'Approved',
			}),
			expect.objectContaining({ transaction_status: 'capture', status_code: '200' }),
		]);
		expect(charges.map((body) => body.subscription.schedule.current_interval)).toEqual([1, 2]);
		const payments = at('/payments');
		expect(payments).toHaveLength(2);
		for (const payment of payments) {
			expect(payment.order_id).toMatch(new RegExp(`^${data.name}-\\d{32}$`));
			expect(payment.signature_key).toBe(signatureOf(payment));
			expect(payment.transaction_status).toBe('capture');
		}
		const { data: after } = await api.get(`/v1/subscriptions/${data.id}`);
		expect(after.schedule).toMatchObject({ current_interval: 2, next_execution_at: null });
		expect(after.transaction_ids).toEqual(charges.map((body) => body.transaction.transaction_id));
		const status = await api.get(`/v2/${after.transaction_ids[0]}/status`);
		expect(status.data).toMatchObject({ transaction_status: 'capture', gross_amount: '14000.00' });
	});

	it('a charge told to fail is retried on the retry schedule, each attempt a denied transaction, then one failure notification and the subscription inactive', async () => {
		const { simulator, api, at } = await setUp({ month: 60_000, hour: 20 });
		const token = await savedCard(simulator);
		const { data } = await api.post(
			'/v1/subscriptions',
			cardSubscription(token, { retry_schedule: { interval: 1, interval_unit: 'hour', max_interval: 1 } }),
		);
		const charge = await simulator.chargeSubscription(data.id, { fail: 'deny' });
		await simulator.idle();
		expect(charge.succeeded).toBe(false);
		expect(charge.transactions.map((transaction) => transaction.transaction_status)).toEqual(['deny', 'deny']);
		const payments = at('/payments');
		expect(payments.map((body) => [body.transaction_status, body.status_code])).toEqual([
			['deny', '202'],
			['deny', '202'],
		]);
		const failure = at('/recurring').find((body) => body.event_name === 'subscription.charge')!;
		expect(failure.transaction).toMatchObject({
			transaction_status: 'deny',
			status_code: '202',
			transaction_id: charge.transactions[1].transaction_id,
		});
		expect(failure.subscription.status).toBe('inactive');
		expect((await api.get(`/v1/subscriptions/${data.id}`)).data).toMatchObject({
			status: 'inactive',
			transaction_ids: [],
		});
	});

	it('a refused token and Midtrans’s own failure make no transaction: the documented 411 and 500 shapes', async () => {
		const { simulator, api, at } = await setUp({ month: 60_000 });
		const { data: unknownToken } = await api.post(
			'/v1/subscriptions',
			cardSubscription('48111111NotASavedTokenAtAll01114', { retry_schedule: { max_interval: 0 } }),
		);
		await simulator.chargeSubscription(unknownToken.id);
		const token = await savedCard(simulator);
		const { data: failing } = await api.post(
			'/v1/subscriptions',
			cardSubscription(token, { retry_schedule: { max_interval: 0 } }),
		);
		await simulator.chargeSubscription(failing.id, { fail: 'server' });
		await simulator.idle();
		const failures = at('/recurring').filter((body) => body.event_name === 'subscription.charge');
		expect(failures.map((body) => body.transaction)).toEqual([
			{ status_message: 'Token id is missing, invalid, or timed out', status_code: '411' },
			{ status_message: 'Internal Server Error', status_code: '500' },
		]);
		expect(at('/payments')).toEqual([]);
	});

	it('charges a GoPay subscription from the linked account, and refuses once the customer unlinked it', async () => {
		const { simulator, api, at } = await setUp({ month: 60_000 });
		const { data: linked } = await api.post('/v2/pay/account', {
			payment_type: 'gopay',
			gopay_partner: { phone_number: '81212345678', country_code: '62' },
		});
		await simulator.activateAccount(linked.account_id);
		const { data: account } = await api.get(`/v2/pay/account/${linked.account_id}`);
		const wallet = account.metadata.payment_options.find((option: Json) => option.name === 'GOPAY_WALLET');
		const { data } = await api.post('/v1/subscriptions', {
			...cardSubscription(wallet.token, { payment_type: 'gopay', retry_schedule: { max_interval: 0 } }),
			gopay: { account_id: linked.account_id },
		});
		const paid = await simulator.chargeSubscription(data.id);
		expect(paid.transactions[0]).toMatchObject({
			payment_type: 'gopay',
			transaction_status: 'settlement',
			payment_option_type: 'GOPAY_WALLET',
		});
		await simulator.unlinkAccount(linked.account_id);
		const refused = await simulator.chargeSubscription(data.id);
		await simulator.idle();
		expect(refused.succeeded).toBe(false);
		const notifications = at('/recurring').filter((body) => body.event_name === 'subscription.charge');
		expect(notifications[0].transaction).toEqual({
			transaction_status: 'settlement',
			transaction_id: paid.transactions[0].transaction_id,
			status_code: '200',
		});
		expect(notifications[1].transaction.status_code).toBe('411');
		expect(notifications[0].subscription.gopay).toEqual({ account_id: linked.account_id });
	});

	it('refuses a bad request with HTTP 400, status_message and validation_messages, and an unknown ID with 404, without status_code', async () => {
		const { api } = await setUp();
		const invalid = await api.post('/v1/subscriptions', {
			name: 'has space',
			amount: '14000.50',
			currency: 'USD',
			payment_type: 'ovo',
			schedule: { interval: 0, interval_unit: 'year', start_time: '2020-01-01 00:00:00 +0700' },
			retry_schedule: { max_interval: 4 },
		});
		expect(invalid.status).toBe(400);
		expect(invalid.data.status_message).toBe('Invalid parameter.');
		expect(invalid.data.status_code).toBeUndefined();
		expect(invalid.data.validation_messages).toEqual(
			expect.arrayContaining([
				'subscription.name may contain only letters, digits and - _ ~ .',
				'subscription.amount must be a whole number without decimal',
				'subscription.currency must be IDR',
				'subscription.token is required',
				'subscription.payment_type must be credit_card or gopay',
				'schedule.interval must be a positive integer',
				'schedule.interval_unit must be one of day, week, month',
				'schedule.start_time must be after the current time',
				'retry_schedule.max_interval must be an integer from 0 to 3',
			]),
		);
		const missing = await api.get('/v1/subscriptions/nope');
		expect(missing.status).toBe(404);
		expect(missing.data).toEqual({ status_message: "Subscription doesn't exist." });
	});

	it('disable stops the schedule and enable resumes it; update changes only what the docs allow', async () => {
		const { simulator, api } = await setUp({ month: 60_000 });
		const token = await savedCard(simulator);
		const { data } = await api.post('/v1/subscriptions', cardSubscription(token));
		expect((await api.post(`/v1/subscriptions/${data.id}/disable`)).data).toEqual({
			status_message: 'Subscription is updated.',
		});
		expect((await api.get(`/v1/subscriptions/${data.id}`)).data).toMatchObject({
			status: 'inactive',
			schedule: { next_execution_at: null },
		});
		await api.post(`/v1/subscriptions/${data.id}/enable`);
		expect((await api.get(`/v1/subscriptions/${data.id}`)).data.schedule.next_execution_at).not.toBeNull();

		const changed = await api.patch(`/v1/subscriptions/${data.id}`, {
			name: data.name,
			amount: '16000',
			currency: 'IDR',
			token,
			schedule: { interval: 2 },
		});
		expect(changed.data).toEqual({ status_message: 'Subscription is updated.' });
		expect((await api.get(`/v1/subscriptions/${data.id}`)).data).toMatchObject({
			amount: '16000',
			schedule: { interval: 2 },
		});
		const refused = await api.patch(`/v1/subscriptions/${data.id}`, {
			name: data.name,
			currency: 'IDR',
			token,
			schedule: { interval_unit: 'week' },
		});
		expect(refused.status).toBe(400);
		expect(refused.data.validation_messages).toEqual(
			expect.arrayContaining([
				'subscription.amount is required',
				'schedule.interval_unit and schedule.max_interval can not be updated',
			]),
		);
	});

	it('replays a create with the same Idempotency-Key instead of creating a second subscription', async () => {
		const { simulator, api } = await setUp({ month: 60_000 });
		const token = await savedCard(simulator);
		const body = cardSubscription(token);
		const headers = { 'Idempotency-Key': `sub-${body.name}` };
		const first = await api.post('/v1/subscriptions', body, { headers });
		const second = await api.post('/v1/subscriptions', body, { headers });
		expect(second.data.id).toBe(first.data.id);
		expect((await api.get('/_simulator/subscriptions')).data).toHaveLength(1);
	});
});

describe('simulator: notifyRaw, for shapes notify() does not make', () => {
	it('delivers any JSON as Midtrans delivers notifications, and retries it on Midtrans’s schedule', async () => {
		let answered = 0;
		const receiver = await startReceiver(() => (answered++ === 0 ? 503 : 200));
		const { simulator } = await startTestSimulator({ retryIntervalsMs: [5] });
		try {
			const forged = {
				transaction: { status_code: '200', transaction_status: 'settlement' },
				subscription: { id: 'made-up' },
				event_name: 'subscription.charge',
			};
			const delivery = await simulator.notifyRaw({
				url: receiver.url('/recurring'),
				body: forged,
				kind: 'subscription',
			});
			expect(delivery).toMatchObject({
				kind: 'subscription',
				order_id: 'made-up',
				transaction_status: 'subscription.charge',
				state: 'retry-scheduled',
			});
			await simulator.idle();
			expect(receiver.received.map((request) => request.body)).toEqual([forged, forged]);
			expect(receiver.received[0].headers['user-agent']).toBe('Veritrans');
		} finally {
			await simulator.close();
			await receiver.close();
		}
	});
});
