/**
 * Iris-Signature is hex SHA-512 of the body's bytes as sent, plus the Iris Merchant Key. The trigger checks it
 * over the raw body n8n received, in constant time, before it reads anything from the body: every forgery below
 * is refused and starts nothing, without a request to Iris.
 */
import { createHash, createHmac } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { credentialReadCount } from '../../harness/engine';
import { interceptMidtrans } from '../../harness/nock';
import { irisSignatureFor, IRIS_KEYS, payoutsTrigger, TEST_CREATOR_KEY, TEST_MERCHANT_KEY } from '../../harness/payouts';
import { irisConfirms } from './fixtures';

const genuineFields = { reference_no: 'refgenuine1', amount: '10000.00', status: 'completed', updated_at: '2018-07-23T10:23:31Z' };
const genuineRaw = JSON.stringify(genuineFields);
const genuineSignature = irisSignatureFor(genuineRaw);

const sha = (algorithm: string, text: string, encoding: 'hex' | 'base64' = 'hex') => createHash(algorithm).update(text).digest(encoding);
/** A raw body with a genuine signature for exactly its bytes. */
const selfSigned = (rawBody: string): Forgery => ({ rawBody, signature: irisSignatureFor(rawBody) });

interface Forgery {
	rawBody: string;
	/** The Iris-Signature header; absent when undefined. */
	signature?: string;
	/** Other headers, e.g. the signature under another name. */
	headers?: Record<string, string>;
}

const withGenuineSignature = (rawBody: string): Forgery => ({ rawBody, signature: genuineSignature });
const differentLastDigit = genuineSignature.slice(0, -1) + (genuineSignature.endsWith('0') ? '1' : '0');

