import { setTimeout as sleep } from 'timers/promises';

import { type LoopbackReply, type LoopbackRequest, startLoopback } from '../../harness/loopback';
import { customCredentials, TEST_SERVER_KEY } from '../../harness/midtrans';
import { notificationWith, midtransTrigger } from './fixtures';

/** Midtrans waits 5 s for an answer; the trigger promises 4 s whatever Get Status does. */
const ANSWER_WITHIN_MS = 4_000;

let orderCounter = 0;

/** Delivers a notification to a trigger whose Midtrans answers Get Status as `reply` says. */
async function timeToAnswer(reply: (request: LoopbackRequest) => LoopbackReply | Promise<LoopbackReply>) {
	const midtrans = await startLoopback(reply);
	try {
		const trigger = midtransTrigger({}, { credentials: customCredentials(midtrans.url, TEST_SERVER_KEY) });
		const started = Date.now();
		const delivery = await trigger.deliver({ body: notificationWith('settlement', { order_id: `order-deadline-${++orderCounter}` }) });
		return { delivery, elapsedMs: Date.now() - started, requests: midtrans.requests.length };
	} finally {
		await midtrans.close();
	}
}

describe('Midtrans gets its answer in time, whatever Get Status does', () => {
	it('a Get Status that never answers: 503 (Midtrans will retry) within 4 s, and nothing starts', async () => {
		const { delivery, elapsedMs } = await timeToAnswer(() => 'no-answer');
		expect(delivery.answer.statusCode).toBe(503);
		expect(delivery.started).toBe(false);
		expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
	});

	it('a 429 asking to wait 30 s is not waited for: 503 within 4 s', async () => {
		const { delivery, elapsedMs, requests } = await timeToAnswer(() => ({
			status: 429,
			body: { status_code: '429', status_message: 'Too many requests' },
			headers: { 'retry-after': '30' },
		}));
		expect(delivery.answer.statusCode).toBe(503);
		expect(requests).toBe(1);
		expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
	});

	it('slow 5xx answers and their retries all fit in one deadline: 503 within 4 s', async () => {
		const { delivery, elapsedMs } = await timeToAnswer(async () => {
			await sleep(1_500);
			return { status: 503, body: { status_code: '503', status_message: 'Service unavailable' } };
		});
		expect(delivery.answer.statusCode).toBe(503);
		expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
	});

	it('an answer that comes late but in time is used', async () => {
		let notificationTransactionId = '';
		const { delivery, elapsedMs } = await timeToAnswer(async (request) => {
			notificationTransactionId = decodeURIComponent(request.url.split('/')[2]);
			await sleep(2_000);
			return {
				status: 200,
				body: {
					status_code: '200',
					transaction_id: notificationTransactionId,
					order_id: `order-deadline-${orderCounter}`,
					gross_amount: '44000.00',
					transaction_status: 'settlement',
				},
			};
		});
		expect(delivery.answer.statusCode).toBe(200);
		expect(Object.keys(delivery.branches)).toEqual(['settlement']);
		expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
	});
});
