/**
 * A small closed-loop HTTP load generator for loopback targets: `connections` clients each send a POST,
 * wait for its answer and send the next, until `durationMs` has passed or `maxRequests` were sent.
 */
import http from 'http';
import { performance } from 'perf_hooks';

export interface LoadOptions {
	url: string;
	connections: number;
	durationMs: number;
	/** A hard bound on the number of requests, whatever the duration. */
	maxRequests: number;
	/** The JSON body of the n-th request. */
	bodyFor(index: number): object;
	headers?: Record<string, string>;
}

export interface LoadResult {
	sent: number;
	/** Answers with a 2xx status. */
	accepted: number;
	/** Answers by status ("error" for a failed connection). */
	statuses: Record<string, number>;
	elapsedMs: number;
	acceptedPerSecond: number;
}

export async function generateLoad(options: LoadOptions): Promise<LoadResult> {
	const target = new URL(options.url);
	if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
		throw new Error(`load is only sent to this machine's loopback address, not ${target.hostname}`);
	}
	const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
	const statuses: Record<string, number> = {};
	let sent = 0;
	const started = performance.now();
	const deadline = started + options.durationMs;

	const post = (body: string) =>
		new Promise<string>((resolve) => {
			const request = http.request(
				target,
				{
					method: 'POST',
					agent,
					headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...options.headers },
				},
				(response) => {
					response.resume();
					response.on('end', () => resolve(String(response.statusCode)));
				},
			);
			request.on('error', () => resolve('error'));
			request.end(body);
		});

	const client = async () => {
		while (performance.now() < deadline && sent < options.maxRequests) {
			const status = await post(JSON.stringify(options.bodyFor(sent++)));
			statuses[status] = (statuses[status] ?? 0) + 1;
		}
	};
	await Promise.all(Array.from({ length: options.connections }, client));
	const elapsedMs = performance.now() - started;
	agent.destroy();
	const accepted = Object.entries(statuses)
		.filter(([status]) => status.startsWith('2'))
		.reduce((sum, [, count]) => sum + count, 0);
	return { sent, accepted, statuses, elapsedMs, acceptedPerSecond: accepted / (elapsedMs / 1000) };
}
