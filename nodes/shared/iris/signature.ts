import { createHash } from 'crypto';

import { signatureMatches } from '../notifications/signature';

/** The header Iris signs its notifications in (n8n hands headers over in lower case). */
export const IRIS_SIGNATURE_HEADER = 'iris-signature';

/** A genuine Iris-Signature: a SHA-512 digest in lower-case hex. */
const SIGNATURE_PATTERN = /^[0-9a-f]{128}$/;

/**
 * hex(SHA-512(body + merchant key)), over the body's bytes exactly as Iris sent them: the same JSON with other
 * spacing, key order or escapes is another text, and has another signature.
 */
export function irisSignature(rawBody: Buffer, merchantKey: string): string {
	return createHash('sha512').update(rawBody).update(merchantKey, 'utf8').digest('hex');
}

/** The header's value when it could be a genuine signature at all; undefined when absent, repeated or malformed. */
export function signatureHeaderOf(headers: Record<string, unknown>): { value?: string; present: boolean } {
	const header = headers[IRIS_SIGNATURE_HEADER];
	if (header === undefined || header === '') return { present: false };
	return { present: true, value: typeof header === 'string' && SIGNATURE_PATTERN.test(header) ? header : undefined };
}

/** Whether the raw body was signed with this merchant key, compared in constant time. With no key nothing passes. */
export function isSignedByIris(rawBody: Buffer, signature: string, merchantKey: string | undefined): boolean {
	if (!merchantKey) return false;
	return signatureMatches(signature, irisSignature(rawBody, merchantKey));
}
