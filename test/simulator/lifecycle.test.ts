import type { AxiosInstance } from 'axios';

import { type Simulator, SimulatorError } from '../../tools/simulator';
import {
	cardCharge,
	cardToken,
	cstoreCharge,
	gopayCharge,
	newOrderId,
	useSimulatorWithReceiver,
	waitFor,
	type SimulatorWithReceiver,
} from './helpers';

describe('simulator: status and state changes', () => {
	let simulator: Simulator;
	let api: AxiosInstance;
	let receiver: SimulatorWithReceiver['receiver'];

	const running = useSimulatorWithReceiver();
	beforeAll(() => ({ simulator, api, receiver } = running));

	const charge = async (body: object) => (await api.post('/v2/charge', body)).data;
	const statusOf = async (id: string) => (await api.get(`/v2/${id}/status`)).data;
	const notificationsFor = (orderId: string) =>
		receiver.received
			.filter((request) => request.body.order_id === orderId)
			.map((request) => request.body.transaction_status);

	describe('Get Status', () => {
		it('finds a transaction by order_id and by transaction_id', async () => {
			const charged = await charge(gopayCharge(newOrderId('status')));
			const byOrder = await statusOf(charged.order_id);
			const byTransaction = await statusOf(charged.transaction_id);
			expect(byOrder).toMatchObject({
				status_code: '201',
				status_message: 'Success, transaction is found',
				transaction_id: charged.transaction_id,
				transaction_status: 'pending',
				gross_amount: '44000.00',
			});
			expect(byTransaction).toEqual(byOrder);
		});

		it('percent-decodes the id', async () => {
			const orderId = `${newOrderId('tilde')}~a.b`;
			await charge(gopayCharge(orderId));
			const { data } = await api.get(`/v2/${orderId.replace('~', '%7E')}/status`);
			expect(data.order_id).toBe(orderId);
		});

		it('answers HTTP 404 with status_code "404" for an unknown id', async () => {
			const { status, data } = await api.get('/v2/no-such-order/status');
			expect(status).toBe(404);
			expect(data).toMatchObject({ status_code: '404', status_message: "Transaction doesn't exist." });
		});

		it('status/b2b lists every transaction of the order, including earlier cancelled ones', async () => {
			const orderId = newOrderId('b2b');
			await charge(gopayCharge(orderId));
			await api.post(`/v2/${orderId}/cancel`);
			await charge(gopayCharge(orderId));
			const { data } = await api.get(`/v2/${orderId}/status/b2b`);
			expect(
				data.transactions.map((transaction: { transaction_status: string }) => transaction.transaction_status),
			).toEqual(['cancel', 'pending']);
		});
	});

	describe('changes through the API', () => {
		it('cancel: pending → cancel, answered 200 and notified with status_code 202', async () => {
			const { order_id: orderId } = await charge(gopayCharge(newOrderId('cancel')));
			const { data } = await api.post(`/v2/${orderId}/cancel`);
			expect(data).toMatchObject({
				status_code: '200',
				status_message: 'Success, transaction is canceled',
				transaction_status: 'cancel',
			});
			await waitFor(() => notificationsFor(orderId).includes('cancel'), 'the cancel notification');
			expect(
				receiver.received.find(
					(request) => request.body.order_id === orderId && request.body.transaction_status === 'cancel',
				)?.body.status_code,
			).toBe('202');
		});

		it('expire: pending → expire, answered with status_code 407', async () => {
			const { order_id: orderId } = await charge(cstoreCharge(newOrderId('expire')));
			const { data } = await api.post(`/v2/${orderId}/expire`);
			expect(data).toMatchObject({ status_code: '407', transaction_status: 'expire' });
			expect((await statusOf(orderId)).transaction_status).toBe('expire');
		});

		it('illegal changes answer 412: cancel or expire a settled cstore payment, pay it twice', async () => {
			const { order_id: orderId } = await charge(cstoreCharge(newOrderId('settled')));
			await simulator.pay(orderId);
			expect((await api.post(`/v2/${orderId}/cancel`)).data.status_code).toBe('412');
			expect((await api.post(`/v2/${orderId}/expire`)).data.status_code).toBe('412');
			await expect(simulator.pay(orderId)).rejects.toMatchObject({ statusCode: '412' });
			expect((await statusOf(orderId)).transaction_status).toBe('settlement');
		});

		it('unknown ids answer 404 to every change', async () => {
			for (const action of ['cancel', 'expire', 'approve', 'deny', 'refund']) {
				const { status, data } = await api.post(`/v2/nobody-${action}/${action}`);
				expect([status, data.status_code]).toEqual([404, '404']);
			}
		});

		it('refund: a settled GoPay payment refunds partly, then fully; more is refused; cstore cannot be refunded', async () => {
			const { order_id: orderId } = await charge(gopayCharge(newOrderId('refund')));
			expect((await api.post(`/v2/${orderId}/refund`, { amount: 1000 })).data.status_code).toBe('412');
			await simulator.pay(orderId);

			const partial = (
				await api.post(`/v2/${orderId}/refund`, { refund_key: 'rk-1', amount: 4000, reason: 'one item missing' })
			).data;
			expect(partial).toMatchObject({
				status_code: '200',
				transaction_status: 'partial_refund',
				refund_amount: '4000.00',
				refund_key: 'rk-1',
				refund_chargeback_id: 1,
			});
			const rest = (await api.post(`/v2/${orderId}/refund/online/direct`, { reason: 'customer asked' })).data;
			expect(rest).toMatchObject({ transaction_status: 'refund', refund_amount: '40000.00' });
			const status = await statusOf(orderId);
			expect(status.refund_amount).toBe('44000.00');
			expect(status.refunds).toEqual([
				expect.objectContaining({ refund_amount: '4000.00', reason: 'one item missing' }),
				expect.objectContaining({ refund_amount: '40000.00', refund_method: 'online' }),
			]);
			expect(status.refunds[0].refund_method).toBeUndefined();
			expect((await api.post(`/v2/${orderId}/refund`, { amount: 1 })).data.status_code).toBe('412');

			const over = await charge(gopayCharge(newOrderId('over')));
			await simulator.pay(over.order_id);
			expect((await api.post(`/v2/${over.order_id}/refund`, { amount: 50000 })).data.status_code).toBe('414');

			const cash = await charge(cstoreCharge(newOrderId('cash')));
			await simulator.pay(cash.order_id);
			expect((await api.post(`/v2/${cash.order_id}/refund`, { amount: 1000 })).data.status_code).toBe('412');
		});

		it('capture: an authorized card is captured (partly), then settles; capture of anything else is 412', async () => {
			const authorized = await charge(
				cardCharge(newOrderId('capture'), await cardToken(api, '4411111111111118'), { type: 'authorize' }),
			);
			const captured = (
				await api.post('/v2/capture', { transaction_id: authorized.transaction_id, gross_amount: 100000 })
			).data;
			expect(captured).toMatchObject({ status_code: '200', transaction_status: 'capture', gross_amount: '100000.00' });
			expect(
				(await api.post('/v2/capture', { transaction_id: authorized.transaction_id, gross_amount: 100000 })).data
					.status_code,
			).toBe('412');
			expect((await simulator.pay(authorized.order_id)).transaction_status).toBe('settlement');
		});

		it('a card capture can be cancelled before it settles', async () => {
			const captured = await charge(cardCharge(newOrderId('void'), await cardToken(api, '4411111111111118')));
			expect((await api.post(`/v2/${captured.order_id}/cancel`)).data.transaction_status).toBe('cancel');
		});

		it('approve and deny settle a challenged card payment; an unchallenged one answers 412', async () => {
			const approved = await charge(cardCharge(newOrderId('approve'), await cardToken(api, '4511111111111117')));
			expect((await api.post(`/v2/${approved.order_id}/approve`)).data).toMatchObject({
				status_code: '200',
				transaction_status: 'capture',
				fraud_status: 'accept',
			});
			const denied = await charge(cardCharge(newOrderId('deny'), await cardToken(api, '4511111111111117')));
			expect((await api.post(`/v2/${denied.order_id}/deny`)).data).toMatchObject({
				transaction_status: 'deny',
				fraud_status: 'deny',
			});
			expect((await api.post(`/v2/${approved.order_id}/approve`)).data.status_code).toBe('412');
		});

		it('a pending transaction expires by itself when its custom_expiry runs out, and says so', async () => {
			const { order_id: orderId } = await charge({
				...gopayCharge(newOrderId('timeout')),
				custom_expiry: { expiry_duration: 1, unit: 'second' },
			});
			await waitFor(() => simulator.transaction(orderId)?.transaction_status === 'expire', 'the automatic expiry');
			await waitFor(() => notificationsFor(orderId).includes('expire'), 'the expire notification');
			expect(notificationsFor(orderId)).toEqual(['pending', 'expire']);
		});
	});

	describe('the programmatic API', () => {
		it('pay, expire, cancel and refund return the transaction after the change and throw SimulatorError when illegal', async () => {
			const { order_id: paid } = await charge(gopayCharge(newOrderId('prog')));
			expect(await simulator.pay(paid)).toMatchObject({
				transaction_status: 'settlement',
				settlement_time: expect.any(String),
			});
			expect(await simulator.refund(paid, 1000, 'damaged')).toMatchObject({
				transaction_status: 'partial_refund',
				refund_amount: '1000.00',
			});
			const { order_id: cancelled } = await charge(gopayCharge(newOrderId('prog')));
			expect((await simulator.cancel(cancelled)).transaction_status).toBe('cancel');
			await expect(simulator.expire(cancelled)).rejects.toBeInstanceOf(SimulatorError);
			await expect(simulator.pay('nobody')).rejects.toMatchObject({ statusCode: '404' });
		});

		it('pay resolves after its notification arrived, and notifications of one transaction arrive in order', async () => {
			const { order_id: orderId } = await charge(cstoreCharge(newOrderId('order')));
			await simulator.pay(orderId);
			expect(notificationsFor(orderId)).toEqual(['pending', 'settlement']);
		});
	});

	describe('Idempotency-Key', () => {
		it('replays the first answer for the same key without a new transaction', async () => {
			const orderId = newOrderId('idem');
			const headers = { 'Idempotency-Key': `key-${orderId}` };
			const first = (await api.post('/v2/charge', gopayCharge(orderId), { headers })).data;
			const second = (await api.post('/v2/charge', gopayCharge(orderId), { headers })).data;
			expect(second).toEqual(first);
			expect(simulator.transactions().filter((transaction) => transaction.order_id === orderId)).toHaveLength(1);
			const otherKey = (
				await api.post('/v2/charge', gopayCharge(orderId), { headers: { 'Idempotency-Key': `other-${orderId}` } })
			).data;
			expect(otherKey.status_code).toBe('406');
		});

		it('remembers only successful answers', async () => {
			const orderId = newOrderId('idem-fail');
			const headers = { 'Idempotency-Key': `key-${orderId}` };
			const invalid = (await api.post('/v2/charge', { ...gopayCharge(orderId), payment_type: 'cash' }, { headers }))
				.data;
			expect(invalid.status_code).toBe('400');
			const valid = (await api.post('/v2/charge', gopayCharge(orderId), { headers })).data;
			expect(valid.status_code).toBe('201');
		});

		it('is not honoured for Indomaret, nor beyond 46 characters', async () => {
			const indomaret = newOrderId('idem-indo');
			const headers = { 'Idempotency-Key': `key-${indomaret}` };
			await api.post('/v2/charge', cstoreCharge(indomaret), { headers });
			expect((await api.post('/v2/charge', cstoreCharge(indomaret), { headers })).data.status_code).toBe('406');

			const gopay = newOrderId('idem-long');
			const longKey = { 'Idempotency-Key': 'k'.repeat(47) };
			await api.post('/v2/charge', gopayCharge(gopay), { headers: longKey });
			expect((await api.post('/v2/charge', gopayCharge(gopay), { headers: longKey })).data.status_code).toBe('406');
		});

		it('also covers other POSTs such as cancel', async () => {
			const { order_id: orderId } = await charge(gopayCharge(newOrderId('idem-cancel')));
			const headers = { 'Idempotency-Key': `cancel-${orderId}` };
			const first = (await api.post(`/v2/${orderId}/cancel`, {}, { headers })).data;
			const replay = (await api.post(`/v2/${orderId}/cancel`, {}, { headers })).data;
			expect(replay).toEqual(first);
			expect((await api.post(`/v2/${orderId}/cancel`)).data.status_code).toBe('412');
		});
	});
});
