import { randomUUID } from 'crypto';
import { request as httpRequest, type IncomingMessage } from 'http';
import { request as httpsRequest } from 'https';

import { signatureFor } from './signature';
import type { TimerSet } from './timers';
import type { NotificationAttempt, NotificationDelivery, NotificationKind } from './types';

/** Midtrans's notification headers: a fixed User-Agent and no way to add others. */
const NOTIFICATION_HEADERS = {
	'Content-Type': 'application/json',
	Accept: 'application/json',
	'User-Agent': 'Veritrans',
};

const MAX_REDIRECTS = 5;
const RESPONSE_BODY_LIMIT = 2000;

/** How many retries Midtrans makes after a failed delivery, by the receiver's answer. */
export function retriesAllowedAfter(httpStatus: number | undefined): number {
	if (httpStatus === 500) return 1;
	if (httpStatus === 503) return 4;
	if (httpStatus === 400 || httpStatus === 404) return 2;
	if (httpStatus !== undefined && httpStatus >= 301 && httpStatus <= 303) return 0;
	return 5;
}

/** Adds signature_key over the body's own order_id, status_code and gross_amount strings. */
export function signNotification(fields: Record<string, unknown>, serverKey: string): Record<string, unknown> {
	const signature = signatureFor(
		String(fields.order_id ?? ''),
		String(fields.status_code ?? ''),
		String(fields.gross_amount ?? ''),
		serverKey,
	);
	return { ...fields, signature_key: signature };
}

interface PostAnswer {
	httpStatus?: number;
	error?: string;
	responseBody?: string;
}

function postOnce(
	url: URL,
	payload: string,
	timeoutMs: number,
	signal: AbortSignal,
	extraHeaders: Record<string, string>,
): Promise<{ response: IncomingMessage; body: string }> {
	const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
	return new Promise((resolve, reject) => {
		const outgoing = send(
			url,
			{
				method: 'POST',
				headers: { ...NOTIFICATION_HEADERS, ...extraHeaders, 'Content-Length': Buffer.byteLength(payload), Connection: 'close' },
				// A fresh connection per notification: nothing stays open after the simulator closes.
				agent: false,
				timeout: timeoutMs,
				signal,
			},
			(response) => {
				let body = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => {
					if (body.length < RESPONSE_BODY_LIMIT) body += chunk;
				});
				response.on('end', () => resolve({ response, body: body.slice(0, RESPONSE_BODY_LIMIT) }));
				response.on('error', reject);
			},
		);
		outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		outgoing.on('error', reject);
		outgoing.end(payload);
	});
}

/** One delivery attempt, following 307/308 redirects as Midtrans does. */
async function postNotification(
	target: string,
	payload: string,
	timeoutMs: number,
	signal: AbortSignal,
	extraHeaders: Record<string, string> = {},
): Promise<PostAnswer> {
	let url: URL;
	try {
		url = new URL(target);
	} catch {
		return { error: `not a URL: ${target}` };
	}
	try {
		for (let hop = 0; ; hop++) {
			const { response, body } = await postOnce(url, payload, timeoutMs, signal, extraHeaders);
			const status = response.statusCode ?? 0;
			const location = response.headers.location;
			if ((status === 307 || status === 308) && location && hop < MAX_REDIRECTS) {
				url = new URL(location, url);
				continue;
			}
			return { httpStatus: status, responseBody: body };
		}
	} catch (error) {
		return { error: (error as Error).message };
	}
}

interface DeliveryRecord {
	delivery: NotificationDelivery;
	/** The exact text POSTed (the body's JSON unless the sender gave its own), and headers beside the fixed ones. */
	payload: string;
	headers: Record<string, string>;
	retry: boolean;
	abort: AbortController;
	cancelRetry?: () => void;
}

export interface NotifierSettings {
	retryIntervalsMs: number[];
	timeoutMs: number;
	timers: TimerSet;
	log: (line: string) => void;
}

const FINAL_STATES = new Set(['delivered', 'failed', 'cancelled']);

/**
 * Sends notifications and keeps a record of each: the first attempt is awaited by the caller, retries
 * run in the background on Midtrans's schedule. Notifications about one transaction leave in order.
 */
export class Notifier {
	private records: DeliveryRecord[] = [];
	private readonly chains = new Map<string, Promise<unknown>>();
	private idleWaiters: Array<() => void> = [];

	constructor(private readonly settings: NotifierSettings) {}

