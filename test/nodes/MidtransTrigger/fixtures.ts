/**
 * Notifications for the trigger's tests: the two samples from Midtrans's convenience-store guides, verbatim
 * (their signatures were made with Midtrans's own key, so tests re-sign them with the test key), and a
 * signer written independently of the node's (node's crypto directly), so the two cannot share a mistake.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { MidtransTrigger } from '../../../nodes/MidtransTrigger/MidtransTrigger.node';
import { basicAuthFor, SANDBOX_HOST, TEST_SERVER_KEY } from '../../harness/midtrans';
import { WebhookTrigger } from '../../harness/webhook';

export const TRIGGER_TYPE = 'n8n-nodes-midtrans.midtransTrigger';

/** From the guides' "Handling transaction notification" (Alfamart and Indomaret tabs). */
export const guideNotifications = {
	alfamart: {
		transaction_time: '2020-01-09 15:16:19',
		transaction_status: 'settlement',
		transaction_id: 'd615df87-c96f-4f5c-9d35-2d740d54c1a9',
		store: 'alfamart',
		status_message: 'midtrans payment notification',
		status_code: '200',
		signature_key:
			'6fd1210e6e4b60d7cc3862780016b110f9d3d56e291172c69b0bbfd60d380be22ad02f1d48bbabeeb81a882d7abbd3d6fa94207bede9132adc1a773489dfd0c8',
		settlement_time: '2020-01-09 15:20:09',
		payment_type: 'cstore',
		payment_code: '8127740588870520',
		order_id: 'order-101o-1578557780',
		merchant_id: 'G812785002',
		gross_amount: '162500.00',
		fraud_status: 'accept',
		currency: 'IDR',
	},
	indomaret: {
		transaction_time: '2020-01-09 15:15:19',
		transaction_status: 'settlement',
		transaction_id: '9b3951a4-da50-4089-86df-161d3e9251df',
		store: 'indomaret',
		status_message: 'midtrans payment notification',
		status_code: '200',
		signature_key:
			'82faa4ab71128bf8f1b13359003688409e5656bae0bb2f39669f7685e3af26ce6f676384fd05cca9349d155ab8b08789761cb399e5530bf2e68d414b8856be0d',
		settlement_time: '2020-01-09 15:22:07',
		payment_type: 'cstore',
		payment_code: '578112341234',
		order_id: 'order-101n-1578557719',
		merchant_id: 'G812785002',
		gross_amount: '44000.00',
		currency: 'IDR',
		approval_code: '45682001084123432248',
	},
};

/**
 * The status_code Midtrans sends with each transaction_status, from its sample notifications (written here
 * apart from the node's table, so the two cannot share a mistake). A capture held for fraud review is "201".
 */
export const STATUS_CODE_OF: Record<string, string> = {
	pending: '201',
	settlement: '200',
	capture: '200',
	authorize: '200',
	deny: '202',
	cancel: '202',
	expire: '202',
	failure: '202',
	refund: '200',
	partial_refund: '200',
	chargeback: '200',
	partial_chargeback: '200',
};

export function signatureFor(notification: IDataObject, serverKey = TEST_SERVER_KEY): string {
	return createHash('sha512')
		.update(`${notification.order_id}${notification.status_code}${notification.gross_amount}${serverKey}`)
		.digest('hex');
}

/** A copy of the notification with signature_key replaced by one made with serverKey. */
export function signed<T extends IDataObject>(notification: T, serverKey = TEST_SERVER_KEY): T {
	return { ...notification, signature_key: signatureFor(notification, serverKey) };
}

/** A signed notification of the Indomaret sample's shape with the given status. */
export function notificationWith(transactionStatus: string, overrides: IDataObject = {}): IDataObject {
	const statusCode = transactionStatus === 'capture' && overrides.fraud_status === 'challenge' ? '201' : undefined;
	return signed({
		...guideNotifications.indomaret,
		transaction_status: transactionStatus,
		status_code: statusCode ?? STATUS_CODE_OF[transactionStatus] ?? '200',
		...overrides,
	});
}

export function midtransTrigger(
	parameters: IDataObject,
	options: Partial<ConstructorParameters<typeof WebhookTrigger>[0]> = {},
): WebhookTrigger {
	return new WebhookTrigger({
		typeName: TRIGGER_TYPE,
		nodeType: new MidtransTrigger(),
		parameters,
		...options,
	});
}

/** A trigger that routes by what notifications say: Confirm With Midtrans off (it is on by default). */
export function unconfirmingTrigger(parameters: IDataObject, options: Partial<ConstructorParameters<typeof WebhookTrigger>[0]> = {}) {
	return midtransTrigger({ confirmWithMidtrans: false, ...parameters }, options);
}

/** Midtrans's Get Status answer for the notification's transaction, in the state `status` (its fields win). */
export function statusAnswer(notification: IDataObject, status: IDataObject): IDataObject {
	const transactionStatus = String(status.transaction_status);
	return {
		status_code: transactionStatus === 'expire' ? '407' : (STATUS_CODE_OF[transactionStatus] ?? '200'),
		status_message: 'Success, transaction is found',
		order_id: notification.order_id,
		transaction_id: notification.transaction_id,
		gross_amount: notification.gross_amount,
		payment_type: notification.payment_type,
		...status,
	};
}

/** Intercepts Get Status for the notification's transaction, as the trigger asks for it (by transaction_id). */
export function getStatusOf(notification: IDataObject) {
	return nock(SANDBOX_HOST, { reqheaders: { authorization: basicAuthFor() } }).get(
		`/v2/${String(notification.transaction_id)}/status`,
	);
}

/** Midtrans confirms, `times` times, that the notification's transaction is in state `status`. */
export function midtransConfirms(notification: IDataObject, status: IDataObject, times = 1) {
	return getStatusOf(notification).times(times).reply(200, statusAnswer(notification, status));
}
