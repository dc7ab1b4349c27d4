import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { IrisConnection } from '../shared/iris/connection';
import type { PayoutNotification } from '../shared/iris/notifications';
import { midtransRequest } from '../shared/transport';

/**
 * - confirmed: Iris's payout details answered for this reference_no; its status is the truth the item is routed by.
 * - contradicted: Iris's record names another payout or amount than the signed notification: it was altered.
 * - not_found: Iris knows no such payout here (a test notification, or the other environment).
 * - rejected: Iris refused the request (401: a key of the other environment, …); retrying will not help.
 * - unreachable: network failure, rate limit or an Iris 5xx, or no answer before the deadline.
 */
export type PayoutConfirmationResult = 'confirmed' | 'contradicted' | 'not_found' | 'rejected' | 'unreachable';

export interface PayoutConfirmation {
	result: PayoutConfirmationResult;
	/** The status Iris shows, lower case, when confirmed. */
	status?: string;
	httpCode?: string;
	/** Why it is not confirmed, in words a user can act on (never holds a key: the transport redacts them). */
	message?: string;
	/** Iris's payout details, when it answered. */
	payoutFromIris?: IDataObject;
}

const NOT_FOUND_MESSAGE =
	'Iris knows no payout with this reference_no in the credential’s environment: check that the credential’s environment matches the dashboard the notification came from.';

function failureResult(httpCode: number): PayoutConfirmationResult {
	if (!Number.isFinite(httpCode) || httpCode < 400 || httpCode === 429 || httpCode >= 500) return 'unreachable';
	return httpCode === 404 ? 'not_found' : 'rejected';
}

/** Whether Iris's record is of the notified payout and amount (amounts compared as numbers: "10000.00" = "10000"). */
function contradiction(notification: PayoutNotification, details: IDataObject): string | undefined {
	if (details.reference_no !== undefined && String(details.reference_no) !== notification.reference_no) {
		return 'Iris’s record belongs to another reference_no than the notification names: the notification was altered';
	}
	if (details.amount !== undefined && Number(details.amount) !== Number(notification.amount)) {
		return 'Iris’s record of this payout has another amount than the notification: the notification was altered';
	}
	return undefined;
}

/**
 * Reads the payout's details from Iris (the "challenge response" Iris's docs recommend) and checks that its record
 * is of the payout and amount the signed notification names. Ends by `deadline` whatever happens.
 */
export async function confirmPayout(
	this: IWebhookFunctions,
	connection: IrisConnection,
	notification: PayoutNotification,
	deadline: number,
): Promise<PayoutConfirmation> {
	const reference = notification.reference_no;
	if (reference === '.' || reference === '..') {
		return { result: 'rejected', message: `"${reference}" cannot be looked up in a URL path` };
	}
	try {
		const details = await midtransRequest.call(
			this,
			connection,
			{ method: 'GET', path: `/payouts/${encodeURIComponent(reference)}`, retrySafe: true },
			{ deadline, limits: { retries: 2, firstRetryDelayMs: 200 } },
		);
		const contradicted = contradiction(notification, details);
		if (contradicted) return { result: 'contradicted', message: contradicted, payoutFromIris: details };
		const status = typeof details.status === 'string' ? details.status.toLowerCase() : '';
		return { result: 'confirmed', status, payoutFromIris: details };
	} catch (error) {
		// Anything but an Iris or network failure is a bug and must surface as one.
		if (!(error instanceof NodeApiError)) throw new NodeOperationError(this.getNode(), error as Error);
		const code = (error.context.midtrans as IDataObject | undefined)?.status_code;
		const httpCode = Number(code ?? Number.NaN);
		const result = failureResult(httpCode);
		const message = result === 'not_found' ? NOT_FOUND_MESSAGE : [error.message, error.description].filter(Boolean).join(' — ');
		return { result, ...(Number.isFinite(httpCode) ? { httpCode: String(httpCode) } : {}), message };
	}
}
