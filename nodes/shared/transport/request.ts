import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { ApiConnection, MidtransContext } from '../connection';
import { redactJson } from '../secrets';
import { midtransApiError, networkError, unknownOutcomeError } from './errors';

export interface MidtransRequest {
	method: IHttpRequestMethods;
	/** Which of the connection's APIs: the Core API (api.midtrans.com) unless named, e.g. 'snap' (app.midtrans.com/snap/v1). */
	api?: string;
	/** Path below the API's base URL, starting with a slash. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	headers?: Record<string, string>;
	/**
	 * Whether sending it again after a failure cannot move money twice: a read, or a POST that Midtrans
	 * deduplicates by its Idempotency-Key. Only such requests are repeated after an answer that may mean
	 * Midtrans acted (a 5xx, a dropped connection); a 429 or a refused connection is repeated for any request.
	 */
	retrySafe: boolean;
	/** Status codes that mean success for this request although they are 4xx (Expire answers 407). */
	successCodes?: readonly number[];
	/** Body status codes below 400 that mean failure for this request (GoPay account linking answers "202" when GoPay refuses). */
	failureCodes?: readonly number[];
	/** What to look up when the outcome is unknown, e.g. 'order "order-1001"'. */
	subject?: string;
	/** The whole advice (a sentence) for an unknown outcome, where "look up {subject} with Get Status" does not apply. */
	lookUp?: string;
	/** What a failure code means for this endpoint, where the API's usual meaning does not fit (404 of a subscription). */
	errorHints?: Readonly<Record<number, string>>;
}

/** How long one request may take and how it is retried. Every wait counts against timeoutMs. */
export interface CallLimits {
	/** How many times a failed attempt may be repeated. */
	retries: number;
	/** The longest a request may take, every retry and wait included. */
	timeoutMs: number;
	/** The wait before the first retry; it doubles for each further one (with jitter), up to 8 s. */
	firstRetryDelayMs: number;
	/** Midtrans's Retry-After is honoured up to this; asking longer ends the request instead. */
	longestRetryAfterMs: number;
}

export const DEFAULT_CALL_LIMITS: Readonly<CallLimits> = {
	retries: 3,
	timeoutMs: 60_000,
	firstRetryDelayMs: 500,
	longestRetryAfterMs: 10_000,
};

const LONGEST_BACKOFF_MS = 8_000;
/** An attempt with less time left than this is not started: it could not get an answer. */
const SHORTEST_ATTEMPT_MS = 250;

/** Shared by the requests of one node run: a 429 to any of them holds all of them, not only its own lane. */
export class RateLimitPause {
	private until = 0;

	pauseFor(delayMs: number): void {
		this.until = Math.max(this.until, Date.now() + delayMs);
	}

	/** Waits out a pause; returns false when it lasts past the deadline (the request must then end). */
	async waitBefore(deadline: number): Promise<boolean> {
		const wait = this.until - Date.now();
		if (wait <= 0) return true;
		if (Date.now() + wait + SHORTEST_ATTEMPT_MS > deadline) return false;
		await sleep(wait);
		return true;
	}
}

export interface CallOptions {
	itemIndex?: number;
	limits?: Partial<CallLimits>;
	/** An absolute time (ms since the epoch) the request must end by, if earlier than its own timeout. */
	deadline?: number;
	rateLimit?: RateLimitPause;
}

/** Midtrans answers some failures with HTTP 200 and a string status_code of 4xx/5xx inside. */
export function midtransErrorCode(
	httpStatus: number,
	body: IDataObject,
	successCodes: readonly number[] = [],
	failureCodes: readonly number[] = [],
): number | undefined {
	const bodyCode = Number(body.status_code);
	if (Number.isInteger(bodyCode) && (bodyCode >= 400 || failureCodes.includes(bodyCode)) && !successCodes.includes(bodyCode)) {
		return bodyCode;
	}
	if (httpStatus >= 400 && !successCodes.includes(httpStatus)) return httpStatus;
	return undefined;
}

