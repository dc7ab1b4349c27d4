import type { AxiosInstance } from 'axios';

import type { Simulator } from '../../tools/simulator';
import { cstoreCharge, gopayCharge, newOrderId, startTestSimulator } from './helpers';

describe('simulator: fault injection', () => {
	let simulator: Simulator;
	let api: AxiosInstance;

	beforeAll(async () => {
		({ simulator, api } = await startTestSimulator());
	});
	afterEach(() => simulator.clearFaults());
	afterAll(() => simulator.close());

	const countOf = (orderId: string) =>
		simulator.transactions().filter((transaction) => transaction.order_id === orderId).length;

	it.each([500, 503, 502])('http-%i answers that HTTP status and does not perform the operation', async (status) => {
		simulator.injectFault({ path: '/v2/charge', type: `http-${status}` });
		const orderId = newOrderId('http');
		const answer = await api.post('/v2/charge', gopayCharge(orderId));
		expect(answer.status).toBe(status);
		expect(answer.data.status_code).toBe(String(status));
		expect(countOf(orderId)).toBe(0);
	});

	it('http-429 carries Retry-After', async () => {
		simulator.injectFault({ path: '/v2/*/status', type: 'http-429', retryAfterSeconds: 7 });
		const answer = await api.get('/v2/anything/status');
		expect(answer.status).toBe(429);
		expect(answer.headers['retry-after']).toBe('7');
	});

	it('body-500 answers HTTP 200 with status_code "500" inside', async () => {
		simulator.injectFault({ path: '/v2/charge', type: 'body-500' });
		const answer = await api.post('/v2/charge', gopayCharge(newOrderId('body')));
		expect(answer.status).toBe(200);
		expect(answer.data).toMatchObject({
			status_code: '500',
			status_message: expect.stringContaining('internal server error'),
		});
	});

	it('drop destroys the connection without an answer', async () => {
		simulator.injectFault({ path: '/v2/charge', type: 'drop' });
		const orderId = newOrderId('drop');
		await expect(api.post('/v2/charge', gopayCharge(orderId))).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(countOf(orderId)).toBe(0);
	});

	it('after: the operation happens and only its answer is lost', async () => {
		simulator.injectFault({ path: '/v2/charge', type: 'drop', after: true, times: 1 });
		const dropped = newOrderId('after-drop');
		await expect(api.post('/v2/charge', gopayCharge(dropped))).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(simulator.transaction(dropped)?.transaction_status).toBe('pending');

		simulator.injectFault({ path: '/v2/charge', type: 'http-500', after: true, times: 1 });
		const failed = newOrderId('after-500');
		expect((await api.post('/v2/charge', gopayCharge(failed))).status).toBe(500);
		expect(countOf(failed)).toBe(1);
	});

	it('after a lost answer, a retry with the same Idempotency-Key gets the first answer and no second transaction', async () => {
		simulator.injectFault({ path: '/v2/charge', type: 'drop', after: true, times: 1 });
		const orderId = newOrderId('lost');
		const headers = { 'Idempotency-Key': `key-${orderId}` };
		await expect(api.post('/v2/charge', gopayCharge(orderId), { headers })).rejects.toMatchObject({
			code: 'ECONNRESET',
		});
		const retried = await api.post('/v2/charge', gopayCharge(orderId), { headers });
		expect(retried.data).toMatchObject({
			status_code: '201',
			transaction_id: simulator.transaction(orderId)?.transaction_id,
		});
		expect(countOf(orderId)).toBe(1);
	});

	it('slow holds the answer back: a later fast request is answered first', async () => {
		simulator.injectFault({ path: '/v2/*/status', type: 'slow', delayMs: 300, times: 1 });
		const { data: charged } = await api.post('/v2/charge', gopayCharge(newOrderId('slow')));
		const order: string[] = [];
		const slow = api
			.get(`/v2/${charged.order_id}/status`)
			.then((answer) => order.push(`slow ${answer.data.transaction_status}`));
		// Wait until the slow request has taken the fault, so the next one is not slowed.
		while (simulator.faults()[0].hits === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		const fast = api
			.get(`/v2/${charged.order_id}/status`)
			.then((answer) => order.push(`fast ${answer.data.transaction_status}`));
		await Promise.all([slow, fast]);
		expect(order).toEqual(['fast pending', 'slow pending']);
	});

	it('times limits a fault to the next N matching requests; method narrows it', async () => {
		simulator.injectFault({ path: '/v2/**', method: 'get', type: 'http-503', times: 2 });
		const { data: charged } = await api.post('/v2/charge', cstoreCharge(newOrderId('times')));
		expect(charged.status_code).toBe('201');
		const statuses = [];
		for (let attempt = 0; attempt < 3; attempt++)
			statuses.push((await api.get(`/v2/${charged.order_id}/status`)).status);
		expect(statuses).toEqual([503, 503, 200]);
		expect(simulator.faults()[0]).toMatchObject({ hits: 2, remaining: 0 });
	});

	it('faults on Snap answer in Snap’s shape', async () => {
		simulator.injectFault({ path: '/snap/v1/transactions', type: 'http-503' });
		const answer = await api.post('/snap/v1/transactions', {
			transaction_details: { order_id: newOrderId('snap'), gross_amount: 1000 },
		});
		expect(answer.status).toBe(503);
		expect(answer.data.error_messages).toEqual([expect.any(String)]);
	});

	it('the control API is never faulted, and clearFaults ends every fault', async () => {
		simulator.injectFault({ path: '/**', type: 'http-500' });
		expect((await api.get('/_simulator/transactions')).status).toBe(200);
		expect((await api.get('/v2/x/status')).status).toBe(500);
		simulator.clearFaults();
		expect((await api.get('/v2/x/status')).status).toBe(404);
	});
});
