import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { credentialReadCount } from '../../harness/engine';
import { TEST_SERVER_KEY } from '../../harness/midtrans';
import { interceptMidtrans } from '../../harness/nock';
import { guideNotifications, midtransConfirms, midtransTrigger, notificationWith, signatureFor, signed } from './fixtures';

const genuine = signed(guideNotifications.indomaret);
const genuineSignature = genuine.signature_key;

function without(field: string): IDataObject {
	const copy: IDataObject = { ...genuine };
	delete copy[field];
	return copy;
}

const sha = (algorithm: string, text: string, encoding: 'hex' | 'base64' = 'hex') =>
	createHash(algorithm).update(text).digest(encoding);
const signedFields = `${genuine.order_id}${genuine.status_code}${genuine.gross_amount}`;

/** [what was tampered with, the body Midtrans's impostor sends, the answer code expected]. */
const forgeries: Array<[string, unknown, number]> = [
	// Signatures made with the wrong key or the wrong recipe.
	[
		'signed with another sandbox key',
		signed(guideNotifications.indomaret, 'SB-Mid-server-SomeoneElse_0000'),
		403,
	],
	['signed with a production key', signed(guideNotifications.indomaret, 'Mid-server-Production_1234'), 403],
	['the guide’s own signature (Midtrans’s key)', guideNotifications.indomaret, 403],
	['signed without any key', { ...genuine, signature_key: sha('sha512', signedFields) }, 403],
	[
		'key placed before the fields',
		{ ...genuine, signature_key: sha('sha512', TEST_SERVER_KEY + signedFields) },
		403,
	],
	[
		'SHA-256 instead of SHA-512',
		{ ...genuine, signature_key: sha('sha256', signedFields + TEST_SERVER_KEY) },
		403,
	],
	[
		'base64 instead of hex',
		{ ...genuine, signature_key: sha('sha512', signedFields + TEST_SERVER_KEY, 'base64') },
		403,
	],
	// A genuine signature carried over to altered signed fields.
	['gross_amount "44000.00" → "44000"', { ...genuine, gross_amount: '44000' }, 403],
	['gross_amount "44000.00" → "44000.0"', { ...genuine, gross_amount: '44000.0' }, 403],
	['gross_amount "44000.00" → "44,000.00"', { ...genuine, gross_amount: '44,000.00' }, 403],
	['gross_amount raised to "440000.00"', { ...genuine, gross_amount: '440000.00' }, 403],
	['gross_amount with a leading space', { ...genuine, gross_amount: ' 44000.00' }, 403],
	// The signed status_code changed: the statuses no longer go with it, so it is refused before the signature.
	['status_code "200" → "201"', { ...genuine, status_code: '201' }, 400],
	['status_code "200" → "202"', { ...genuine, status_code: '202' }, 400],
	['order_id of another order', { ...genuine, order_id: 'order-101n-1578557720' }, 403],
	['order_id in upper case', { ...genuine, order_id: genuine.order_id.toUpperCase() }, 403],
	['order_id with a trailing space', { ...genuine, order_id: `${genuine.order_id} ` }, 403],
	// The signature itself altered.
	['signature in upper-case hex', { ...genuine, signature_key: genuineSignature.toUpperCase() }, 403],
	['signature truncated by one character', { ...genuine, signature_key: genuineSignature.slice(0, -1) }, 403],
	['signature truncated to 64 characters', { ...genuine, signature_key: genuineSignature.slice(0, 64) }, 403],
	['signature with a trailing space', { ...genuine, signature_key: `${genuineSignature} ` }, 403],
	['signature with a leading space', { ...genuine, signature_key: ` ${genuineSignature}` }, 403],
	['signature with a trailing newline', { ...genuine, signature_key: `${genuineSignature}\n` }, 403],
	['signature with a 0x prefix', { ...genuine, signature_key: `0x${genuineSignature}` }, 403],
	[
		'signature with its last digit changed',
		{
			...genuine,
			signature_key: genuineSignature.slice(0, -1) + (genuineSignature.endsWith('0') ? '1' : '0'),
		},
		403,
	],
	[
		'signature of another notification',
		{ ...genuine, signature_key: signatureFor(notificationWith('settlement', { order_id: 'order-999' })) },
		403,
	],
	[
		'signature of this order’s pending notification on a settlement',
		{ ...genuine, signature_key: signatureFor({ ...genuine, status_code: '201' }) },
		403,
	],
	// The signature missing.
	// Statuses edited on a genuine notification, keeping its valid signature (relabelled).
	['a pending "201" relabelled settlement', notificationWith('pending', { transaction_status: 'settlement' }), 400],
	['a pending "201" relabelled capture', notificationWith('pending', { transaction_status: 'capture' }), 400],
	['an expire "202" relabelled settlement', notificationWith('expire', { transaction_status: 'settlement' }), 400],
	['a deny "202" relabelled capture with fraud accepted', notificationWith('deny', { transaction_status: 'capture', fraud_status: 'accept' }), 400],
	['a capture under review "201" relabelled accepted', { ...notificationWith('capture', { fraud_status: 'challenge' }), fraud_status: 'accept' }, 400],
	['a settlement with a made-up fraud_status', { ...genuine, fraud_status: 'trusted' }, 400],
	['signature_key missing', without('signature_key'), 401],
	['signature_key empty', { ...genuine, signature_key: '' }, 401],
	['signature_key null', { ...genuine, signature_key: null }, 401],
	['signature_key a number', { ...genuine, signature_key: 12345 }, 401],
	['signature_key an array', { ...genuine, signature_key: [genuineSignature] }, 401],
	// Required fields missing or not text.
	['order_id missing', without('order_id'), 400],
	['status_code missing', without('status_code'), 400],
	['gross_amount missing', without('gross_amount'), 400],
	['transaction_status missing', without('transaction_status'), 400],
	['transaction_status empty', { ...genuine, transaction_status: '' }, 400],
	['transaction_status an object', { ...genuine, transaction_status: { value: 'settlement' } }, 400],
	['gross_amount a number', { ...genuine, gross_amount: 44000 }, 400],
	['status_code a number', { ...genuine, status_code: 200 }, 400],
	// Bodies that are not a JSON object.
	['an array holding the genuine notification', [genuine], 400],
	['an empty array', [], 400],
	['an empty object', {}, 400],
	['the notification as a JSON string', JSON.stringify(genuine), 400],
	['a number', 42, 400],
	['null', null, 400],
	['true', true, 400],
	['an empty body', undefined, 400],
];

