import nock from 'nock';

import { retryPolicy } from '../../nodes/Midtrans/transport';

export interface RecordedRequest {
	/** Path with query string, as the server received it. */
	path?: string;
	body?: unknown;
	headers?: Record<string, string | string[] | undefined>;
	/** How many times the interceptor answered. */
	calls: number;
}

/**
 * Intercepts `method path` on `host` (any query string) and answers `answer` with `status`, `times` times,
 * recording what Midtrans would have received: path and query, body and headers.
 */
export function recordRequest(
	host: string,
	method: 'GET' | 'POST',
	path: string,
	answer: object,
	{ status = 200, times = 1 }: { status?: number; times?: number } = {},
) {
	const seen: RecordedRequest = { calls: 0 };
	const scope = nock(host)
		.intercept(path, method)
		.query(true)
		.times(times)
		.reply(function (uri, body) {
			seen.calls++;
			seen.path = uri;
			seen.body = body === '' ? undefined : typeof body === 'string' ? JSON.parse(body) : body;
			seen.headers = this.req.headers as RecordedRequest['headers'];
			return [status, answer];
		});
	return { scope, seen };
}

/** The query string of a recorded path as an object. */
export function queryOf(path: string | undefined): Record<string, string> {
	return Object.fromEntries(new URL(path ?? '/', 'http://x').searchParams);
}

/**
 * Shortens the transport's backoff for the tests of one describe block and restores it after:
 * real waits are seconds, and only their length changes.
 */
export function useShortRetryDelays() {
	const savedPolicy = { ...retryPolicy };
	beforeAll(() => {
		retryPolicy.baseDelayMs = 1;
		retryPolicy.maxDelayMs = 5;
	});
	afterAll(() => Object.assign(retryPolicy, savedPolicy));
}
