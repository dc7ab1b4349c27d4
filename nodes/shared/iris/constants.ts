/** Midtrans Iris (Payouts) facts that more than one file needs: hosts, roles, statuses and field limits, written once. */
import type { MidtransEnvironment } from '../constants';

export const IRIS_CREDENTIAL_NAME = 'midtransIrisApi';

/** Every Iris path is below this on its host (docs "Payouts API" base URL, and all three SDKs agree). */
export const IRIS_API_PATH = '/iris/api/v1';

export const IRIS_API_HOSTS: Record<Exclude<MidtransEnvironment, 'custom'>, string> = {
	sandbox: `https://app.sandbox.midtrans.com${IRIS_API_PATH}`,
	production: `https://app.midtrans.com${IRIS_API_PATH}`,
};

/**
 * Iris has one API key per dashboard user, and the user's role decides what the key may do: a Creator creates
 * payouts and beneficiaries, an Approver approves or rejects payouts; both read balance and statements.
 */
export type IrisRole = 'creator' | 'approver';

/**
 * How a request tells the credential which key to authenticate with. The credential's authenticate function
 * reads this header and removes it before the request leaves, so Iris never sees it.
 */
export const IRIS_ROLE_HEADER = 'X-N8n-Iris-Role';

/** The payout statuses Iris reports (create and details answers, and notifications), in the order they happen. */
export const PAYOUT_STATUSES = ['queued', 'approved', 'processed', 'completed', 'failed', 'rejected'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** The status of a top-up notification ("This value will always be topup"). */
export const TOP_UP_STATUS = 'topup';

export const IRIS_LIMITS = {
	/** X-Idempotency-Key: "Maximum length is 100 characters". */
	idempotencyKeyLength: 100,
	/** A beneficiary's alias_name: at most 20 characters, letters and digits only. */
	aliasNameLength: 20,
	/** Bank account numbers (and e-wallet phone numbers): 6 to 20 digits. */
	accountMinDigits: 6,
	accountMaxDigits: 20,
	/** A payout's notes: "max 100 characters". */
	notesLength: 100,
} as const;

export const ALIAS_NAME_PATTERN = /^[A-Za-z0-9]+$/;

/** Bank codes as Iris lists them in beneficiary_banks (bca, bni, mandiri, gopay…). */
export const BANK_CODE_PATTERN = /^[a-z0-9_]+$/;

/** E-wallet payouts take the owner's mobile number, "starting with 62 or 08 without any special characters". */
export const E_WALLET_BANKS = ['gopay', 'ovo'] as const;
export const E_WALLET_NUMBER_PATTERN = /^(62|08)\d+$/;
