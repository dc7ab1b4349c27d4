import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { midtransApiRequest } from '../Midtrans/transport';

/**
 * - confirmed: Get Status answered; its transaction_status is the truth the item is routed by.
 * - not_found: Midtrans knows no such order here (the dashboard's test notification, or the other environment).
 * - rejected: Midtrans refused the request (401: a key of the other environment, …); retrying will not help.
 * - unreachable: network failure, rate limit or a Midtrans 5xx, after the transport's own retries.
 */
export type ConfirmationResult = 'confirmed' | 'not_found' | 'rejected' | 'unreachable';

export interface Confirmation {
	result: ConfirmationResult;
	/** From Get Status, when confirmed. */
	transactionStatus?: string;
	fraudStatus?: string;
	/** Midtrans's code when it answered with an error. */
	httpCode?: string;
	/** Why it is not confirmed, in words a user can act on (never holds the key: the transport redacts it). */
	message?: string;
	/** Get Status's whole answer, when confirmed. */
	statusFromMidtrans?: IDataObject;
}

const CONFIRMATION_TIMEOUT_MS = 2000;
export const CONFIRMATION_MAX_RETRIES = 1;

const NOT_FOUND_MESSAGE =
	'Midtrans knows no transaction with this order_id in the credential’s environment. The dashboard’s test notification does this (it carries a made-up order); otherwise check that the credential’s environment matches the dashboard the notification came from.';

function failureResult(httpCode: number): ConfirmationResult {
	// No code at all (or none of an error) means the answer never came: a network failure.
	if (!Number.isFinite(httpCode) || httpCode < 400 || httpCode === 429 || httpCode >= 500) {
		return 'unreachable';
	}
	return httpCode === 404 ? 'not_found' : 'rejected';
}

/**
 * Asks Midtrans for the transaction's current status. Looks it up by order_id, not transaction_id: order_id
 * is covered by the signature, transaction_id is not, so a replayed notification cannot point the lookup
 * at another transaction.
 */
export async function confirmWithMidtrans(this: IWebhookFunctions, orderId: string): Promise<Confirmation> {
	try {
		const status = await midtransApiRequest.call(this, {
			method: 'GET',
			path: `/v2/${encodeURIComponent(orderId)}/status`,
			// Midtrans wants an answer within 5 s: two short attempts fit, the default patience does not.
			timeoutMs: CONFIRMATION_TIMEOUT_MS,
			maxRetries: CONFIRMATION_MAX_RETRIES,
		});
		return {
			result: 'confirmed',
			transactionStatus:
				typeof status.transaction_status === 'string' ? status.transaction_status : undefined,
			fraudStatus: typeof status.fraud_status === 'string' ? status.fraud_status : undefined,
			statusFromMidtrans: status,
		};
	} catch (error) {
		// Anything but a Midtrans or network failure is a bug and must surface as one.
		if (!(error instanceof NodeApiError)) throw new NodeOperationError(this.getNode(), error as Error);
		const midtransCode = (error.context.midtrans as IDataObject | undefined)?.status_code;
		const httpCode = Number(midtransCode ?? error.httpCode ?? Number.NaN);
		const result = failureResult(httpCode);
		const message =
			result === 'not_found'
				? NOT_FOUND_MESSAGE
				: [error.message, error.description].filter(Boolean).join(' — ');
		return {
			result,
			...(Number.isFinite(httpCode) ? { httpCode: String(httpCode) } : {}),
			message,
		};
	}
}
