import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** The fields this trigger needs to verify and route a notification; each must be text. */
export const REQUIRED_NOTIFICATION_FIELDS = [
	'order_id',
	'status_code',
	'gross_amount',
	'transaction_status',
] as const;

/** A notification whose shape and signature were checked; every other field is kept as received. */
export interface MidtransNotification extends IDataObject {
	order_id: string;
	status_code: string;
	gross_amount: string;
	transaction_status: string;
	signature_key: string;
}

/*
 * Why these answer codes (Midtrans retries 400/404 twice, 500 once, 503 four times, anything else five
 * times over about six hours):
 * - 400 for a malformed body: Midtrans never sends one, so its two retries cost nothing, and the code tells
 *   someone testing by hand what is wrong.
 * - 401 (no signature) and 403 (wrong signature): the most retried codes. A genuine notification fails the
 *   check only when the credential holds the wrong server key (a sandbox key behind a production URL, a
 *   rotated key); five retries over hours give the user time to fix the credential and still get them all.
 */
export type NotificationVerdict =
	| { accepted: true; notification: MidtransNotification }
	| { accepted: false; httpCode: 400 | 401 | 403; reason: string };

/** hex(SHA-512(order_id + status_code + gross_amount + server key)), over the strings exactly as received. */
export function notificationSignature(
	orderId: string,
	statusCode: string,
	grossAmount: string,
	serverKey: string,
): string {
	return createHash('sha512')
		.update(orderId + statusCode + grossAmount + serverKey, 'utf8')
		.digest('hex');
}

/** Constant-time comparison; only the length (always 128 for a genuine signature) is compared openly. */
export function signatureMatches(received: string, expected: string): boolean {
	const receivedBytes = Buffer.from(received, 'utf8');
	const expectedBytes = Buffer.from(expected, 'utf8');
	return receivedBytes.length === expectedBytes.length && timingSafeEqual(receivedBytes, expectedBytes);
}

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function isNonEmptyText(value: unknown): value is string {
	return typeof value === 'string' && value !== '';
}

/**
 * Decides whether a request body is a genuine Midtrans notification. Runs before any other work, and its
 * reasons never say anything about the key or the expected signature.
 */
export function verifyNotification(body: unknown, serverKey: string): NotificationVerdict {
	if (!isPlainObject(body)) {
		return { accepted: false, httpCode: 400, reason: 'The body is not a JSON object' };
	}
	const missing = REQUIRED_NOTIFICATION_FIELDS.filter((field) => !isNonEmptyText(body[field]));
	if (missing.length > 0) {
		return { accepted: false, httpCode: 400, reason: `Missing or non-text fields: ${missing.join(', ')}` };
	}
	if (!isNonEmptyText(body.signature_key)) {
		return { accepted: false, httpCode: 401, reason: 'Missing signature_key' };
	}
	const { order_id, status_code, gross_amount } = body as MidtransNotification;
	// With no key every signature would be computable by anyone: never accept.
	const expected = serverKey ? notificationSignature(order_id, status_code, gross_amount, serverKey) : '';
	if (!expected || !signatureMatches(body.signature_key, expected)) {
		return { accepted: false, httpCode: 403, reason: 'signature_key does not match this notification' };
	}
	return { accepted: true, notification: body as MidtransNotification };
}
