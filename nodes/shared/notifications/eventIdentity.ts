import type { IDataObject } from 'n8n-workflow';

/** Statuses whose notifications repeat for each refund or chargeback of the same transaction. */
const ADJUSTMENT_STATUSES = new Set(['refund', 'partial_refund', 'chargeback', 'partial_chargeback']);

/** What the trigger has proved about a transaction when it emits an event. */
export interface ProvedState {
	orderId: string;
	transactionId?: string;
	transactionStatus: string;
	fraudStatus?: string;
	/** For refunds and chargebacks: which one this notification reports (see adjustmentOf). */
	adjustment?: string;
}

/**
 * An event's identity: the state of one transaction that the workflow is told about. Midtrans's retries and
 * resends of a notification, and a late notification that confirms to a state already emitted (a "pending"
 * that Get Status shows settled), prove the same state, so they share the identity; a capture under fraud
 * review and the same capture accepted, or each refund of one order, are different states.
 *
 * order_id | transaction_id | transaction_status | fraud_status | adjustment, each part percent-encoded so
 * that no value can imitate another's boundary.
 */
export function eventIdOf(state: ProvedState): string {
	const parts = [
		state.orderId,
		state.transactionId ?? '',
		state.transactionStatus,
		state.fraudStatus ?? '',
		ADJUSTMENT_STATUSES.has(state.transactionStatus) ? (state.adjustment ?? '') : '',
	];
	return parts.map((part) => encodeURIComponent(part)).join('|');
}

function refundsOf(source: IDataObject): IDataObject[] {
	return Array.isArray(source.refunds) ? (source.refunds as IDataObject[]).filter((entry) => entry && typeof entry === 'object') : [];
}

const present = (value: unknown) => value !== undefined && value !== null && value !== '';

/**
 * The identity of one refund or chargeback entry, from the fields both a notification's and Get Status's
 * refunds[] carry. refund_chargeback_id alone will not do: Midtrans's ids exceed 2^53 and lose their last
 * digits when JSON is parsed, so two refunds could share one.
 */
function entryIdentity(entry: IDataObject): string | undefined {
	const fields = [entry.refund_key, entry.refund_chargeback_id, entry.created_at, entry.refund_amount];
	return fields.some(present) ? fields.map((field) => (present(field) ? String(field) : '')).join('/') : undefined;
}

function totalRefunded(source: IDataObject): string | undefined {
	return present(source.refund_amount) ? `amount:${String(source.refund_amount)}` : undefined;
}

/** The refunds or chargebacks a refunds[] list holds, by identity, in a fixed order (Midtrans's order is not promised). */
function entriesOf(source: IDataObject): string[] {
	return refundsOf(source)
		.map(entryIdentity)
		.filter((id): id is string => id !== undefined)
		.sort();
}

/**
 * Which refunds or chargebacks a notification reports: the entries of its refunds[] (Midtrans lists chargebacks
 * there too, and each new one is added to the list), or failing that the total refund_amount. So the
 * notification of a second partial refund differs from the first's. When Get Status confirmed the transaction,
 * the notification's entries count only if Midtrans lists every one of them; otherwise Midtrans's list does.
 */
export function adjustmentOf(notification: IDataObject, confirmedStatus?: IDataObject): string | undefined {
	const reported = entriesOf(notification);
	if (confirmedStatus) {
		const listed = entriesOf(confirmedStatus);
		const proved = reported.length > 0 && reported.every((id) => listed.includes(id));
		if (proved) return reported.join(',');
		return listed.length ? listed.join(',') : totalRefunded(confirmedStatus);
	}
	return reported.length ? reported.join(',') : totalRefunded(notification);
}
