/** Midtrans test data every suite shares: keys, credentials, hosts, order IDs, card expiry. */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

export const TEST_SERVER_KEY = 'SB-Mid-server-TestKey_9f8e7d6c5b4a';
export const TEST_CLIENT_KEY = 'SB-Mid-client-TestClient_1234';

export const SANDBOX_CREDENTIALS: ICredentialDataDecryptedObject = {
	environment: 'sandbox',
	serverApiKey: TEST_SERVER_KEY,
	clientKey: TEST_CLIENT_KEY,
};

export const SANDBOX_HOST = 'https://api.sandbox.midtrans.com';

/** The Authorization header Midtrans expects: Basic base64(server key + ":"). */
export function basicAuthFor(serverKey: string = TEST_SERVER_KEY): string {
	return `Basic ${Buffer.from(`${serverKey}:`).toString('base64')}`;
}

/** Credentials of the custom environment for a server at `baseUrl` (the simulator, a loopback stand-in). */
export function customCredentials(baseUrl: string, serverApiKey: string, extra: IDataObject = {}): ICredentialDataDecryptedObject {
	return { environment: 'custom', baseUrl, serverApiKey, ...extra };
}

/** Any future date is a valid sandbox card expiry; a fixed year would stop working once it passes. */
export const FUTURE_YEAR = String(new Date().getUTCFullYear() + 5);

let orderCounter = 0;
/** A fresh order_id per call, so tests never collide on Midtrans's duplicate rule. */
export function newOrderId(prefix = 'order'): string {
	return `${prefix}-${process.pid}-${++orderCounter}`;
}

/** The node's request options for tests that retry: the same retries, waits of a millisecond. */
export const QUICK_RETRIES = { retryWait: 1 } as const;
