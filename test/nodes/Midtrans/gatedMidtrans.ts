/**
 * A loopback stand-in for Midtrans that makes pacing observable without a clock. It holds each request
 * until `gate` requests wait together (or no new one has come for a moment), then answers the waiting
 * ones in reverse order of arrival, so the node receives its answers out of order. Requests picked by
 * `holdUntilIdle` wait until nothing else arrives: whatever the node sends meanwhile shows it did not
 * wait for them. It records, for every request, how many were in flight when it arrived and how many
 * had been answered before it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

export interface GatedCall {
	method: string;
	/** The order or transaction ID: the path segment after /v2/, or the charge's order_id. */
	id: string;
	body: Record<string, unknown>;
	idempotencyKey?: string;
	/** 1 for the first request for this id, 2 for its first retry, and so on. */
	attempt: number;
	/** Requests in flight when this one arrived, itself included. */
	inFlightOnArrival: number;
	/** Requests answered before this one arrived. */
	answeredBeforeArrival: number;
}

export interface GatedAnswer {
	status?: number;
	body: Record<string, unknown>;
	headers?: Record<string, string>;
}

export interface GatedMidtransOptions {
	/** How many requests to hold before answering them together. */
	gate: number;
	/** Midtrans's answer to one call; by default a settled transaction of that id. */
	answer?: (call: GatedCall) => GatedAnswer;
	/** Calls answered only once no request has arrived for a moment; they do not count towards the gate. */
	holdUntilIdle?: (call: GatedCall) => boolean;
}

/** When fewer than `gate` requests come (the last ones, or a node sending fewer at once), answer them anyway. */
const IDLE_RELEASE_MS = 100;

export const settledAnswer = (call: GatedCall): GatedAnswer => ({
	body: { status_code: '200', transaction_status: 'settlement', order_id: call.id },
});

interface Waiting {
	call: GatedCall;
	response: ServerResponse;
}

export class GatedMidtrans {
	readonly calls: GatedCall[] = [];
	/** The ids in the order their answers were sent. */
	readonly answerOrder: string[] = [];
	maxInFlight = 0;
	url = '';
	private inFlight = 0;
	private answered = 0;
	private waiting: Waiting[] = [];
	private held: Waiting[] = [];
	private idleTimer?: NodeJS.Timeout;
	private readonly server: Server;

	constructor(private readonly options: GatedMidtransOptions) {
		this.server = createServer((request, response) => void this.receive(request, response));
	}

	async start(): Promise<this> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	async close(): Promise<void> {
		clearTimeout(this.idleTimer);
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	/** Calls for one id, in the order they came. */
	callsFor(id: string): GatedCall[] {
		return this.calls.filter((call) => call.id === id);
	}

	private async receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		const inFlightOnArrival = this.inFlight;
		const answeredBeforeArrival = this.answered;
		let raw = '';
		for await (const chunk of request) raw += String(chunk);
		const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
		const pathId = /^\/v2\/([^/?]+)/.exec(request.url ?? '')?.[1];
		const orderId = (body.transaction_details as { order_id?: string } | undefined)?.order_id;
		const id = decodeURIComponent(pathId === 'charge' ? String(orderId) : String(pathId));
		const call: GatedCall = {
			method: request.method ?? '',
			id,
			body,
			idempotencyKey: request.headers['idempotency-key'] as string | undefined,
			attempt: this.callsFor(id).length + 1,
			inFlightOnArrival,
			answeredBeforeArrival,
		};
		this.calls.push(call);
		(this.options.holdUntilIdle?.(call) ? this.held : this.waiting).push({ call, response });
		clearTimeout(this.idleTimer);
		this.idleTimer = setTimeout(() => void this.answer([...this.held.splice(0), ...this.waiting.splice(0)]), IDLE_RELEASE_MS);
		if (this.waiting.length >= this.options.gate) void this.answer(this.waiting.splice(0));
	}

	/** Answers the given requests, the last arrived first, one event-loop turn apart. */
	private async answer(waiting: Waiting[]): Promise<void> {
		for (const { call, response } of waiting.reverse()) {
			const { status = 200, body, headers = {} } = (this.options.answer ?? settledAnswer)(call);
			this.answered++;
			this.inFlight--;
			this.answerOrder.push(call.id);
			response.writeHead(status, { 'content-type': 'application/json', ...headers });
			response.end(JSON.stringify(body));
			await new Promise((resolve) => setImmediate(resolve));
		}
	}
}
