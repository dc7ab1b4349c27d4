/**
 * Iris gets its answer in time whatever the payout details request does: one deadline covers it, its retries
 * and any wait Iris asks for. Iris documents no answer window; the trigger keeps Midtrans's (answer within 5 s).
 */
import { setTimeout as sleep } from 'timers/promises';

import { type LoopbackReply, type LoopbackRequest, startLoopback } from '../../harness/loopback';
import { IRIS_CREDENTIALS, payoutsTrigger } from '../../harness/payouts';
import { payoutNotification } from './fixtures';

const ANSWER_WITHIN_MS = 4_000;

/** Delivers a notification to a trigger whose Iris answers the payout details request as `reply` says. */
async function timeToAnswer(reply: (request: LoopbackRequest) => LoopbackReply | Promise<LoopbackReply>, parameters = {}) {
	const iris = await startLoopback(reply);
	try {
		const trigger = payoutsTrigger(parameters, { credentials: { ...IRIS_CREDENTIALS, environment: 'custom', baseUrl: iris.url } });
		const started = Date.now();
		const delivery = await trigger.deliver(payoutNotification({ status: 'completed' }));
		return { delivery, elapsedMs: Date.now() - started, requests: iris.requests.length };
	} finally {
		await iris.close();
	}
}

describe('Iris gets its answer in time, whatever the payout details request does', () => {
	it('a request that never answers: emitted unconfirmed on "other" within 4 s', async () => {
		const { delivery, elapsedMs } = await timeToAnswer(() => 'no-answer');
		expect(delivery.answer.statusCode).toBe(200);
		expect(Object.keys(delivery.branches)).toEqual(['other']);
		expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
	});

	it('with "Ask Iris to Retry Later", a request that never answers: 503 within 4 s, and nothing starts', async () => {
		const { delivery, elapsedMs } = await timeToAnswer(() => 'no-answer', { options: { whenUnreachable: 'retry' } });
		expect(delivery.answer.statusCode).toBe(503);
		expect(delivery.started).toBe(false);
		expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
	});

	it('a 429 asking to wait 30 s is not waited for', async () => {
		const { delivery, elapsedMs, requests } = await timeToAnswer(
			() => ({ status: 429, body: { error_message: 'Too many requests' }, headers: { 'retry-after': '30' } }),
			{ options: { whenUnreachable: 'retry' } },
		);
		expect(delivery.answer.statusCode).toBe(503);
		expect(requests).toBe(1);
		expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
	});

	it('slow 5xx answers and their retries all fit in one deadline', async () => {
		const { delivery, elapsedMs } = await timeToAnswer(
			async () => {
				await sleep(1_500);
				return { status: 503, body: { error_message: 'Service unavailable' } };
			},
			{ options: { whenUnreachable: 'retry' } },
		);
		expect(delivery.answer.statusCode).toBe(503);
		expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
	});

	it('an answer that comes late but in time is used', async () => {
		const { delivery, elapsedMs } = await timeToAnswer(async (request) => {
			const reference_no = request.url.split('/').pop();
			await sleep(1_500);
			return { status: 200, body: { reference_no, amount: '10000.00', status: 'completed' } };
		});
		expect(Object.keys(delivery.branches)).toEqual(['completed']);
		expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
	});
});
