import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import {
	CORE_API_HOSTS,
	CREDENTIAL_NAME,
	type MidtransEnvironment,
	SERVER_KEY_PREFIX,
	SNAP_API_HOSTS,
} from '../helpers/constants';

export type MidtransContext = IExecuteFunctions | IWebhookFunctions | IHookFunctions;

export interface MidtransRequest {
	method: IHttpRequestMethods;
	/** Core API (api.midtrans.com) unless Snap (app.midtrans.com/snap/v1). */
	api?: 'core' | 'snap';
	/** Path below the API's base URL, starting with a slash. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	headers?: Record<string, string>;
	/** Overrides of retryPolicy for callers with a deadline (the trigger must answer Midtrans within 5 s). */
	timeoutMs?: number;
	maxRetries?: number;
}

export interface MidtransCredentials {
	environment?: MidtransEnvironment;
	baseUrl?: string;
	serverKey?: string;
	clientKey?: string;
}

/** How often and how patiently safe requests are retried. Tests shorten the delays. */
export const retryPolicy = {
	/** n8n's default of 300 s would hold a workflow for minutes on a hung connection. */
	requestTimeoutMs: 60_000,
	maxRetries: 3,
	baseDelayMs: 500,
	maxDelayMs: 8000,
};

const RETRYABLE_HTTP_CODES = new Set([429, 500, 502, 503, 504, 505]);
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export function apiBaseUrl(credentials: MidtransCredentials, api: 'core' | 'snap' = 'core'): string {
	const environment = credentials.environment ?? 'sandbox';
	if (environment === 'custom') {
		const base = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
		return api === 'snap' ? `${base}/snap/v1` : base;
	}
	return api === 'snap' ? SNAP_API_HOSTS[environment] : CORE_API_HOSTS[environment];
}

/** A request may be repeated only when repeating it cannot move money twice. */
export function isRetrySafe(request: MidtransRequest): boolean {
	return request.method === 'GET' || Boolean(request.headers?.['Idempotency-Key']);
}

/** Midtrans answers some failures with HTTP 200 and a string status_code of 4xx/5xx inside. */
export function midtransErrorCode(httpStatus: number, body: unknown): number | undefined {
	const bodyCode = Number((body as IDataObject | undefined)?.status_code);
	// 407 is what a successful Expire answers.
	if (Number.isInteger(bodyCode) && bodyCode >= 400 && bodyCode !== 407) return bodyCode;
	if (httpStatus >= 400) return httpStatus;
	return undefined;
}

/** Removes the server key from any text that might reach a user, an item or a log. */
export function redactSecret(text: string, credentials: MidtransCredentials): string {
	let redacted = text;
	for (const secret of [credentials.serverKey]) {
		if (secret && secret.length >= 4) redacted = redacted.split(secret).join('***');
	}
	return redacted;
}

function keyEnvironmentHint(credentials: MidtransCredentials): string {
	const key = credentials.serverKey ?? '';
	const environment = credentials.environment ?? 'sandbox';
	if (environment === 'production' && key.startsWith(SERVER_KEY_PREFIX.sandbox)) {
		return 'The server key starts with SB-Mid-server-, which is a sandbox key, but the credential’s environment is Production.';
	}
	if (environment === 'sandbox' && key.startsWith(SERVER_KEY_PREFIX.production)) {
		return 'The server key starts with Mid-server-, which is a production key, but the credential’s environment is Sandbox.';
	}
	return 'Check the server key, and that it belongs to the credential’s environment (sandbox keys start with SB-Mid-server-, production keys with Mid-server-).';
}

const CODE_HINTS: Record<number, string> = {
	402: 'This merchant account has no access to this payment type: activate it in the Midtrans dashboard.',
	404: 'Midtrans knows no transaction with this order ID or transaction ID in this environment.',
	406: 'This order ID is already used by an active or paid transaction. Use a new order ID, or check its status first.',
	409: 'Midtrans reports a conflict (too many transactions on one card, or an idempotency conflict). Try again later.',
	411: 'The card token is missing, invalid or expired: card tokens are single-use. Create a new one.',
	412: 'The transaction’s status does not allow this change (for example cancelling a settled transaction).',
	429: 'Midtrans is rate limiting this account. Lower the node’s concurrency or add a wait.',
};

function messagesFromBody(body: IDataObject): string[] {
	const lists = [body.validation_messages, body.error_messages];
	return lists.flatMap((list) => (Array.isArray(list) ? list.map(String) : []));
}

/** Builds the NodeApiError a user sees for a Midtrans failure: Midtrans's code and words, and what to do. */
export function midtransApiError(
	context: MidtransContext,
	code: number,
	body: IDataObject,
	credentials: MidtransCredentials,
	itemIndex?: number,
): NodeApiError {
	// Everything below derives from the redacted copy, so no path can carry the key out.
	const safeBody = JSON.parse(redactSecret(JSON.stringify(body), credentials)) as IDataObject;
	const details = messagesFromBody(safeBody);
	const statusMessage =
		typeof safeBody.status_message === 'string'
			? safeBody.status_message
			: (details[0] ?? 'Midtrans rejected the request');
	const hint =
		code === 401
			? keyEnvironmentHint(credentials)
			: (CODE_HINTS[code] ??
				(code >= 500
					? 'Midtrans, the bank or a partner failed. A charge may still have gone through: check it with Get Status before charging again.'
					: undefined));
	const description = [details.length ? details.join('; ') : undefined, hint].filter(Boolean).join(' — ');
	const error = new NodeApiError(context.getNode(), safeBody as JsonObject, {
		message: `Midtrans error ${code}: ${statusMessage}`,
		description: description || undefined,
		httpCode: String(code),
		itemIndex,
	});
	error.context.midtrans = {
		status_code: String(code),
		status_message: statusMessage,
		...(details.length ? { validation_messages: details } : {}),
	};
	return error;
}

