import type { ApiConnection, ApiErrorHints, MidtransContext } from '../connection';
import { decryptedCredential } from '../connection';
import type { MidtransEnvironment } from '../constants';
import { SERVER_KEY_PREFIX } from '../constants';
import { secretForms } from '../secrets';
import { IRIS_API_HOSTS, IRIS_API_PATH, IRIS_CREDENTIAL_NAME, IRIS_ROLE_HEADER, type IrisRole } from './constants';

/** The Midtrans Iris API credential's fields, as n8n hands them over decrypted. */
export interface IrisCredentials {
	environment?: MidtransEnvironment;
	baseUrl?: string;
	creatorApiKey?: string;
	approverApiKey?: string;
	merchantSecretKey?: string;
}

/** A connection through the Midtrans Iris API credential, with its fields. */
export interface IrisConnection extends ApiConnection {
	credentials: IrisCredentials;
}

/** Where the merchant's Iris dashboard keeps the keys, for messages. */
const WHERE_KEYS_ARE = 'the Payouts (Iris) dashboard of the same environment';

/** Iris's status codes ("Payouts API" HTTP status table), where the Core API's hints would mislead. */
export const IRIS_ERROR_HINTS: ApiErrorHints = {
	byCode: {
		403: 'The API key’s user does not have the role this request needs: Creator for payouts and beneficiaries, Approver for approve and reject.',
		404: 'Iris knows no such payout (reference_no) or beneficiary (alias_name) in the credential’s environment.',
		409: 'Iris refused a repeated X-Idempotency-Key whose request differs from the first one sent with it: a request with this key was already sent (an earlier try of this item whose fields changed between tries, such as an expression using $now, or another item given the same Idempotency Key) and may have created payouts. Check the payouts (Get, or the statements) before sending again.',
		429: 'Iris is rate limiting this account (in production 50 requests a second for Create Payout, Approve and Account Validation). Lower the node’s concurrency, or pace it with Batch Size and Batch Interval.',
	},
	serverFailure:
		'Iris failed. Its docs ask to contact Midtrans before retrying; a payout creation may be sent again only with the same X-Idempotency-Key (the node does that itself within its retries).',
};

export function irisBaseUrl(credentials: IrisCredentials): string {
	const environment = credentials.environment ?? 'sandbox';
	if (environment === 'custom') return `${String(credentials.baseUrl ?? '').replace(/\/+$/, '')}${IRIS_API_PATH}`;
	return IRIS_API_HOSTS[environment];
}

const isCoreServerKey = (key: string | undefined) =>
	Boolean(key && (key.startsWith(SERVER_KEY_PREFIX.sandbox) || key.startsWith(SERVER_KEY_PREFIX.production)));

/**
 * What to check when Iris refuses a key (401). Iris keys carry no environment prefix, so the check that the
 * Core API credential can make is not possible; what can be seen is a Core API server key in an Iris field.
 */
export function irisKeyHint(credentials: IrisCredentials): string {
	if (isCoreServerKey(credentials.creatorApiKey) || isCoreServerKey(credentials.approverApiKey)) {
		return `An API key in the credential starts with ${SERVER_KEY_PREFIX.sandbox} or ${SERVER_KEY_PREFIX.production}: that is a Core API server key. Iris authenticates with the API keys of its own users, from ${WHERE_KEYS_ARE}.`;
	}
	return `Check the Iris API keys: each belongs to one environment (sandbox and production keys differ; take them from ${WHERE_KEYS_ARE}) and to one user, whose role decides what it may do: Creator for payouts and beneficiaries, Approver for approve and reject.`;
}

/** The role a request declares (IRIS_ROLE_HEADER), creator when it declares none. */
export function roleOf(headers: Record<string, unknown> | undefined): IrisRole {
	const entry = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === IRIS_ROLE_HEADER.toLowerCase());
	return entry?.[1] === 'approver' ? 'approver' : 'creator';
}

/** The headers that make a request authenticate with the approver's key. */
export const asApprover = (): Record<string, string> => ({ [IRIS_ROLE_HEADER]: 'approver' });

export const NO_APPROVER_KEY =
	'This needs the Approver API Key, and the Midtrans Iris credential has none: add the API key of a user with the Approver role to the credential';

export function irisConnectionFor(context: MidtransContext, credentials: IrisCredentials): IrisConnection {
	return {
		credentials,
		credentialType: IRIS_CREDENTIAL_NAME,
		decrypted: decryptedCredential(context, IRIS_CREDENTIAL_NAME, credentials),
		baseUrl: () => irisBaseUrl(credentials),
		secretForms: secretForms([credentials.creatorApiKey, credentials.approverApiKey, credentials.merchantSecretKey]),
		keyHint: irisKeyHint(credentials),
		errorHints: IRIS_ERROR_HINTS,
	};
}

/** Reads the node's Iris credential (a database read and a decryption in n8n) into a connection. */
export async function openIrisConnection(context: MidtransContext): Promise<IrisConnection> {
	return irisConnectionFor(context, (await context.getCredentials(IRIS_CREDENTIAL_NAME)) as IrisCredentials);
}
