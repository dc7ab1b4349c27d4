/**
 * Whether a key reaches what a user or a log sees: every form a key can be echoed back in (Midtrans, Iris or a
 * proxy may repeat what it had on the wire), and the run as text to look for them in.
 */
import type { IDataObject } from 'n8n-workflow';

import { basicAuthFor } from './midtrans';

/** Every form a key takes on its way out: as typed, in a Basic Authorization header, base64 alone, URL-encoded. */
const FORMS: Array<[string, (key: string) => string]> = [
	['as it is', (key) => key],
	['as base64 of key and colon (Basic auth)', (key) => basicAuthFor(key).replace(/^Basic /, '')],
	['as base64', (key) => Buffer.from(key, 'utf8').toString('base64')],
	['URL-encoded', (key) => encodeURIComponent(key)],
];

/** Each of the named keys in each form, as [what it is, the text echoed], for `it.each`. */
export function keyEchoes(keys: Array<[string, string]>): Array<readonly [string, string]> {
	return keys.flatMap(([keyName, key]) => FORMS.map(([formName, form]) => [`${keyName} ${formName}`, form(key)] as const));
}

/** The run as text, errors with every own property (message, description, context, cause): all a user or a log could see. */
export function serialized(run: unknown): string {
	return JSON.stringify(run, (_key, value: unknown) =>
		value instanceof Error
			? Object.fromEntries(Object.getOwnPropertyNames(value).map((name) => [name, (value as unknown as IDataObject)[name]]))
			: value,
	);
}

/** No echo of any of the keys appears in the run. */
export function expectNoEchoIn(run: unknown, echoes: Array<readonly [string, string]>): void {
	const text = serialized(run);
	for (const [, echoed] of echoes) expect(text).not.toContain(echoed);
}
