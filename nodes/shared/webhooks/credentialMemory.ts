import type { IWebhookFunctions } from 'n8n-workflow';

/**
 * In n8n every credential read queries the database and decrypts, more than all the rest a notification costs;
 * so each trigger remembers its credential briefly. A credential read more than TRUSTED_FOR_MS ago is read again
 * before it may accept a notification: after a key is changed in the credential, a notification signed with the
 * old one is refused within TRUSTED_FOR_MS (4 s; the README promises 5 s). The memory is never refreshed by use,
 * only by reading.
 */
export const TRUSTED_FOR_MS = 4_000;
/**
 * A notification that fails the check may be signed with a key newer than the one remembered: the credential
 * is read again, but at most once per REREAD_AFTER_MS per trigger, so a flood of forgeries costs about one
 * credential read a second.
 */
export const REREAD_AFTER_MS = 1_000;

/** The process keeps the credentials of this many triggers; the least recently read are forgotten first. */
const REMEMBERED_TRIGGERS = 200;

interface RememberedRead {
	credentials: Promise<object>;
	readAt: number;
}

const memory = new Map<string, RememberedRead>();

function triggerKey(context: IWebhookFunctions, credentialType: string): string {
	const credentialId = context.getNode().credentials?.[credentialType]?.id ?? '';
	return `${context.getWorkflow().id}:${context.getNode().id}:${credentialType}:${credentialId}`;
}

/** Reads the credential once for every request that arrives while the read is under way. */
function readCredential(context: IWebhookFunctions, credentialType: string, key: string): RememberedRead {
	const read: RememberedRead = { readAt: Date.now(), credentials: context.getCredentials(credentialType) };
	read.credentials.catch(() => memory.get(key) === read && memory.delete(key));
	memory.delete(key);
	memory.set(key, read);
	if (memory.size > REMEMBERED_TRIGGERS) memory.delete(memory.keys().next().value as string);
	return read;
}

export interface CredentialCheck<C> {
	/** Whether `accepts` held for the credential as remembered, or as read again. */
	accepted: boolean;
	/** The credential the check used, for the requests that may follow (a confirmation). */
	credentials: C;
}

/**
 * Checks a notification against the trigger's credential (its signature against the key), reading the
 * credential as little as the bounds above allow.
 */
export async function checkWithCredential<C extends object>(
	context: IWebhookFunctions,
	credentialType: string,
	accepts: (credentials: C) => boolean,
): Promise<CredentialCheck<C>> {
	const key = triggerKey(context, credentialType);
	let read = memory.get(key);
	if (!read || Date.now() - read.readAt >= TRUSTED_FOR_MS) read = readCredential(context, credentialType, key);
	let credentials = (await read.credentials) as C;
	if (accepts(credentials)) return { accepted: true, credentials };
	if (Date.now() - read.readAt >= REREAD_AFTER_MS) {
		credentials = (await readCredential(context, credentialType, key).credentials) as C;
		if (accepts(credentials)) return { accepted: true, credentials };
	}
	return { accepted: false, credentials };
}
