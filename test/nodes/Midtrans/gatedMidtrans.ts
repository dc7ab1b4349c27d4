/**
 * A loopback stand-in for Midtrans that makes pacing observable without a clock. It holds each request
 * until `gate` requests wait together (or no new one has come for a moment), then answers the waiting
 * ones in reverse order of arrival, so the node receives its answers out of order. Requests picked by
 * `holdUntilIdle` wait until nothing else arrives: whatever the node sends meanwhile shows it did not
 * wait for them. It records, for every request, how many were in flight when it arrived and how many
 * had been answered before it.
 */
import { startLoopback, type LoopbackAnswer, type LoopbackRequest, type LoopbackServer } from '../../harness/loopback';

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

export type GatedAnswer = LoopbackAnswer;

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

export const settledAnswer = (call: Pick<GatedCall, 'id'>): GatedAnswer => ({
	body: { status_code: '200', transaction_status: 'settlement', order_id: call.id },
});

interface Waiting {
	call: GatedCall;
	release: (answer: GatedAnswer) => void;
}

/** The order or transaction ID a request is about. */
export function idOf({ url, body }: Pick<LoopbackRequest, 'url' | 'body'>): string {
	const pathId = /^\/v2\/([^/?]+)/.exec(url)?.[1];
	const orderId = (body?.transaction_details as { order_id?: string } | undefined)?.order_id;
	return decodeURIComponent(pathId === 'charge' ? String(orderId) : String(pathId));
}

export class GatedMidtrans {
	readonly calls: GatedCall[] = [];
	/** The ids in the order their answers were sent. */
	readonly answerOrder: string[] = [];
	maxInFlight = 0;
	private inFlight = 0;
	private answered = 0;
	private waiting: Waiting[] = [];
	private held: Waiting[] = [];
	private idleTimer?: NodeJS.Timeout;
	private server?: LoopbackServer;

	constructor(private readonly options: GatedMidtransOptions) {}

	get url(): string {
		return this.server?.url ?? '';
	}

	async start(): Promise<this> {
		this.server = await startLoopback((request) => this.receive(request));
		return this;
	}

	async close(): Promise<void> {
		clearTimeout(this.idleTimer);
		await this.server?.close();
	}

	/** Calls for one id, in the order they came. */
	callsFor(id: string): GatedCall[] {
		return this.calls.filter((call) => call.id === id);
	}

	private receive(request: LoopbackRequest): Promise<GatedAnswer> {
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		const id = idOf(request);
		const call: GatedCall = {
			method: request.method,
			id,
			body: request.body ?? {},
			idempotencyKey: request.headers['idempotency-key'] as string | undefined,
			attempt: this.callsFor(id).length + 1,
			inFlightOnArrival: this.inFlight,
			answeredBeforeArrival: this.answered,
		};
		this.calls.push(call);
		const answer = new Promise<GatedAnswer>((release) =>
			(this.options.holdUntilIdle?.(call) ? this.held : this.waiting).push({ call, release }),
		);
		clearTimeout(this.idleTimer);
		this.idleTimer = setTimeout(() => void this.answer([...this.held.splice(0), ...this.waiting.splice(0)]), IDLE_RELEASE_MS);
		if (this.waiting.length >= this.options.gate) void this.answer(this.waiting.splice(0));
		return answer;
	}

	/** Answers the given requests, the last arrived first, one event-loop turn apart. */
	private async answer(waiting: Waiting[]): Promise<void> {
		for (const { call, release } of waiting.reverse()) {
			this.answered++;
			this.inFlight--;
			this.answerOrder.push(call.id);
			release((this.options.answer ?? settledAnswer)(call));
			await new Promise((resolve) => setImmediate(resolve));
		}
	}
}