interface ErrorWithCause {
	code?: string;
	cause?: ErrorWithCause;
}

/** n8n wraps the HTTP client's error; the socket's code (ECONNRESET…) sits one level down. */
function networkErrorCode(error: unknown): string {
	const { code, cause } = (error ?? {}) as ErrorWithCause;
	return cause?.code ?? code ?? 'unknown';
}

/** The request never left this machine: repeating it is safe whatever it is. */
const NOT_SENT = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND']);
/** Worth repeating; ENOTFOUND (an unknown host) is not. */
const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'EAI_AGAIN',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);
/** 429 was never processed; 500–504 may heal but may also mean Midtrans acted; 505 and the rest will not heal. */
const RATE_LIMITED = 429;
const TRANSIENT_SERVER_CODES = new Set([500, 502, 503, 504]);

interface FullResponse {
	statusCode: number;
	body: unknown;
	headers: Record<string, unknown>;
}

/** Midtrans's JSON as an object, or undefined when the answer is not JSON (cut short, a proxy's HTML page, empty). */
function readAnswer(response: FullResponse): IDataObject | undefined {
	const { body, statusCode } = response;
	if (statusCode === 204 && (body === undefined || body === '')) return {};
	if (body && typeof body === 'object' && !Buffer.isBuffer(body)) {
		return Array.isArray(body) ? { items: body as IDataObject[] } : (body as IDataObject);
	}
	return undefined;
}

function answerText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return body === undefined ? '' : String(body);
}

/** A short answer that is not JSON, quoted for an error message (Iris answers a bad key with plain text); the error redacts keys. */
function quoted(text: string): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return line && line.length <= 120 && !line.startsWith('<') ? ` (it said "${line}")` : '';
}

