/**
 * Iris gets its answer in time whatever the payout details request does: one deadline covers it, its retries
 * and any wait Iris asks for. Iris documents no answer window; the trigger keeps Midtrans's (answer within 5 s).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

import { IRIS_CREDENTIALS, payoutsTrigger } from '../../harness/payouts';
import { payoutNotification } from './fixtures';

const ANSWER_WITHIN_MS = 4_000;

async function irisThat(handle: (request: IncomingMessage, response: ServerResponse) => void) {
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

async function timeToAnswer(handle: (request: IncomingMessage, response: ServerResponse) => void, parameters = {}) {
	const iris = await irisThat(handle);
	try {
		const trigger = payoutsTrigger(parameters, { credentials: { ...IRIS_CREDENTIALS, environment: 'custom', baseUrl: iris.url } });
		const started = Date.now();
		const delivery = await trigger.deliver(payoutNotification({ status: 'completed' }));
		return { delivery, elapsedMs: Date.now() - started, requests: iris.requests() };
	} finally {
		await iris.close();
	}
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
	response.writeHead(status, { 'content-type': 'application/json', ...headers });
	response.end(JSON.stringify(body));
};

describe('Iris gets its answer in time, whatever the payout details request does', () => {
	it('a request that never answers: emitted unconfirmed on "other" within 4 s', async () => {
		const { delivery, elapsedMs } = await timeToAnswer(() => undefined);
		expect(delivery.answer.statusCode).toBe(200);
		expect(Object.keys(delivery.branches)).toEqual(['other']);
		expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
	});

	it('with "Ask Iris to Retry Later", a request that never answers: 503 within 4 s, and nothing starts', async () => {
		const { delivery, elapsedMs } = await timeToAnswer(() => undefined, { options: { whenUnreachable: 'retry' } });
		expect(delivery.answer.statusCode).toBe(503);
		expect(delivery.started).toBe(false);
		expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
	});

	it('a 429 asking to wait 30 s is not waited for', async () => {
		const { delivery, elapsedMs, requests } = await timeToAnswer(
			(_request, response) => json(response, 429, { error_message: 'Too many requests' }, { 'retry-after': '30' }),
			{ options: { whenUnreachable: 'retry' } },
		);
		expect(delivery.answer.statusCode).toBe(503);
		expect(requests).toBe(1);
		expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
	});

	it('slow 5xx answers and their retries all fit in one deadline', async () => {
		const { delivery, elapsedMs } = await timeToAnswer(
			(_request, response) => setTimeout(() => json(response, 503, { error_message: 'Service unavailable' }), 1_500),
			{ options: { whenUnreachable: 'retry' } },
		);
		expect(delivery.answer.statusCode).toBe(503);
		expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
	});

	it('an answer that comes late but in time is used', async () => {
		const { delivery, elapsedMs } = await timeToAnswer((request, response) => {
			const reference_no = String(request.url).split('/').pop();
			setTimeout(() => json(response, 200, { reference_no, amount: '10000.00', status: 'completed' }), 1_500);
		});
		expect(Object.keys(delivery.branches)).toEqual(['completed']);
		expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
	});
});
