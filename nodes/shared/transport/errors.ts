import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiConnection, MidtransContext } from '../connection';
import { redactJson, redactText } from '../secrets';

const CODE_HINTS: Record<number, string> = {
	402: 'This merchant account has no access to this payment type: activate it in the Midtrans dashboard.',
	404: 'Midtrans knows no transaction with this order ID or transaction ID in this environment.',
	406: 'This order ID is already used by an active or paid transaction. Use a new order ID, or check its status first.',
	409: 'Midtrans reports a conflict (too many transactions on one card, or an idempotency conflict). Try again later.',
	411: 'The card token is missing, invalid or expired: card tokens are single-use. Create a new one.',
	412: 'The transaction’s status does not allow this change (for example cancelling a settled transaction).',
	429: 'Midtrans is rate limiting this account. Lower the node’s concurrency, pace it with Batch Size and Batch Interval, or add a wait.',
};

const SERVER_FAILURE_HINT =
	'Midtrans, the bank or a partner failed. A charge may still have gone through: check it with Get Status before charging again.';

/** Midtrans's words for a failure: the Core API's validation_messages, Snap's error_messages, Iris's error_message and errors. */
function messagesFromBody(body: IDataObject): string[] {
	const texts = (value: unknown): string[] => {
		if (value === undefined || value === null || value === '') return [];
		if (Array.isArray(value)) return value.flatMap(texts);
		if (typeof value === 'object') return Object.entries(value).flatMap(([field, inner]) => texts(inner).map((text) => `${field}: ${text}`));
		return [String(value)];
	};
	return [body.validation_messages, body.error_messages, body.error_message, body.errors].flatMap(texts);
}

/** The NodeApiError a user sees for a Midtrans failure: Midtrans's code and words, and what to do. */
export function midtransApiError(
	context: MidtransContext,
	connection: ApiConnection,
	code: number,
	body: IDataObject,
	{ itemIndex, extraHint, hints }: { itemIndex?: number; extraHint?: string; hints?: Readonly<Record<number, string>> } = {},
): NodeApiError {
	// Everything below derives from the redacted copy, so no path can carry a key out.
	const safeBody = redactJson(body, connection.secretForms);
	const details = messagesFromBody(safeBody);
	// GoPay's refusals (account linking) carry only the channel's words.
	const statusMessage =
		typeof safeBody.status_message === 'string'
			? safeBody.status_message
			: (details[0] ??
				(typeof safeBody.channel_response_message === 'string' ? safeBody.channel_response_message : undefined) ??
				'Midtrans rejected the request');
	// The request's own hints first (an endpoint's codes mean other things), then its API's, then the Core API's.
	const apiHints = connection.errorHints ?? { byCode: CODE_HINTS, serverFailure: SERVER_FAILURE_HINT };
	const hint =
		code === 401
			? connection.keyHint
			: (hints?.[code] ?? apiHints.byCode[code] ?? (code >= 500 ? apiHints.serverFailure : undefined));
	const description = [details.length ? details.join('; ') : undefined, hint, extraHint]
		.filter(Boolean)
		.join(' — ');
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

/** How to find out what happened to a request whose answer was lost (`lookUp`, a sentence, when the request says it). */
function lookUpHint(subject: string | undefined, lookUp?: string): string {
	if (lookUp) return lookUp;
	return subject
		? `The request may have reached Midtrans: look up ${subject} with Get Status before sending it again.`
		: 'The request may have reached Midtrans: check with Get Status before sending it again.';
}

/** No answer: the request may or may not have reached Midtrans, unless it is a read or was never sent. */
export function networkError(
	context: MidtransContext,
	{ code, reachedMidtrans, subject, lookUp }: { code: string; reachedMidtrans: boolean; subject?: string; lookUp?: string },
	itemIndex?: number,
): NodeApiError {
	const reached = reachedMidtrans ? lookUpHint(subject, lookUp) : 'Nothing was changed at Midtrans.';
	// The raw code stays out of the message: n8n replaces messages that mention one with its generic text.
	return new NodeApiError(context.getNode(), { network_error_code: code } as JsonObject, {
		message: reachedMidtrans
			? `The outcome is unknown: could not reach Midtrans (${NETWORK_FAILURES[code] ?? 'the request failed'})`
			: `Could not reach Midtrans: ${NETWORK_FAILURES[code] ?? 'the request failed'}`,
		description: `${reached} (${code})`,
		itemIndex,
	});
}

/**
 * An answer that is not Midtrans's JSON (cut short, a proxy's HTML page), or a request Midtrans was still
 * processing when the time ran out. For a request that may move money the outcome is unknown, never a success.
 */
export function unknownOutcomeError(
	context: MidtransContext,
	connection: ApiConnection,
	{ why, httpCode, answer, subject, lookUp, movesMoney }: {
		why: string;
		httpCode: number;
		answer?: string;
		subject?: string;
		lookUp?: string;
		movesMoney: boolean;
	},
	itemIndex?: number,
): NodeApiError {
	// Redacted before it is cut: a key cut in two would no longer be found.
	const excerpt = answer === undefined ? undefined : redactText(answer, connection.secretForms).slice(0, 200);
	return new NodeApiError(context.getNode(), { http_code: httpCode, ...(excerpt ? { answer: excerpt } : {}) } as JsonObject, {
		message: movesMoney ? `The outcome is unknown: ${why}` : `Midtrans’s answer could not be used: ${why}`,
		description: movesMoney ? lookUpHint(subject, lookUp) : 'Nothing was changed at Midtrans; run the node again.',
		httpCode: String(httpCode),
		itemIndex,
	});
}