describe('Midtrans Trigger (default settings): forged and malformed notifications', () => {
	interceptMidtrans();
	const trigger = midtransTrigger({ routeBy: 'outcome' });

	it('accepts the genuine notification every forgery below is made from', async () => {
		const scope = midtransConfirms(genuine, { transaction_status: 'settlement' });
		const delivery = await midtransTrigger({ routeBy: 'outcome' }).deliver({ body: genuine });
		scope.done();
		expect(delivery.answer.statusCode).toBe(200);
		expect(Object.keys(delivery.branches)).toEqual(['paid']);
	});

	it.each(forgeries)('rejects %s and starts nothing, without asking Midtrans', async (_what, body, expectedCode) => {
		const delivery = await trigger.deliver({ body });

		expect(delivery.answer.statusCode).toBe(expectedCode);
		expect(delivery.started).toBe(false);
		expect(delivery.branches).toEqual({});
		const answerText = JSON.stringify(delivery.answer.body);
		expect(answerText).toMatch(/^\{"message":".+"\}$/);
		expect(answerText).not.toContain(TEST_SERVER_KEY);
		expect(answerText).not.toContain(genuineSignature);
	});

	it('remembers no rejected notification: the genuine one still runs afterwards', async () => {
		const scope = midtransConfirms(genuine, { transaction_status: 'settlement' });
		const delivery = await trigger.deliver({ body: genuine });
		scope.done();
		expect(delivery.started).toBe(true);
		expect(Object.keys(delivery.branches)).toEqual(['paid']);
	});

	it('reads no credential for a body that is not a notification or was visibly altered', async () => {
		const before = credentialReadCount();
		for (const [, body, code] of forgeries) if (code === 400) await trigger.deliver({ body });
		expect(credentialReadCount()).toBe(before);
	});
});