	/**
	 * POSTs `body` to each URL; resolves after each first attempt. `chainKey` (a transaction id) makes
	 * this first attempt wait for the previous one with the same key. A notification that is not a payment's
	 * names what it is about (`subject`) and what happened (`event`) for the delivery record.
	 */
	send(
		urls: string[],
		body: Record<string, unknown>,
		options: {
			chainKey?: string;
			retry?: boolean;
			kind?: NotificationKind;
			/** What the delivery is about and what happened, where the body does not say it at its top (subscriptions). */
			subject?: string;
			event?: string;
			/** The exact bytes to send (Iris signs the raw payload), and headers beside Midtrans's own. */
			payload?: string;
			headers?: Record<string, string>;
		} = {},
	): Promise<NotificationDelivery[]> {
		const records = urls.map((url) => {
			const record: DeliveryRecord = {
				delivery: {
					id: randomUUID(),
					kind: options.kind ?? 'payment',
					url,
					// An Iris notification names its payout (reference_no) or top-up (transaction_id) and a status.
					order_id: options.subject ?? String(body.order_id ?? body.reference_no ?? body.transaction_id ?? ''),
					transaction_status: options.event ?? String(body.transaction_status ?? body.status ?? ''),
					body,
					attempts: [],
					state: 'sending',
				},
				payload: options.payload ?? JSON.stringify(body),
				headers: options.headers ?? {},
				retry: options.retry ?? true,
				abort: new AbortController(),
			};
			this.records.push(record);
			return record;
		});
		const previous = options.chainKey ? this.chains.get(options.chainKey) : undefined;
		const firstAttempts = (async () => {
			await previous;
			await Promise.all(records.map((record) => this.attempt(record)));
		})();
		if (options.chainKey) this.chains.set(options.chainKey, firstAttempts);
		return firstAttempts.then(() => records.map((record) => structuredClone(record.delivery)));
	}

	deliveries(): NotificationDelivery[] {
		return this.records.map((record) => structuredClone(record.delivery));
	}

	/** Resolves once no notification is being sent or waiting for a retry. */
	idle(): Promise<void> {
		if (this.isIdle()) return Promise.resolve();
		return new Promise((resolve) => this.idleWaiters.push(resolve));
	}

	/** Stops every retry and in-flight delivery; their records stay, marked cancelled. */
	cancelAll(): void {
		for (const record of this.records) this.cancel(record);
		this.wakeIdleWaiters();
	}

	/** Stops everything and forgets every delivery. */
	reset(): void {
		this.cancelAll();
		this.records = [];
		this.chains.clear();
	}

	private isIdle(): boolean {
		return this.records.every((record) => FINAL_STATES.has(record.delivery.state));
	}

	private wakeIdleWaiters(): void {
		if (!this.isIdle()) return;
		const waiters = this.idleWaiters;
		this.idleWaiters = [];
		for (const wake of waiters) wake();
	}

	private cancel(record: DeliveryRecord): void {
		record.cancelRetry?.();
		record.abort.abort();
		if (!FINAL_STATES.has(record.delivery.state)) {
			record.delivery.state = 'cancelled';
			delete record.delivery.nextAttemptAt;
		}
	}

	private async attempt(record: DeliveryRecord): Promise<void> {
		const { delivery } = record;
		if (delivery.state === 'cancelled') return;
		delivery.state = 'sending';
		delete delivery.nextAttemptAt;
		const attempt: NotificationAttempt = { at: new Date().toISOString() };
		const answer = await postNotification(
			delivery.url,
			record.payload,
			this.settings.timeoutMs,
			record.abort.signal,
			record.headers,
		);
		Object.assign(attempt, answer);
		delivery.attempts.push(attempt);
		if (record.abort.signal.aborted) return;

		const outcome = answer.httpStatus !== undefined ? `HTTP ${answer.httpStatus}` : answer.error;
		this.settings.log(`notification ${delivery.transaction_status} ${delivery.order_id} → ${delivery.url}: ${outcome}`);
		const succeeded = answer.httpStatus !== undefined && answer.httpStatus >= 200 && answer.httpStatus < 300;
		const retriesDone = delivery.attempts.length - 1;
		if (succeeded) delivery.state = 'delivered';
		else if (record.retry && retriesDone < retriesAllowedAfter(answer.httpStatus)) {
			const intervals = this.settings.retryIntervalsMs;
			const waitMs = intervals[Math.min(retriesDone, intervals.length - 1)] ?? 0;
			delivery.state = 'retry-scheduled';
			delivery.nextAttemptAt = new Date(Date.now() + waitMs).toISOString();
			record.cancelRetry = this.settings.timers.schedule(waitMs, () => void this.attempt(record));
		} else delivery.state = 'failed';
		this.wakeIdleWaiters();
	}
}
