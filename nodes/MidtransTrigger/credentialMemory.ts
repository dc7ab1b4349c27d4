import type { IWebhookFunctions } from 'n8n-workflow';

import { connectionFor, type MidtransConnection, type MidtransCredentials } from '../shared/connection';
import { CREDENTIAL_NAME } from '../shared/constants';
import { isSignedWith, type MidtransNotification } from '../shared/notifications/signature';

/**
 * In n8n every credential read queries the database and decrypts, more than all the rest a notification costs;
 * so each trigger remembers its credential briefly. A key read more than TRUSTED_FOR_MS ago is read again
 * before it may accept a notification: after the server key is changed in the credential, a notification
 * signed with the old one is refused within TRUSTED_FOR_MS (4 s; the README promises 5 s). The memory is
 * never refreshed by use, only by reading.
 */
export const TRUSTED_FOR_MS = 4_000;
/**
 * A notification that fails the check may be signed with a key newer than the one remembered: the credential
 * is read again, but at most once per REREAD_AFTER_MS per trigger, so a flood of forgeries costs about one
 * credential read a second.
 */
export const REREAD_AFTER_MS = 1_000;

interface RememberedRead {
	connection: Promise<MidtransConnection>;
	readAt: number;
}

const memory = new Map<string, RememberedRead>();
/** The process keeps the credentials of this many triggers; the least recently read are forgotten first. */
const REMEMBERED_TRIGGERS = 200;

function triggerKey(context: IWebhookFunctions): string {
	const credentialId = context.getNode().credentials?.[CREDENTIAL_NAME]?.id ?? '';
	return `${context.getWorkflow().id}:${context.getNode().id}:${credentialId}`;
}

/** Reads the credential once for every request that arrives while the read is under way. */
function readCredential(context: IWebhookFunctions, key: string): RememberedRead {
	const read: RememberedRead = {
		readAt: Date.now(),
		connection: context
			.getCredentials(CREDENTIAL_NAME)
			.then((credentials) => connectionFor(context, credentials as MidtransCredentials)),
	};
	read.connection.catch(() => memory.get(key) === read && memory.delete(key));
	memory.delete(key);
	memory.set(key, read);
	if (memory.size > REMEMBERED_TRIGGERS) memory.delete(memory.keys().next().value as string);
	return read;
}

export interface SignatureCheck {
	signed: boolean;
	/** The credential the check used, for the confirmation request that may follow. */
	connection: MidtransConnection;
}

/** Checks the notification's signature against the trigger's server key, read as little as the bounds above allow. */
export async function checkSignature(
	context: IWebhookFunctions,
	notification: MidtransNotification,
): Promise<SignatureCheck> {
	const key = triggerKey(context);
	let read = memory.get(key);
	if (!read || Date.now() - read.readAt >= TRUSTED_FOR_MS) read = readCredential(context, key);
	let connection = await read.connection;
	if (isSignedWith(notification, connection.credentials.serverApiKey)) return { signed: true, connection };
	if (Date.now() - read.readAt >= REREAD_AFTER_MS) {
		connection = await readCredential(context, key).connection;
		if (isSignedWith(notification, connection.credentials.serverApiKey)) return { signed: true, connection };
	}
	return { signed: false, connection };
}
