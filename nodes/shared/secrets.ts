import type { IDataObject } from 'n8n-workflow';

/**
 * Every form in which a key can leave this package: as typed, inside an Authorization header
 * (Basic base64(key + ":"), and base64 of the key alone), and URL-encoded (a query string, a logged URL).
 * Shorter texts than this are not looked for: they would match ordinary words.
 */
const SHORTEST_SECRET = 8;

export function secretForms(secrets: ReadonlyArray<string | undefined>): string[] {
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (!secret || secret.length < SHORTEST_SECRET) continue;
		for (const form of [
			secret,
			Buffer.from(`${secret}:`, 'utf8').toString('base64'),
			Buffer.from(secret, 'utf8').toString('base64'),
			encodeURIComponent(secret),
			encodeURIComponent(secret).replace(/%20/g, '+'),
		]) {
			forms.add(form);
		}
	}
	// Longest first, so a form that contains another is removed whole.
	return [...forms].sort((a, b) => b.length - a.length);
}

export const REDACTED = '***';

/** The text with every secret form replaced by ***. */
export function redactText(text: string, forms: readonly string[]): string {
	let redacted = text;
	for (const form of forms) {
		if (redacted.includes(form)) redacted = redacted.split(form).join(REDACTED);
	}
	return redacted;
}

/** A JSON value with every secret form replaced, anywhere in it (keys included); the value itself when none is there. */
export function redactJson<T extends IDataObject | IDataObject[]>(value: T, forms: readonly string[]): T {
	const text = JSON.stringify(value);
	const redacted = redactText(text, forms);
	return redacted === text ? value : (JSON.parse(redacted) as T);
}
