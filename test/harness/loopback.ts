/**
 * A real HTTP server on 127.0.0.1 whose every answer a test scripts: for what nock cannot play faithfully
 * (a server that never answers, a socket that is hung up on, answers held back to order them in time).
 * It records what arrived and when, and when each answer went out.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

export interface LoopbackRequest {
	/** 0 for the first request the server received. */
	index: number;
	method: string;
	/** Path and query string, as received. */
	url: string;
	headers: IncomingHttpHeaders;
	raw: string;
	/** The body as JSON; undefined when empty or not JSON. */
	body?: Record<string, unknown>;
	/** Date.now() once the whole request had arrived. */
	arrivedAt: number;
	/** Date.now() when its answer was sent; undefined while unanswered (or never answered). */
	answeredAt?: number;
}

export interface LoopbackAnswer {
	status?: number;
	/** An object is sent as JSON; a string as it is (an HTML page, JSON cut short). */
	body?: unknown;
	headers?: Record<string, string>;
}

/** An answer, or no answer: the socket destroyed ('hang-up') or left open until the server closes ('no-answer'). */
export type LoopbackReply = LoopbackAnswer | 'hang-up' | 'no-answer';

export interface LoopbackServer {
	url: string;
	requests: LoopbackRequest[];
	close(): Promise<void>;
}

function parseJson(raw: string): Record<string, unknown> | undefined {
	try {
		const parsed: unknown = raw ? JSON.parse(raw) : undefined;
		return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

function send(response: ServerResponse, { status = 200, body, headers = {} }: LoopbackAnswer): void {
	const json = typeof body !== 'string';
	const named = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
	response.writeHead(status, { 'content-type': json ? 'application/json' : 'text/plain', ...named });
	response.end(json ? JSON.stringify(body ?? {}) : body);
}

/** Starts a server on a free loopback port that answers each request with what `reply` returns (or resolves to). */
export async function startLoopback(
	reply: (request: LoopbackRequest) => LoopbackReply | Promise<LoopbackReply>,
): Promise<LoopbackServer> {
	const requests: LoopbackRequest[] = [];
	const server = createServer((incoming, response) => {
		let raw = '';
		incoming.setEncoding('utf8');
		incoming.on('data', (chunk: string) => (raw += chunk));
		incoming.on('end', async () => {
			const request: LoopbackRequest = {
				index: requests.length,
				method: incoming.method ?? '',
				url: incoming.url ?? '/',
				headers: incoming.headers,
				raw,
				body: parseJson(raw),
				arrivedAt: Date.now(),
			};
			requests.push(request);
			const answer = await reply(request);
			if (answer === 'no-answer') return;
			if (answer === 'hang-up') {
				incoming.socket.destroy();
				return;
			}
			request.answeredAt = Date.now();
			send(response, answer);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
