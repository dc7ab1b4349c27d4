/** Midtrans answered by nock: the suite's lifecycle, and interceptors that record what Midtrans would receive. */
import nock from 'nock';

import { SANDBOX_HOST } from './midtrans';

/** No request of the suite leaves the process; interceptors left over from one test never answer the next. */
export function interceptMidtrans(): void {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());
}

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
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
	path: string | RegExp,
	answer: object,
	{ status = 200, times = 1, headers = {} }: { status?: number; times?: number; headers?: Record<string, string> } = {},
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
			return [status, answer, headers];
		});
	return { scope, seen };
}

/** Intercepts one POST /v2/charge on the sandbox host, recording the body and headers Midtrans would have received. */
export function recordCharge(answer: object) {
	return recordRequest(SANDBOX_HOST, 'POST', '/v2/charge', answer);
}

/** The query string of a recorded path as an object. */
export function queryOf(path: string | undefined): Record<string, string> {
	return Object.fromEntries(new URL(path ?? '/', 'http://x').searchParams);
}

/** nock 14 hangs the request when replyWithError gets a plain object: it needs an Error with a code. */
export function networkFailure(code: string): Error {
	return Object.assign(new Error(`${code}: the connection failed`), { code });
}
