import type { TransactionStatus } from '../constants';

type FraudStatus = 'accept' | 'challenge' | 'deny' | 'none';

/**
 * The status_code Midtrans sends with each transaction_status and fraud_status in a notification. The
 * signature covers status_code but not the two statuses, so a notification whose statuses were edited keeps
 * a valid signature; it is caught here when its statuses no longer go with its signed status_code (a "201"
 * pending turned into settlement). From the sample notifications on Midtrans's "HTTP(S) Notification" page
 * and its 2xx status code page: 200 settlement, capture, authorize and refunds; 201 pending, and a card
 * capture held by the fraud check (fraud_status "challenge"); 202 deny, cancel and expire. Cancel is also
 * listed under 200 there, and expire is 407 in Get Status, so both are kept. Every paid combination needs
 * "200". failure, chargeback and partial_chargeback have no documented code: they are not judged, so that no
 * genuine one is refused (none of them leads to a paid output).
 */
const GENUINE_STATUS_CODES: Partial<Record<TransactionStatus, Partial<Record<FraudStatus, readonly string[]>>>> = {
	pending: { none: ['201'], accept: ['201'], challenge: ['201'] },
	settlement: { none: ['200'], accept: ['200'] },
	capture: { none: ['200'], accept: ['200'], challenge: ['201'], deny: ['202'] },
	authorize: { none: ['200', '201'], accept: ['200', '201'], challenge: ['201'] },
	deny: { none: ['202'], accept: ['202'], challenge: ['202'], deny: ['202'] },
	cancel: { none: ['200', '202'], accept: ['200', '202'], challenge: ['200', '202'], deny: ['200', '202'] },
	expire: { none: ['202', '407'], accept: ['202', '407'], challenge: ['202', '407'] },
	refund: { none: ['200'], accept: ['200'] },
	partial_refund: { none: ['200'], accept: ['200'] },
};

function fraudStatusOf(value: unknown): FraudStatus | undefined {
	if (value === undefined || value === null || value === '') return 'none';
	const fraudStatus = String(value).toLowerCase();
	return fraudStatus === 'accept' || fraudStatus === 'challenge' || fraudStatus === 'deny' ? fraudStatus : undefined;
}

/**
 * Why these fields are not a combination Midtrans sends, or undefined when they are. A transaction_status
 * Midtrans may add later is not judged here (the trigger routes it to "other").
 */
export function statusCombinationProblem(statusCode: string, transactionStatus: string, fraudStatus: unknown): string | undefined {
	if (!Object.prototype.hasOwnProperty.call(GENUINE_STATUS_CODES, transactionStatus)) return undefined;
	const byFraudStatus = GENUINE_STATUS_CODES[transactionStatus as TransactionStatus] ?? {};
	const fraud = fraudStatusOf(fraudStatus);
	const codes = fraud === undefined ? undefined : byFraudStatus[fraud];
	if (codes?.includes(statusCode)) return undefined;
	const fraudText = fraud === 'none' ? '' : ` and fraud_status "${String(fraudStatus)}"`;
	return `Midtrans does not send status_code "${statusCode}" with transaction_status "${transactionStatus}"${fraudText}: the notification was altered after it was signed`;
}
