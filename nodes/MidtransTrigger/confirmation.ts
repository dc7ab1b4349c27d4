import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { MidtransConnection } from '../shared/connection';
import type { MidtransNotification } from '../shared/notifications/signature';
import { midtransRequest } from '../shared/transport';

/**
 * - confirmed: Get Status answered for this order; its transaction_status is the truth the item is routed by.
 * - contradicted: Midtrans's record names another order or amount than the notification: it was altered.
 * - not_found: Midtrans knows no such transaction here (the dashboard's test notification, or the other environment).
 * - rejected: Midtrans refused the request (401: a key of the other environment, …); retrying will not help.
 * - unreachable: network failure, rate limit or a Midtrans 5xx, or no answer before the deadline.
 */
export type ConfirmationResult = 'confirmed' | 'contradicted' | 'not_found' | 'rejected' | 'unreachable';

export interface Confirmation {
	result: ConfirmationResult;
	/** From Get Status, when confirmed (lower case: Midtrans has answered "PENDING" for some methods). */
	transactionStatus?: string;
	fraudStatus?: string;
	/** Midtrans's code when it answered with an error. */
	httpCode?: string;
	/** Why it is not confirmed, in words a user can act on (never holds a key: the transport redacts them). */
	message?: string;
	/** Get Status's whole answer, when confirmed. */
	statusFromMidtrans?: IDataObject;
}

const NOT_FOUND_MESSAGE =
	'Midtrans knows no transaction with this order_id in the credential’s environment. The dashboard’s test notification does this (it carries a made-up order); otherwise check that the credential’s environment matches the dashboard the notification came from.';

/** Get Status answers an expired transaction with status_code "407", which is not an error. */
const EXPIRED_STATUS_CODE = 407;

function failureResult(httpCode: number): 'not_found' | 'rejected' | 'unreachable' {
	// No code at all (or none of an error) means the answer never came: a network failure or the deadline.
	if (!Number.isFinite(httpCode) || httpCode < 400 || httpCode === 429 || httpCode >= 500) return 'unreachable';
	return httpCode === 404 ? 'not_found' : 'rejected';
}

/** A status as text in lower case (Midtrans has answered "PENDING" for some methods), or undefined when absent. */
export const lowerCase = (value: unknown) => (typeof value === 'string' && value !== '' ? value.toLowerCase() : undefined);

/** Whether Midtrans's record is of the notified order and amount (amounts compared as numbers: "44000.00" = 44000). */
function contradiction(notification: Pick<MidtransNotification, 'order_id' | 'gross_amount'>, status: IDataObject): string | undefined {
	if (status.order_id !== undefined && String(status.order_id) !== notification.order_id) {
		return 'Midtrans’s record of this transaction_id belongs to another order_id than the notification names: the notification was altered';
	}
	if (status.gross_amount !== undefined && Number(status.gross_amount) !== Number(notification.gross_amount)) {
		return 'Midtrans’s record of this transaction has another gross_amount than the notification: the notification was altered';
	}
	return undefined;
}

/** Midtrans's answer to a GET made to confirm a notification, or why there is none. */
export type Lookup =
	| { result: 'found'; answer: IDataObject }
	| { result: Exclude<ConfirmationResult, 'confirmed' | 'contradicted'>; httpCode?: string; message: string };

/**
 * GETs Midtrans's record behind a notification, ending by `deadline` whatever happens (a hanging request,
 * retries, a Retry-After), so that Midtrans gets its answer in time.
 */
export async function lookUp(
	this: IWebhookFunctions,
	connection: MidtransConnection,
	path: string,
	deadline: number,
	notFoundMessage = NOT_FOUND_MESSAGE,
): Promise<Lookup> {
	try {
		const answer = await midtransRequest.call(
			this,
			connection,
			{ method: 'GET', path, retrySafe: true, successCodes: [EXPIRED_STATUS_CODE] },
			{ deadline, limits: { retries: 2, firstRetryDelayMs: 200 } },
		);
		return { result: 'found', answer };
	} catch (error) {
		// Anything but a Midtrans or network failure is a bug and must surface as one.
		if (!(error instanceof NodeApiError)) throw new NodeOperationError(this.getNode(), error as Error);
		const midtransCode = (error.context.midtrans as IDataObject | undefined)?.status_code;
		const httpCode = Number(midtransCode ?? Number.NaN);
		const result = failureResult(httpCode);
		const message = result === 'not_found' ? notFoundMessage : [error.message, error.description].filter(Boolean).join(' — ');
		return { result, ...(Number.isFinite(httpCode) ? { httpCode: String(httpCode) } : {}), message };
	}
}

/**
 * Asks Midtrans for the transaction's current status, by transaction_id where the notification has one (so a
 * B2B order paid more than once is looked up exactly), and checks that Midtrans's record is of the order and
 * amount the signature covers.
 */
export async function confirmNotification(
	this: IWebhookFunctions,
	connection: MidtransConnection,
	notification: MidtransNotification,
	deadline: number,
): Promise<Confirmation> {
	const transactionId = typeof notification.transaction_id === 'string' ? notification.transaction_id : '';
	const id = transactionId || notification.order_id;
	if (id === '.' || id === '..') {
		return { result: 'rejected', message: `"${id}" cannot be looked up in a URL path, and the notification has no transaction_id` };
	}
	const found = await lookUp.call(this, connection, `/v2/${encodeURIComponent(id)}/status`, deadline);
	if (found.result !== 'found') return found;
	const status = found.answer;
	const contradicted = contradiction(notification, status);
	if (contradicted) return { result: 'contradicted', message: contradicted, statusFromMidtrans: status };
	return {
		result: 'confirmed',
		transactionStatus: lowerCase(status.transaction_status),
		fraudStatus: lowerCase(status.fraud_status),
		statusFromMidtrans: status,
	};
}
