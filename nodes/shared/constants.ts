/** Midtrans facts that more than one file needs: hosts, statuses and field limits, written once. */

export const CREDENTIAL_NAME = 'midtransApi';

/**
 * The Midtrans node's description. n8n's node panel shows a node and its trigger as one entry ("Midtrans")
 * and gives that entry the trigger's description (editor-ui useActionsGeneration: "default to trigger
 * description"), so the trigger carries this text too: the entry then says what the node's actions do,
 * where a merchant looks for them ("What happens next?"). The trigger's own job is told by its name, its
 * "On new Midtrans event" entry in that panel and the notice in its panel.
 */
export const NODE_PANEL_DESCRIPTION =
	'Take and track payments with Midtrans: charges for every payment method, status, refunds, payment pages and links, subscriptions, saved cards and GoPay accounts';

export type MidtransEnvironment = 'sandbox' | 'production' | 'custom';

export const CORE_API_HOSTS: Record<Exclude<MidtransEnvironment, 'custom'>, string> = {
	sandbox: 'https://api.sandbox.midtrans.com',
	production: 'https://api.midtrans.com',
};

export const SNAP_API_HOSTS: Record<Exclude<MidtransEnvironment, 'custom'>, string> = {
	sandbox: 'https://app.sandbox.midtrans.com/snap/v1',
	production: 'https://app.midtrans.com/snap/v1',
};

export const SERVER_KEY_PREFIX = { sandbox: 'SB-Mid-server-', production: 'Mid-server-' } as const;
export const CLIENT_KEY_PREFIX = { sandbox: 'SB-Mid-client-', production: 'Mid-client-' } as const;

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

export const LIMITS = {
	orderIdLength: 50,
	cstoreMessageLength: 20,
	alfamartFreeTextLength: 40,
	customerFieldLength: 255,
	itemNameLength: 50,
	idempotencyKeyLength: 46,
	notificationUrls: 3,
} as const;

/** Midtrans's rule for order_id: letters, digits and - _ ~ . only. */
export const ORDER_ID_PATTERN = /^[A-Za-z0-9\-_~.]+$/;
