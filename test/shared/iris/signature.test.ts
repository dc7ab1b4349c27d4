import * as crypto from 'crypto';

// A pass-through module mock, so that the test can see the comparison go through timingSafeEqual.
jest.mock('crypto', () => {
	const actual = jest.requireActual<typeof import('crypto')>('crypto');
	return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

import { irisSignature, isSignedByIris, signatureHeaderOf } from '../../../nodes/shared/iris/signature';

const MERCHANT_KEY = 'IRIS-merchant-Unit_1234';
const body = '{"reference_no":"21b6d59f9414b2636b","amount":"10000.00","status":"failed","updated_at":"2018-07-23T10:23:31Z","error_code":"002","error_message":"Invalid destination account number"}';
/** The docs' recipe in Node: crypto.createHash('sha512').update(body + merchantKey).digest('hex'). */
const docsSignature = crypto.createHash('sha512').update(body + MERCHANT_KEY).digest('hex');

describe('Iris-Signature', () => {
	it('is the docs’ hex SHA-512 of the body followed by the merchant key', () => {
		expect(irisSignature(Buffer.from(body, 'utf8'), MERCHANT_KEY)).toBe(docsSignature);
	});

	it('is taken over the bytes: a body with non-ASCII text is hashed as UTF-8, as sent', () => {
		const text = body.replace('Invalid destination account number', 'Nomor rekening tidak valid — “salah”');
		expect(irisSignature(Buffer.from(text, 'utf8'), MERCHANT_KEY)).toBe(crypto.createHash('sha512').update(text + MERCHANT_KEY, 'utf8').digest('hex'));
	});

	it('is compared in constant time', () => {
		const compare = crypto.timingSafeEqual as jest.Mock;
		compare.mockClear();
		expect(isSignedByIris(Buffer.from(body), docsSignature, MERCHANT_KEY)).toBe(true);
		expect(isSignedByIris(Buffer.from(body), docsSignature.replace(/.$/, '0'), MERCHANT_KEY)).toBe(docsSignature.endsWith('0'));
		expect(compare).toHaveBeenCalledTimes(2);
	});

	it('accepts nothing without a merchant key, since anyone could sign with an empty one', () => {
		const unkeyed = crypto.createHash('sha512').update(body).digest('hex');
		expect(isSignedByIris(Buffer.from(body), unkeyed, '')).toBe(false);
		expect(isSignedByIris(Buffer.from(body), unkeyed, undefined)).toBe(false);
	});

	it('reads the header: absent, present and well-formed, present but never a match', () => {
		expect(signatureHeaderOf({})).toEqual({ present: false });
		expect(signatureHeaderOf({ 'iris-signature': '' })).toEqual({ present: false });
		expect(signatureHeaderOf({ 'iris-signature': docsSignature })).toEqual({ present: true, value: docsSignature });
		expect(signatureHeaderOf({ 'iris-signature': docsSignature.toUpperCase() })).toEqual({ present: true });
		expect(signatureHeaderOf({ 'iris-signature': [docsSignature, docsSignature] })).toEqual({ present: true });
	});
});
