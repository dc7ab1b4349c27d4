import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** The fields the trigger needs to route a transaction notification; each must be text. */
export const REQUIRED_NOTIFICATION_FIELDS = ['order_id', 'status_code', 'gross_amount', 'transaction_status'] as const;

/** A notification whose shape was checked; every other field is kept as received. */
export interface MidtransNotification extends IDataObject {
	order_id: string;
	status_code: string;
	gross_amount: string;
	transaction_status: string;
	signature_key: string;
}

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

export function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function isNonEmptyText(value: unknown): value is string {
	return typeof value === 'string' && value !== '';
}

/** The reason a body is not a transaction notification at all, or undefined when its shape is right. */
export function notificationShapeProblem(body: unknown): string | undefined {
	if (!isPlainObject(body)) return 'The body is not a JSON object';
	const missing = REQUIRED_NOTIFICATION_FIELDS.filter((field) => !isNonEmptyText(body[field]));
	return missing.length ? `Missing or non-text fields: ${missing.join(', ')}` : undefined;
}

/** Whether a notification-shaped body carries a signature to check. */
export function hasSignature(body: IDataObject): body is MidtransNotification {
	return isNonEmptyText(body.signature_key);
}

/** Whether the notification was signed with this server key. With no key nothing is accepted: anyone could sign. */
export function isSignedWith(notification: MidtransNotification, serverKey: string | undefined): boolean {
	if (!serverKey) return false;
	const { order_id, status_code, gross_amount, signature_key } = notification;
	return signatureMatches(signature_key, notificationSignature(order_id, status_code, gross_amount, serverKey));
}
