import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../notifications/signature';
import { TOP_UP_STATUS } from './constants';

/** A payout's status change: reference_no, amount ("10000.00"), status, updated_at; error_code and error_message when failed. */
export interface PayoutNotification extends IDataObject {
	reference_no: string;
	amount: string;
	status: string;
}

/** Money added to the balance: transaction_id, order_id, gross_amount, status "topup", transaction_time. */
export interface TopUpNotification extends IDataObject {
	transaction_id: string;
	gross_amount: string;
	status: typeof TOP_UP_STATUS;
}

export type IrisNotification =
	| { kind: 'payout'; notification: PayoutNotification }
	| { kind: 'topup'; notification: TopUpNotification };

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * Reads the signed bytes (never n8n's own parse of them, which the signature does not cover) as an Iris
 * notification; a string saying why when they are not one. A byte-order mark is skipped, as n8n does.
 */
export function parseIrisNotification(rawBody: Buffer): IrisNotification | string {
	let body: unknown;
	try {
		body = JSON.parse(rawBody.toString('utf8').replace(/^\uFEFF/, ''));
	} catch {
		return 'The body is not JSON';
	}
	if (!isPlainObject(body)) return 'The body is not a JSON object';
	if (body.status === TOP_UP_STATUS) {
		const missing = ['transaction_id', 'gross_amount'].filter((field) => !isText(body[field]));
		if (missing.length) return `A top-up notification without text fields ${missing.join(', ')}`;
		return { kind: 'topup', notification: body as TopUpNotification };
	}
	const missing = ['reference_no', 'amount', 'status'].filter((field) => !isText(body[field]));
	if (missing.length) return `Missing or non-text fields: ${missing.join(', ')}`;
	return { kind: 'payout', notification: body as PayoutNotification };
}

/** The claimed reference_no or transaction_id of a body not yet proved, for log lines only. */
export function claimedSubject(body: unknown): string | undefined {
	if (!isPlainObject(body)) return undefined;
	if (isText(body.reference_no)) return `payout ${body.reference_no}`;
	if (isText(body.transaction_id)) return `top-up ${body.transaction_id}`;
	return undefined;
}

/**
 * An event's identity: the state of one payout the workflow is told about, "payout|reference_no|status" (each
 * part percent-encoded, so that no value can imitate a boundary). Iris's repeats of a notification, and a late
 * one that confirms to a state already emitted (an "approved" that the payout details show completed), prove
 * the same state and share it; a payout that completes and later fails (a bank's refund) has two states, two
 * identities, two events. A top-up is one event: "topup|transaction_id".
 */
export function irisEventId(parsed: IrisNotification, status: string): string {
	const parts =
		parsed.kind === 'topup'
			? ['topup', parsed.notification.transaction_id]
			: ['payout', parsed.notification.reference_no, status];
	return parts.map((part) => encodeURIComponent(part)).join('|');
}