interface ErrorWithCause {
	code?: string;
	message?: string;
	cause?: ErrorWithCause;
}

/** n8n wraps the HTTP client's error; the socket's code (ECONNRESET…) sits one level down. */
function networkErrorCode(error: unknown): string | undefined {
	const { code, cause } = (error ?? {}) as ErrorWithCause;
	return cause?.code ?? code;
}

const NETWORK_FAILURES: Record<string, string> = {
	ECONNRESET: 'the connection was dropped',
	EPIPE: 'the connection was dropped',
	ECONNREFUSED: 'the connection was refused',
	ETIMEDOUT: 'no answer in time',
	ECONNABORTED: 'no answer in time',
	ERR_SOCKET_CONNECTION_TIMEOUT: 'no answer in time',
	ENOTFOUND: 'the host name is unknown',
	EAI_AGAIN: 'the host name could not be resolved',
};

function networkError(
	context: MidtransContext,
	request: MidtransRequest,
	error: unknown,
	itemIndex?: number,
): NodeApiError {
	const code = networkErrorCode(error) ?? 'unknown';
	const reached =
		request.method === 'GET'
			? 'Nothing was changed at Midtrans.'
			: 'The request may have reached Midtrans: check the transaction with Get Status before sending it again.';
	// The raw code stays out of the message: n8n replaces messages that mention one with its generic text.
	return new NodeApiError(context.getNode(), { network_error_code: code } as JsonObject, {
		message: `Could not reach Midtrans: ${NETWORK_FAILURES[code] ?? 'the request failed'}`,
		description: `${reached} (${code})`,
		itemIndex,
	});
}

function backoffDelay(attempt: number, retryAfterHeader: unknown): number {
	const retryAfterSeconds = Number(retryAfterHeader);
	if (Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0) {
		return Math.min(retryAfterSeconds * 1000, retryPolicy.maxDelayMs);
	}
	const exponential = retryPolicy.baseDelayMs * 2 ** attempt;
	// Jitter keeps parallel items from retrying in lockstep.
	return Math.min(exponential * (0.75 + Math.random() * 0.5), retryPolicy.maxDelayMs);
}

interface FullResponse {
	statusCode: number;
	body: unknown;
	headers: Record<string, unknown>;
}

function parseBody(body: unknown): IDataObject {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
	if (typeof body === 'string' && body.trim().startsWith('{')) {
		try {
			return JSON.parse(body) as IDataObject;
		} catch {
			return { raw: body };
		}
	}
	return body === undefined || body === '' ? {} : { raw: body as string };
}

/** Built once per credential read: getNode() copies the whole node. */
const decryptedCredentials = new WeakMap<MidtransCredentials, ICredentialsDecrypted>();

/** The credential as n8n's request helper takes it ready-made: the node's reference to it, and its data. */
function decryptedCredential(context: MidtransContext, credentials: MidtransCredentials): ICredentialsDecrypted {
	let decrypted = decryptedCredentials.get(credentials);
	if (!decrypted) {
		const { id, name } = context.getNode().credentials?.[CREDENTIAL_NAME] ?? {};
		const data = credentials as ICredentialDataDecryptedObject;
		decrypted = { id: id ?? '', name: name ?? CREDENTIAL_NAME, type: CREDENTIAL_NAME, data };
		decryptedCredentials.set(credentials, decrypted);
	}
	return decrypted;
}

/**
 * The one function through which every Midtrans call goes: host per environment, headers, auth by the
 * credential, errors inside HTTP 200 turned into NodeApiError, bounded retries where retrying is safe,
 * and the server key kept out of every message. Callers sending many requests pass the credential they
 * read once, rather than have each request read it.
 */
export async function midtransApiRequest(
	this: MidtransContext,
	request: MidtransRequest,
	itemIndex?: number,
	knownCredentials?: MidtransCredentials,
): Promise<IDataObject> {
	const credentials = knownCredentials ?? ((await this.getCredentials(CREDENTIAL_NAME)) as MidtransCredentials);
	// Handing n8n the credential saves it reading and decrypting it again for every request.
	const credentialOptions = { credentialsDecrypted: decryptedCredential(this, credentials) };
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${apiBaseUrl(credentials, request.api)}${request.path}`,
		headers: {
			Accept: 'application/json',
			'Content-Type': 'application/json',
			...request.headers,
		},
		qs: request.qs,
		body: request.body,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs ?? retryPolicy.requestTimeoutMs,
	};

	const retrySafe = isRetrySafe(request);
	const maxRetries = request.maxRetries ?? retryPolicy.maxRetries;
	for (let attempt = 0; ; attempt++) {
		let response: FullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_NAME,
				options,
				credentialOptions,
			)) as FullResponse;
		} catch (cause) {
			if (
				retrySafe &&
				RETRYABLE_NETWORK_CODES.has(networkErrorCode(cause) ?? '') &&
				attempt < maxRetries
			) {
				await sleep(backoffDelay(attempt, undefined));
				continue;
			}
			throw networkError(this, request, cause, itemIndex);
		}

		const body = parseBody(response.body);
		const errorCode = midtransErrorCode(response.statusCode, body);
		if (errorCode === undefined) return body;

		const httpRetryable = RETRYABLE_HTTP_CODES.has(errorCode);
		if (retrySafe && httpRetryable && attempt < maxRetries) {
			await sleep(backoffDelay(attempt, response.headers?.['retry-after']));
			continue;
		}
		throw midtransApiError(this, errorCode, body, credentials, itemIndex);
	}
}
