import {
	notificationSignature,
	signatureMatches,
	verifyNotification,
} from '../../../nodes/MidtransTrigger/signature';
import { TEST_SERVER_KEY } from '../../harness/engine';
import { guideNotifications, signed } from './fixtures';

// Computed outside this code base: printf '%s' 'order-101n-157855771920044000.00<TEST_SERVER_KEY>' | sha512sum
const INDOMARET_SIGNATURE_WITH_TEST_KEY =
	'c5568140dc92c2715aba01ff555314f6959f62e1a87e081a68e906db0ed779a75b0ac4d0039bceffe05a85120273f2a48fd77a3795328602e2f047fa87eff4d8';
const INDOMARET_SIGNATURE_OVER_44000 =
	'03f6c3f4894c341fd8192ad322531a7db1f80ca4655c04d45343c1ceab2eec08816abc95cebdff7fcd82e9756af24c9fc56d626f62fbe516acb8385a0e57d2b1';

describe('notificationSignature', () => {
	it('is hex SHA-512 of order_id + status_code + gross_amount + server key', () => {
		expect(notificationSignature('order-101n-1578557719', '200', '44000.00', TEST_SERVER_KEY)).toBe(
			INDOMARET_SIGNATURE_WITH_TEST_KEY,
		);
	});

	it('signs gross_amount exactly as written: "44000.00" and "44000" give different signatures', () => {
		expect(notificationSignature('order-101n-1578557719', '200', '44000', TEST_SERVER_KEY)).toBe(
			INDOMARET_SIGNATURE_OVER_44000,
		);
	});
});

describe('signatureMatches', () => {
	it('accepts the same signature and refuses one that differs in the last character', () => {
		const other = `${INDOMARET_SIGNATURE_WITH_TEST_KEY.slice(0, -1)}9`;
		expect(signatureMatches(INDOMARET_SIGNATURE_WITH_TEST_KEY, INDOMARET_SIGNATURE_WITH_TEST_KEY)).toBe(true);
		expect(signatureMatches(other, INDOMARET_SIGNATURE_WITH_TEST_KEY)).toBe(false);
	});

	it('refuses a signature of another length without throwing', () => {
		expect(
			signatureMatches(INDOMARET_SIGNATURE_WITH_TEST_KEY.slice(0, 64), INDOMARET_SIGNATURE_WITH_TEST_KEY),
		).toBe(false);
		expect(signatureMatches('', INDOMARET_SIGNATURE_WITH_TEST_KEY)).toBe(false);
	});
});

describe('verifyNotification', () => {
	it('accepts the Indomaret guide sample signed with the test key, and keeps the body as received', () => {
		const notification = {
			...guideNotifications.indomaret,
			signature_key: INDOMARET_SIGNATURE_WITH_TEST_KEY,
		};
		const verdict = verifyNotification(notification, TEST_SERVER_KEY);
		expect(verdict).toEqual({ accepted: true, notification });
	});

	it('refuses the guide samples as published: they were signed with Midtrans’s key, not ours', () => {
		for (const sample of Object.values(guideNotifications)) {
			expect(verifyNotification(sample, TEST_SERVER_KEY)).toMatchObject({ accepted: false, httpCode: 403 });
		}
	});

	it('never accepts anything when the server key is empty, even a signature made with an empty key', () => {
		const madeWithEmptyKey = signed(guideNotifications.indomaret, '');
		expect(verifyNotification(madeWithEmptyKey, '')).toMatchObject({ accepted: false, httpCode: 403 });
	});

	it('says what is wrong without revealing the key or the expected signature', () => {
		const forged = { ...guideNotifications.indomaret, signature_key: 'f'.repeat(128) };
		const verdict = verifyNotification(forged, TEST_SERVER_KEY);
		expect(verdict).toEqual({
			accepted: false,
			httpCode: 403,
			reason: 'signature_key does not match this notification',
		});
	});

	it('names the missing fields', () => {
		const { order_id: _orderId, gross_amount: _grossAmount, ...rest } = guideNotifications.indomaret;
		expect(verifyNotification(rest, TEST_SERVER_KEY)).toEqual({
			accepted: false,
			httpCode: 400,
			reason: 'Missing or non-text fields: order_id, gross_amount',
		});
	});
});
