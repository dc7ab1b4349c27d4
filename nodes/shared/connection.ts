import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHookFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import {
	CLIENT_KEY_PREFIX,
	CORE_API_HOSTS,
	CREDENTIAL_NAME,
	type MidtransEnvironment,
	SERVER_KEY_PREFIX,
	SNAP_API_HOSTS,
} from './constants';
import { secretForms } from './secrets';

export type MidtransContext = IExecuteFunctions | IWebhookFunctions | IHookFunctions;

/** The Midtrans API credential's fields, as n8n hands them over decrypted. */
export interface MidtransCredentials {
	environment?: MidtransEnvironment;
	baseUrl?: string;
	serverApiKey?: string;
	clientKey?: string;
}

/**
 * A credential read once and used for many requests, as the transport needs it: which n8n credential
 * authenticates the requests and in the form n8n's request helper takes ready-made (so it does not read and
 * decrypt it again per request), where each API is, every form of its keys that must be kept out of items,
 * errors and logs, and what to check when the key is refused.
 */
export interface ApiConnection {
	credentialType: string;
	decrypted: ICredentialsDecrypted;
	/** The base URL of an API this credential reaches ('core' unless the request names another). */
	baseUrl(api?: string): string;
	secretForms: string[];
	keyHint: string;
	/** What to tell a user about this API's error codes, where the Core API's hints (CODE_HINTS) would mislead. */
	errorHints?: ApiErrorHints;
}

export interface ApiErrorHints {
	/** A hint per HTTP or Midtrans status code; 401 always gets keyHint. */
	byCode: Record<number, string>;
	/** For 5xx answers. */
	serverFailure: string;
}

/** A connection through the Midtrans API credential (Core API and Snap), with its fields. */
export interface MidtransConnection extends ApiConnection {
	credentials: MidtransCredentials;
}

/** The credential as n8n's request helper takes it: the node's reference to it, and its data. */
export function decryptedCredential(context: MidtransContext, type: string, data: object): ICredentialsDecrypted {
	const { id, name } = context.getNode().credentials?.[type] ?? {};
	return { id: id ?? '', name: name ?? type, type, data: data as ICredentialDataDecryptedObject };
}

export function connectionFor(context: MidtransContext, credentials: MidtransCredentials): MidtransConnection {
	return {
		credentials,
		credentialType: CREDENTIAL_NAME,
		decrypted: decryptedCredential(context, CREDENTIAL_NAME, credentials),
		baseUrl: (api) => apiBaseUrl(credentials, api === 'snap' ? 'snap' : 'core'),
		secretForms: secretForms([credentials.serverApiKey, credentials.clientKey]),
		keyHint: keyEnvironmentHint(credentials),
	};
}

/** Reads the node's Midtrans credential (a database read and a decryption in n8n) into a connection. */
export async function openConnection(context: MidtransContext): Promise<MidtransConnection> {
	return connectionFor(context, (await context.getCredentials(CREDENTIAL_NAME)) as MidtransCredentials);
}

export function apiBaseUrl(credentials: MidtransCredentials, api: 'core' | 'snap' = 'core'): string {
	const environment = credentials.environment ?? 'sandbox';
	if (environment === 'custom') {
		const base = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
		return api === 'snap' ? `${base}/snap/v1` : base;
	}
	return api === 'snap' ? SNAP_API_HOSTS[environment] : CORE_API_HOSTS[environment];
}

/** What to check when Midtrans refuses the key: the commonest cause is a key of the other environment. */
export function keyEnvironmentHint(credentials: MidtransCredentials): string {
	const key = credentials.serverApiKey ?? '';
	const environment = credentials.environment ?? 'sandbox';
	if (environment === 'production' && key.startsWith(SERVER_KEY_PREFIX.sandbox)) {
		return 'The server key starts with SB-Mid-server-, which is a sandbox key, but the credential’s environment is Production.';
	}
	if (environment === 'sandbox' && key.startsWith(SERVER_KEY_PREFIX.production)) {
		return 'The server key starts with Mid-server-, which is a production key, but the credential’s environment is Sandbox.';
	}
	return `Check the server key, and that it belongs to the credential’s environment (sandbox keys start with ${SERVER_KEY_PREFIX.sandbox}, production keys with ${SERVER_KEY_PREFIX.production}; client keys likewise with ${CLIENT_KEY_PREFIX.sandbox} and ${CLIENT_KEY_PREFIX.production}).`;
}
