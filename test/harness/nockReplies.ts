/** nock beyond one fixed answer: replies in turn (errors included), and every request nothing answered. */
import nock from 'nock';

/** One answer, or a network failure (see networkFailure in nock.ts). */
export type Reply = { status?: number; body?: object | string; headers?: Record<string, string> } | Error;

export interface SeenRequest {
	/** Path and query string. */
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body?: Record<string, unknown>;
}

/**
 * Answers `method path` on `host` with `replies` in turn, one each, the last one again and again when `repeatLast`,
 * recording every request, whatever its reply: what Midtrans received on each attempt.
 */
export function answerInTurn(
	host: string,
	method: 'GET' | 'POST',
	path: string | RegExp,
	replies: Reply[],
	{ repeatLast = false }: { repeatLast?: boolean } = {},
): { requests: SeenRequest[] } {
	const requests: SeenRequest[] = [];
	const record = (request: { path: string; headers: SeenRequest['headers'] }, _interceptor: unknown, body: string) =>
		requests.push({ path: request.path, headers: request.headers, body: body ? JSON.parse(body) : undefined });
	replies.forEach((reply, index) => {
		const scope = nock(host).on('request', record);
		if (repeatLast && index === replies.length - 1) scope.persist();
		const interceptor = scope.intercept(path, method).query(true);
		if (reply instanceof Error) interceptor.replyWithError(reply);
		else interceptor.reply(reply.status ?? 200, reply.body ?? {}, reply.headers);
	});
	return { requests };
}

/**
 * Runs `action` and lists every request that no interceptor answered ("GET /v2/x/status"): with the network
 * disabled (interceptMidtrans), every request the node tried to send that the test did not expect.
 */
export async function unansweredDuring<T>(action: () => Promise<T>): Promise<{ result: T; unanswered: string[] }> {
	const unanswered: string[] = [];
	const listener = (request: { method?: string; path?: string }) => unanswered.push(`${request.method} ${request.path}`);
	nock.emitter.on('no match', listener);
	try {
		return { result: await action(), unanswered };
	} finally {
		nock.emitter.removeListener('no match', listener);
	}
}

/**
 * Answers `times` charges at `host`, each with `answer` under its own order_id; returns the order_ids in the order
 * the charges came.
 */
export function answerEachCharge(host: string, times: number, answer: object): string[] {
	const orderIds: string[] = [];
	nock(host)
		.post('/v2/charge')
		.times(times)
		.reply(200, (_uri, body) => {
			const orderId = (body as { transaction_details: { order_id: string } }).transaction_details.order_id;
			orderIds.push(orderId);
			return { ...answer, order_id: orderId };
		});
	return orderIds;
}
