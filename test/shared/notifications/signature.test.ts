import {
	isSignedWith,
	type MidtransNotification,
	notificationShapeProblem,
	notificationSignature,
	signatureMatches,
} from '../../../nodes/shared/notifications/signature';
import { TEST_SERVER_KEY } from '../../harness/midtrans';
import { guideNotifications, signed } from '../../nodes/MidtransTrigger/fixtures';

// Computed outside this code base: printf '%s' 'order-101n-157855771920044000.00<TEST_SERVER_KEY>' | sha512sum
const INDOMARET_SIGNATURE_WITH_TEST_KEY =
	'c5568140dc92c2715aba01ff555314f6959f62e1a87e081a68e906db0ed779a75b0ac4d0039bceffe05a85120273f2a48fd77a3795328602e2f047fa87eff4d8';
const INDOMARET_SIGNATURE_OVER_44000 =
	'03f6c3f4894c341fd8192ad322531a7db1f80ca4655c04d45343c1ceab2eec08816abc95cebdff7fcd82e9756af24c9fc56d626f62fbe516acb8385a0e57d2b1';

describe('notificationSignature', () => {
	it('is hex SHA-512 of order_id + status_code + gross_amount + server key', () => {
		expect(notificationSignature('order-101n-1578557719', '200', '44000.00', TEST_SERVER_KEY)).toBe(INDOMARET_SIGNATURE_WITH_TEST_KEY);
	});

	it('signs gross_amount exactly as written: "44000.00" and "44000" give different signatures', () => {
		expect(notificationSignature('order-101n-1578557719', '200', '44000', TEST_SERVER_KEY)).toBe(INDOMARET_SIGNATURE_OVER_44000);
	});
});

describe('signatureMatches', () => {
	it('accepts the same signature and refuses one that differs in the last character', () => {
		const other = `${INDOMARET_SIGNATURE_WITH_TEST_KEY.slice(0, -1)}9`;
		expect(signatureMatches(INDOMARET_SIGNATURE_WITH_TEST_KEY, INDOMARET_SIGNATURE_WITH_TEST_KEY)).toBe(true);
		expect(signatureMatches(other, INDOMARET_SIGNATURE_WITH_TEST_KEY)).toBe(false);
	});

	it('refuses a signature of another length without throwing', () => {
		expect(signatureMatches(INDOMARET_SIGNATURE_WITH_TEST_KEY.slice(0, 64), INDOMARET_SIGNATURE_WITH_TEST_KEY)).toBe(false);
		expect(signatureMatches('', INDOMARET_SIGNATURE_WITH_TEST_KEY)).toBe(false);
	});
});

describe('isSignedWith', () => {
	const indomaret = { ...guideNotifications.indomaret, signature_key: INDOMARET_SIGNATURE_WITH_TEST_KEY } as MidtransNotification;

	it('accepts the Indomaret guide sample signed with the test key', () => {
		expect(isSignedWith(indomaret, TEST_SERVER_KEY)).toBe(true);
	});

	it('refuses the guide samples as published: they were signed with Midtrans’s key, not ours', () => {
		for (const sample of Object.values(guideNotifications)) expect(isSignedWith(sample as MidtransNotification, TEST_SERVER_KEY)).toBe(false);
	});

	it('never accepts anything without a server key, even a signature made with an empty key', () => {
		expect(isSignedWith(signed(guideNotifications.indomaret, '') as MidtransNotification, '')).toBe(false);
		expect(isSignedWith(signed(guideNotifications.indomaret, '') as MidtransNotification, undefined)).toBe(false);
	});
});

describe('notificationShapeProblem', () => {
	it('names the missing fields', () => {
		const { order_id: _orderId, gross_amount: _grossAmount, ...rest } = guideNotifications.indomaret;
		expect(notificationShapeProblem(rest)).toBe('Missing or non-text fields: order_id, gross_amount');
	});

	it('finds nothing wrong with a genuine notification', () => {
		expect(notificationShapeProblem(guideNotifications.alfamart)).toBeUndefined();
	});
});