/** [what was tampered with, what the impostor sends, the answer code expected]. */
const forgeries: Array<[string, Forgery, number]> = [
	// Signatures made with the wrong key or the wrong recipe.
	['signed with another merchant key', { rawBody: genuineRaw, signature: irisSignatureFor(genuineRaw, 'IRIS-merchant-SomeoneElse_00') }, 403],
	['signed with the creator’s API key', { rawBody: genuineRaw, signature: irisSignatureFor(genuineRaw, TEST_CREATOR_KEY) }, 403],
	['signed with a Core API server key', { rawBody: genuineRaw, signature: irisSignatureFor(genuineRaw, 'SB-Mid-server-TestKey_9f8e7d6c5b4a') }, 403],
	['signed without any key', { rawBody: genuineRaw, signature: sha('sha512', genuineRaw) }, 403],
	['key placed before the body', { rawBody: genuineRaw, signature: sha('sha512', TEST_MERCHANT_KEY + genuineRaw) }, 403],
	['an HMAC-SHA512 with the key instead of a plain digest', { rawBody: genuineRaw, signature: createHmac('sha512', TEST_MERCHANT_KEY).update(genuineRaw).digest('hex') }, 403],
	['SHA-256 instead of SHA-512', { rawBody: genuineRaw, signature: sha('sha256', genuineRaw + TEST_MERCHANT_KEY) }, 403],
	['base64 instead of hex', { rawBody: genuineRaw, signature: sha('sha512', genuineRaw + TEST_MERCHANT_KEY, 'base64') }, 403],
	['the signature in upper-case hex', { rawBody: genuineRaw, signature: genuineSignature.toUpperCase() }, 403],
	['the signature cut by one character', { rawBody: genuineRaw, signature: genuineSignature.slice(0, -1) }, 403],
	['the signature with a character added', { rawBody: genuineRaw, signature: `${genuineSignature}0` }, 403],
	['the signature with a 0x prefix', { rawBody: genuineRaw, signature: `0x${genuineSignature}` }, 403],
	['the signature with its last digit changed', { rawBody: genuineRaw, signature: differentLastDigit }, 403],
	['the signature twice, comma-separated', { rawBody: genuineRaw, signature: `${genuineSignature},${genuineSignature}` }, 403],
	['the signature of another notification', { rawBody: genuineRaw, signature: irisSignatureFor(JSON.stringify({ ...genuineFields, reference_no: 'other' })) }, 403],
	['a signature that is not hex at all', { rawBody: genuineRaw, signature: 'z'.repeat(128) }, 403],
	// The body changed after it was signed, the genuine signature kept.
	['amount "10000.00" → "100000.00"', withGenuineSignature(JSON.stringify({ ...genuineFields, amount: '100000.00' })), 403],
	['amount "10000.00" → "10000"', withGenuineSignature(JSON.stringify({ ...genuineFields, amount: '10000' })), 403],
	['status completed → failed', withGenuineSignature(JSON.stringify({ ...genuineFields, status: 'failed' })), 403],
	['status completed → Completed', withGenuineSignature(JSON.stringify({ ...genuineFields, status: 'Completed' })), 403],
	['reference_no of another payout', withGenuineSignature(JSON.stringify({ ...genuineFields, reference_no: 'refgenuine2' })), 403],
	['a field added', withGenuineSignature(JSON.stringify({ ...genuineFields, error_code: '002' })), 403],
	['a field removed', withGenuineSignature(JSON.stringify({ reference_no: 'refgenuine1', amount: '10000.00', status: 'completed' })), 403],
	['the same fields in another order', withGenuineSignature(JSON.stringify({ status: 'completed', reference_no: 'refgenuine1', amount: '10000.00', updated_at: '2018-07-23T10:23:31Z' })), 403],
	['the same JSON re-serialised with indentation', withGenuineSignature(JSON.stringify(genuineFields, null, 2)), 403],
	['the same JSON with a space after each colon', withGenuineSignature(genuineRaw.replace(/":/g, '": ')), 403],
	['the same JSON with a trailing newline', withGenuineSignature(`${genuineRaw}\n`), 403],
	['the same JSON behind a byte-order mark', withGenuineSignature(`\uFEFF${genuineRaw}`), 403],
	['the same JSON with a unicode escape for a letter', withGenuineSignature(genuineRaw.replace('"completed"', '"\\u0063ompleted"')), 403],
	['the same JSON with an escaped slash', withGenuineSignature(genuineRaw.replace('2018-07-23T10:23:31Z', '2018-07-23T10:23:31Z\\/')), 403],
	// The signature header missing or elsewhere.
	['no Iris-Signature header', { rawBody: genuineRaw }, 401],
	['an empty Iris-Signature header', { rawBody: genuineRaw, signature: '' }, 401],
	['the signature under X-Iris-Signature', { rawBody: genuineRaw, headers: { 'x-iris-signature': genuineSignature } }, 401],
	['the signature under Signature', { rawBody: genuineRaw, headers: { signature: genuineSignature } }, 401],
	['the signature in the body instead of a header', { rawBody: JSON.stringify({ ...genuineFields, signature: genuineSignature }) }, 401],
	// A genuine signature over bytes that are not a notification.
	['an empty body', { rawBody: '', signature: irisSignatureFor('') }, 400],
	['a signed JSON array', selfSigned(`[${genuineRaw}]`), 400],
	['a signed JSON string', selfSigned(JSON.stringify(genuineRaw)), 400],
	['a signed number', selfSigned('42'), 400],
	['a signed null', selfSigned('null'), 400],
	['signed text that is not JSON', selfSigned('reference_no=refgenuine1&status=completed'), 400],
	['a signed empty object', selfSigned('{}'), 400],
	['a signed payout without reference_no', selfSigned(JSON.stringify({ amount: '10000.00', status: 'completed' })), 400],
	['a signed payout with the amount a number', selfSigned(JSON.stringify({ ...genuineFields, amount: 10000 })), 400],
	['a signed payout with an empty status', selfSigned(JSON.stringify({ ...genuineFields, status: '' })), 400],
	['a signed payout with status an object', selfSigned(JSON.stringify({ ...genuineFields, status: { value: 'completed' } })), 400],
	['a signed top-up without transaction_id', selfSigned(JSON.stringify({ order_id: 'o1', gross_amount: '500000.00', status: 'topup' })), 400],
];

function deliveryOf({ rawBody, signature, headers = {} }: Forgery) {
	let body: unknown;
	try {
		body = rawBody ? (JSON.parse(rawBody.replace(/^\uFEFF/, '')) as unknown) : undefined;
	} catch {
		body = rawBody;
	}
	return { rawBody, body, headers: { ...headers, ...(signature === undefined ? {} : { 'iris-signature': signature }) } };
}

describe('Midtrans Payouts Trigger: the signature over the raw body', () => {
	interceptMidtrans();
	const trigger = payoutsTrigger();

	it('accepts the genuine notification every forgery below is made from', async () => {
		const scope = irisConfirms(genuineFields);
		const delivery = await payoutsTrigger().deliver(deliveryOf({ rawBody: genuineRaw, signature: genuineSignature }));
		scope.done();
		expect(delivery.answer.statusCode).toBe(200);
		expect(Object.keys(delivery.branches)).toEqual(['completed']);
	});

	it('verifies the bytes as received, not n8n’s parse of them: spaced JSON signed as sent is accepted…', async () => {
		const spaced = '{ "reference_no": "refspaced1", "amount": "10000.00", "status": "completed", "updated_at": "2018-07-23T10:23:31Z" }';
		const scope = irisConfirms(JSON.parse(spaced) as IDataObject);
		const delivery = await payoutsTrigger().deliver(deliveryOf({ rawBody: spaced, signature: irisSignatureFor(spaced) }));
		scope.done();
		expect(delivery.answer.statusCode).toBe(200);
		expect(delivery.branches.completed?.[0]?.reference_no).toBe('refspaced1');
	});

	it('…and the same JSON re-serialised, with the signature of the spaced bytes, is refused', async () => {
		const spaced = '{ "reference_no": "refspaced2", "amount": "10000.00", "status": "completed" }';
		const reserialised = JSON.stringify(JSON.parse(spaced));
		const delivery = await trigger.deliver(deliveryOf({ rawBody: reserialised, signature: irisSignatureFor(spaced) }));
		expect(delivery.answer.statusCode).toBe(403);
		expect(delivery.started).toBe(false);
	});

	it.each(forgeries)('refuses %s and starts nothing, without asking Iris', async (_what, forgery, expectedCode) => {
		const delivery = await trigger.deliver(deliveryOf(forgery));
		expect(delivery.answer.statusCode).toBe(expectedCode);
		expect(delivery.started).toBe(false);
		expect(delivery.branches).toEqual({});
		const answerText = JSON.stringify(delivery.answer.body);
		expect(answerText).toMatch(/^\{"message":".+"\}$/);
		for (const key of IRIS_KEYS) expect(answerText).not.toContain(key);
		expect(answerText).not.toContain(genuineSignature);
	});

	it('remembers no refused notification: the genuine one still runs afterwards', async () => {
		const scope = irisConfirms(genuineFields);
		const delivery = await trigger.deliver(deliveryOf({ rawBody: genuineRaw, signature: genuineSignature }));
		scope.done();
		expect(delivery.started).toBe(true);
	});

	it('reads no credential for a request whose signature header is missing or could never match', async () => {
		const before = credentialReadCount();
		for (const [, forgery] of forgeries) {
			const signature = forgery.signature ?? '';
			if (!/^[0-9a-f]{128}$/.test(signature)) await trigger.deliver(deliveryOf(forgery));
		}
		expect(credentialReadCount()).toBe(before);
	});

	it('refuses everything when the credential has no Merchant Key, and says what to add', async () => {
		const withoutKey = payoutsTrigger({}, { credentials: { environment: 'sandbox', creatorApiKey: TEST_CREATOR_KEY }, mode: 'manual' });
		const delivery = await withoutKey.deliver(deliveryOf({ rawBody: genuineRaw, signature: genuineSignature }));
		expect(delivery.answer.statusCode).toBe(403);
		expect(Object.keys(delivery.branches)).toEqual(['refused']);
		expect(String((delivery.branches.refused[0]._midtrans as IDataObject).check)).toMatch(/credential has no Merchant Key/);
	});
});
