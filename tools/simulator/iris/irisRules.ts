/**
 * Iris's (Midtrans Payouts') rules as the simulator enforces them, written here from Iris's documentation
 * (docs.midtrans.com/reference: https-header, create-beneficiaries, create-payout, accept-payout, reject-payout,
 * get-payout-details, validate-bank-account, notification-payload, error-code-and-messages) and the SDKs' Iris
 * clients. The simulator checks what the nodes send, so it never imports the nodes' own statement of these
 * rules. Where the docs are silent, the choice made here says so.
 */

/** https-header: "Maximum length is 100 characters". A longer key is refused here (the docs do not say what Iris does). */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 100;

/** https-header: keys older than 24 hours are removed (every midnight UTC; the simulator simply forgets after 24 h). */
export const IDEMPOTENCY_MEMORY_MS = 24 * 60 * 60 * 1000;

/** https-header: the answer to a key reused for another request. */
export const IDEMPOTENCY_CONFLICT = { error_message: 'idempotency-key is not unique', errors: 'idempotency-key is not unique' };

/** create-beneficiaries: alias_name "less than or equal to 20 characters", "only alphanumeric characters". */
export const ALIAS_NAME_MAX_LENGTH = 20;
export const ALIAS_NAME_PATTERN = /^[A-Za-z0-9]+$/;

/** create-beneficiaries: account "Length should be within 6 to 20 characters"; digits (it is a number). */
export const ACCOUNT_PATTERN = /^\d{6,20}$/;

/** create-payout: for gopay and ovo, a mobile number "starting with 62 or 08 without any special characters". */
export const E_WALLETS = ['gopay', 'ovo'];
export const E_WALLET_NUMBER_PATTERN = /^(62|08)\d+$/;

/** create-payout: notes "max 100 characters". */
export const NOTES_MAX_LENGTH = 100;

/**
 * notification-payload, Monetary Value: digits and one ".", at most 2 decimals; create-payout: "the
 * decimal-fraction value must be equal to .0". A fraction other than zero is refused here (Iris "might" round).
 */
export const MONEY_PATTERN = /^\d+(\.\d{1,2})?$/;

/** get-payout-details, notification-payload: the statuses of a payout. */
export const PAYOUT_STATUSES = ['queued', 'approved', 'processed', 'completed', 'failed', 'rejected'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** notification-payload: what each status can change to (completed can still fail: a refund from the bank). */
export const NEXT_STATUSES: Record<PayoutStatus, readonly PayoutStatus[]> = {
	queued: ['approved', 'rejected'],
	approved: ['processed', 'completed', 'failed'],
	processed: ['completed', 'failed'],
	completed: ['failed'],
	failed: [],
	rejected: [],
};

/** error-code-and-messages: failed payouts' codes (a selection; the simulator fails with any of these). */
export const PAYOUT_ERROR_CODES: Record<string, string> = {
	'001': 'Invalid beneficiary name',
	'002': 'Invalid destination account number',
	'004': 'General error',
	'005': 'Timeout error by bank',
	'007': 'Identical request already processed before',
	'009': 'Bank balance is not enough',
	'011': 'OTP code expired / blocked',
	'016': 'Merchant balance is not enough',
	'025': 'Transfer was declined',
	'026': 'Invalid receiver name',
};

/** The sandbox OTP the SDKs' samples send ("335163"); the simulator asks for it when OTP is required. */
export const SANDBOX_OTP = '335163';

/**
 * beneficiary_banks (a selection of Iris's list: code, name, routing codes). Payouts and beneficiaries must name
 * one of these codes here.
 */
export const BENEFICIARY_BANKS = [
	{ code: 'bca', name: 'Bank Central Asia', routing_code: ['014'] },
	{ code: 'bni', name: 'Bank Negara Indonesia', routing_code: ['009'] },
	{ code: 'bri', name: 'Bank Rakyat Indonesia', routing_code: ['002'] },
	{ code: 'mandiri', name: 'Bank Mandiri', routing_code: ['008'] },
	{ code: 'cimb', name: 'Bank CIMB Niaga', routing_code: ['022'] },
	{ code: 'permata', name: 'Bank Permata', routing_code: ['013'] },
	{ code: 'danamon', name: 'Bank Danamon', routing_code: ['011'] },
	{ code: 'btn', name: 'Bank Tabungan Negara', routing_code: ['200'] },
	{ code: 'gopay', name: 'GoPay', routing_code: [] },
	{ code: 'ovo', name: 'OVO', routing_code: [] },
];

/** Top-up channels of an aggregator account (channels: id, virtual_account_type, virtual_account_number). */
export const TOP_UP_CHANNELS = [
	{ id: 1, virtual_account_type: 'mandiri_bill_key', virtual_account_number: '8867200000000001' },
	{ id: 2, virtual_account_type: 'bca_va', virtual_account_number: '7007100000000001' },
	{ id: 3, virtual_account_type: 'permata_va', virtual_account_number: '8778000000000001' },
];

/**
 * validate-bank-account's sample names "Danamon Simulator A" for 000001137298. Here every other account exists
 * under a made-up name, except numbers ending in 0000 ("Account does not exist") and 9999 ("Account is dormant").
 */
export const KNOWN_ACCOUNTS: Record<string, string> = { 'danamon:000001137298': 'Danamon Simulator A' };

/** The answer bodies: error_message and errors (a list, an object of lists, or a string, as Iris's vary). */
export interface IrisErrorBody {
	error_message: string;
	errors: unknown;
	/** Account validation adds its request id. */
	[field: string]: unknown;
}

/** A refusal with Iris's HTTP status and body; the routes turn it into an answer. */
export class IrisError extends Error {
	constructor(
		readonly status: number,
		readonly body: IrisErrorBody | string,
	) {
		super(typeof body === 'string' ? body : body.error_message);
		this.name = 'IrisError';
	}
}

/** https-header, and the Node SDK's test "fail 401 … with unset api key" (its message includes "denied"). */
export const accessDenied = () => new IrisError(401, 'HTTP Basic: Access denied.\n');

/** The Node SDK's tests: a key of the wrong role answers 401 "not authorized" (the docs' status table says 403). */
export const notAuthorized = () =>
	new IrisError(401, { error_message: 'You are not authorized to perform this action', errors: ['not authorized'] });

export const invalid = (what: string, errors: unknown) => new IrisError(400, { error_message: `An error occurred when ${what}`, errors });

export const notFound = (what: string) => new IrisError(404, { error_message: `${what} not found`, errors: `${what} not found` });
