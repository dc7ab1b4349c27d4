import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

import { customCredentials, TEST_SERVER_KEY } from '../../harness/midtrans';
import { notificationWith, midtransTrigger } from './fixtures';

/** Midtrans waits 5 s for an answer; the trigger promises 4 s whatever Get Status does. */
const ANSWER_WITHIN_MS = 4_000;

/** A loopback Midtrans whose Get Status behaves as `handle` says; it counts the requests it got. */
async function midtransThat(handle: (request: IncomingMessage, response: ServerResponse) => void) {
	let requests = 0;
	const server = createServer((request, response) => {
		requests++;
		handle(request, response);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests: () => requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

let orderCounter = 0;

async function timeToAnswer(handle: (request: IncomingMessage, response: ServerResponse) => void) {
	const midtrans = await midtransThat(handle);
	try {
		const trigger = midtransTrigger({}, { credentials: customCredentials(midtrans.url, TEST_SERVER_KEY) });
		const started = Date.now();
		const delivery = await trigger.deliver({ body: notificationWith('settlement', { order_id: `order-deadline-${++orderCounter}` }) });
		return { delivery, elapsedMs: Date.now() - started, requests: midtrans.requests() };
	} finally {
		await midtrans.close();
	}
}

describe('Midtrans gets its answer in time, whatever Get Status does', () => {
	it('a Get Status that never answers: 503 (Midtrans will retry) within 4 s, and nothing starts', async () => {
		const { delivery, elapsedMs } = await timeToAnswer(() => undefined);
		expect(delivery.answer.statusCode).toBe(503);
		expect(delivery.started).toBe(false);
		expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
	});

	it('a 429 asking to wait 30 s is not waited for: 503 within 4 s', async () => {
		const { delivery, elapsedMs, requests } = await timeToAnswer((_request, response) => {
			response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '30' });
			response.end(JSON.stringify({ status_code: '429', status_message: 'Too many requests' }));
		});
		expect(delivery.answer.statusCode).toBe(503);
		expect(requests).toBe(1);
		expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
	});

	it('slow 5xx answers and their retries all fit in one deadline: 503 within 4 s', async () => {
		const { delivery, elapsedMs } = await timeToAnswer((_request, response) => {
			setTimeout(() => {
				response.writeHead(503, { 'content-type': 'application/json' });
				response.end(JSON.stringify({ status_code: '503', status_message: 'Service unavailable' }));
			}, 1_500);
		});
		expect(delivery.answer.statusCode).toBe(503);
		expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
	});

	it('an answer that comes late but in time is used', async () => {
		let notificationTransactionId = '';
		const { delivery, elapsedMs } = await timeToAnswer((request, response) => {
			notificationTransactionId = decodeURIComponent(String(request.url).split('/')[2]);
			setTimeout(() => {
				response.writeHead(200, { 'content-type': 'application/json' });
				response.end(
					JSON.stringify({
						status_code: '200',
						transaction_id: notificationTransactionId,
						order_id: `order-deadline-${orderCounter}`,
						gross_amount: '44000.00',
						transaction_status: 'settlement',
					}),
				);
			}, 2_000);
		});
		expect(delivery.answer.statusCode).toBe(200);
		expect(Object.keys(delivery.branches)).toEqual(['settlement']);
		expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
	});
});