/** Retry-After in seconds (or an HTTP date), as milliseconds; undefined when absent or unreadable. */
function retryAfterMs(header: unknown): number | undefined {
	if (header === undefined || header === null || header === '') return undefined;
	const seconds = Number(header);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const date = Date.parse(String(header));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function backoffDelay(retry: number, firstDelayMs: number): number {
	const exponential = firstDelayMs * 2 ** retry;
	// Jitter keeps parallel items from retrying in lockstep.
	return Math.min(exponential * (0.75 + Math.random() * 0.5), LONGEST_BACKOFF_MS);
}

/** Midtrans's answer to a repeated Idempotency-Key while the first request is still being processed. */
function isStillInFlight(request: MidtransRequest, response: FullResponse, answer: IDataObject): boolean {
	const inFlightCode = response.statusCode === 202 || String(answer.status_code) === '202';
	// A real result with code 202 (a denied charge) names its transaction status; an in-flight answer cannot.
	return Boolean(request.headers?.['Idempotency-Key']) && inFlightCode && answer.transaction_status === undefined;
}

/**
 * The one function through which every Midtrans call goes: host per environment, headers, auth by the
 * credential, errors inside HTTP 200 turned into NodeApiError, bounded retries where retrying is safe, an
 * answer that cannot be read reported as an unknown outcome, and the keys kept out of every answer and error.
 */
export async function midtransRequest(
	this: MidtransContext,
	connection: ApiConnection,
	request: MidtransRequest,
	{ itemIndex, limits, deadline: outerDeadline, rateLimit }: CallOptions = {},
): Promise<IDataObject> {
	const settings = { ...DEFAULT_CALL_LIMITS, ...limits };
	const deadline = Math.min(Date.now() + settings.timeoutMs, outerDeadline ?? Number.POSITIVE_INFINITY);
	const movesMoney = request.method !== 'GET';
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${connection.baseUrl(request.api)}${request.path}`,
		headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...request.headers },
		qs: request.qs,
		body: request.body,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	let retries = 0;
	/** Waits before another attempt when one is allowed and fits in the time left; false when not. */
	const waitToRetry = async (delayMs = backoffDelay(retries, settings.firstRetryDelayMs)) => {
		if (retries >= settings.retries || Date.now() + delayMs + SHORTEST_ATTEMPT_MS > deadline) return false;
		retries++;
		await sleep(delayMs);
		return true;
	};

	for (;;) {
		if (rateLimit && !(await rateLimit.waitBefore(deadline))) {
			throw midtransApiError(this, connection, RATE_LIMITED, {}, {
				itemIndex,
				extraHint: 'Midtrans asked this run to wait longer than the request’s time allows.',
			});
		}
		let response: FullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				connection.credentialType,
				{ ...options, timeout: Math.max(SHORTEST_ATTEMPT_MS, deadline - Date.now()) },
				{ credentialsDecrypted: connection.decrypted },
			)) as FullResponse;
		} catch (cause) {
			const code = networkErrorCode(cause);
			const notSent = NOT_SENT.has(code);
			const retryable = TRANSIENT_NETWORK_CODES.has(code) && (notSent || request.retrySafe);
			if (retryable && (await waitToRetry())) continue;
			throw networkError(
				this,
				{ code, reachedMidtrans: movesMoney && !notSent, subject: request.subject, lookUp: request.lookUp },
				itemIndex,
			);
		}

		const answer = readAnswer(response);
		if (answer === undefined && response.statusCode < 400) {
			// Sent again with the same Idempotency-Key, Midtrans replays its first answer instead of acting twice.
			if (request.retrySafe && (await waitToRetry())) continue;
			throw unknownOutcomeError(this, connection, {
				why: `Midtrans’s answer (HTTP ${response.statusCode}) is not the JSON it sends; it may have been cut short, or a proxy answered`,
				httpCode: response.statusCode,
				answer: answerText(response.body),
				subject: request.subject,
				lookUp: request.lookUp,
				movesMoney,
			}, itemIndex);
		}
		const body = answer ?? {
			status_message: `HTTP ${response.statusCode} without Midtrans’s JSON: a proxy or gateway may have answered${quoted(answerText(response.body))}`,
		};

		if (answer && isStillInFlight(request, response, answer)) {
			const wait = backoffDelay(Math.min(retries, 3), settings.firstRetryDelayMs);
			if (Date.now() + wait + SHORTEST_ATTEMPT_MS <= deadline) {
				await sleep(wait);
				continue;
			}
			throw unknownOutcomeError(this, connection, {
				why: 'Midtrans was still processing the request when the time allowed for it ran out',
				httpCode: response.statusCode,
				subject: request.subject,
				lookUp: request.lookUp,
				movesMoney,
			}, itemIndex);
		}

		const errorCode = midtransErrorCode(response.statusCode, body, request.successCodes, request.failureCodes);
		if (errorCode === undefined) return redactJson(body, connection.secretForms);

		if (errorCode === RATE_LIMITED) {
			const asked = retryAfterMs(response.headers?.['retry-after']);
			const delay = asked ?? backoffDelay(retries, settings.firstRetryDelayMs);
			const tooLong = asked !== undefined && asked > settings.longestRetryAfterMs;
			if (!tooLong && retries < settings.retries && Date.now() + delay + SHORTEST_ATTEMPT_MS <= deadline) {
				retries++;
				// The pause holds every request of the run, this one included (waited out at the top of the loop).
				if (rateLimit) rateLimit.pauseFor(delay);
				else await sleep(delay);
				continue;
			}
			throw midtransApiError(this, connection, errorCode, body, {
				itemIndex,
				hints: request.errorHints,
				extraHint: tooLong
					? `Midtrans asked to wait ${Math.ceil(asked / 1000)} s, longer than the node waits (${settings.longestRetryAfterMs / 1000} s).`
					: undefined,
			});
		}
		if (TRANSIENT_SERVER_CODES.has(errorCode) && request.retrySafe && (await waitToRetry())) continue;
		// A 5xx to a request that may move money leaves its outcome open, as a lost answer does.
		const lookUp = errorCode >= 500 && movesMoney ? request.lookUp : undefined;
		throw midtransApiError(this, connection, errorCode, body, { itemIndex, hints: request.errorHints, extraHint: lookUp });
	}
}
