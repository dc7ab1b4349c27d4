import type { IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_NAME } from '../Midtrans/helpers/constants';

/**
 * Server keys by workflow and credential, kept in memory for a minute. In n8n 2.x every credential read
 * queries the database, decrypts and takes an expression isolate: more than all the rest of what a
 * notification costs. A notification that fails the check against a remembered key is checked again with
 * the credential read anew (see webhook()), so a changed key applies from the next notification on.
 */
const REMEMBER_MS = 60_000;
const remembered = new Map<string, { serverKey: string; readAt: number }>();

export interface ServerKey {
	value: string;
	/** Whether it came from memory rather than from the credential just now. */
	remembered: boolean;
}

export async function readServerKey(
	context: IWebhookFunctions,
	{ fresh = false }: { fresh?: boolean } = {},
): Promise<ServerKey> {
	const credentialId = context.getNode().credentials?.[CREDENTIAL_NAME]?.id;
	const memoryKey = credentialId ? `${context.getWorkflow().id}:${credentialId}` : undefined;
	const entry = memoryKey ? remembered.get(memoryKey) : undefined;
	if (!fresh && entry && Date.now() - entry.readAt < REMEMBER_MS) {
		return { value: entry.serverKey, remembered: true };
	}

	const credentials = await context.getCredentials(CREDENTIAL_NAME);
	const serverKey = typeof credentials.serverKey === 'string' ? credentials.serverKey : '';
	if (!serverKey) {
		if (memoryKey) remembered.delete(memoryKey);
		throw new NodeOperationError(context.getNode(), 'The Midtrans credential has no server key', {
			description: 'Notifications cannot be verified without it: add the server key to the credential.',
		});
	}
	if (memoryKey) remembered.set(memoryKey, { serverKey, readAt: Date.now() });
	return { value: serverKey, remembered: false };
}
