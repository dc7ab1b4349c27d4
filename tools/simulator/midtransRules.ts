/**
 * Midtrans's rules as the simulator enforces them, written here from Midtrans's documentation.
 * The simulator checks what the nodes send, so it must never import the nodes' own statement of
 * these rules: a wrong rule there would then pass its own check. "FACTS" is shared/docs/MIDTRANS-FACTS.md.
 */

/** docs.midtrans.com/reference/transaction-details-object: order_id is String(50). */
export const ORDER_ID_MAX_LENGTH = 50;

/** Same page: letters and digits plus the allowed symbols dash, underscore, tilde and dot. */
export const ORDER_ID_PATTERN = /^[A-Za-z0-9\-_~.]+$/;

/** docs.midtrans.com/reference/customer-details-object: first_name, last_name, email, phone are String(255). */
export const CUSTOMER_DETAILS_MAX_LENGTH = { first_name: 255, last_name: 255, email: 255, phone: 255 } as const;

/** Over the Counter guide (midtrans-seeds, docs.midtrans.com/reference/alfamart-1, indomaret-1): the stores. */
export const CSTORE_STORES = ['alfamart', 'indomaret'] as const;
export type CstoreStore = (typeof CSTORE_STORES)[number];

/** Over the Counter guide, cstore object: message is String(20). */
export const CSTORE_MESSAGE_MAX_LENGTH = 20;

/** Over the Counter guide, cstore object: alfamart_free_text_1..3 are String(40) each. */
export const ALFAMART_FREE_TEXT_MAX_LENGTH = 40;

/** FACTS, field constraints: Indomaret takes 10,000–5,000,000 IDR; Alfamart at most 2,500,000 (the cash limit). */
export const CSTORE_AMOUNT_RANGE: Record<CstoreStore, { min?: number; max: number }> = {
	indomaret: { min: 10_000, max: 5_000_000 },
	alfamart: { max: 2_500_000 },
};

/** docs.midtrans.com/reference/api-headers and FACTS: keys longer than 46 characters are ignored, not refused. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 46;

/** docs.midtrans.com/reference/override-notification-url: each header takes at most three URLs. */
export const NOTIFICATION_URLS_PER_HEADER = 3;

/** docs.midtrans.com/docs/transaction-status-cycle and FACTS: every transaction_status Midtrans uses. */
export const TRANSACTION_STATUSES = [
	'pending',
	'settlement',
	'capture',
	'authorize',
	'deny',
	'cancel',
	'expire',
	'failure',
	'refund',
	'partial_refund',
	'chargeback',
	'partial_chargeback',
] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/**
 * The status_code a notification (and Get Status) carries for each status. Sources: docs.midtrans.com
 * reference/status-codes (200 paid, 201 pending, 202 denied), the notification samples on
 * reference/expire-transaction and cancel-transaction ("202"), reference/refund-transaction ("200").
 */
const STATUS_CODES: Record<TransactionStatus, string> = {
	pending: '201',
	settlement: '200',
	capture: '200',
	authorize: '200',
	deny: '202',
	cancel: '202',
	expire: '202',
	// Not documented; grouped with deny as an end without payment.
	failure: '202',
	refund: '200',
	partial_refund: '200',
	chargeback: '200',
	partial_chargeback: '200',
};

/** reference/status-codes, 201: a card payment under fraud review ("challenge") is reported as 201 until decided. */
export function statusCodeFor(status: TransactionStatus, fraudStatus?: string): string {
	if (fraudStatus === 'challenge') return '201';
	// notify() may announce a status Midtrans does not use, to test a receiver: it goes out as "200".
	return STATUS_CODES[status] ?? '200';
}
