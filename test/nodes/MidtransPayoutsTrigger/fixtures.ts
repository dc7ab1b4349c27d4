/** Iris notifications for the Payouts Trigger's tests, and Iris's payout details answered by nock. */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import {
	IRIS_PATH,
	IRIS_SANDBOX_HOST,
	irisAuthFor,
	payoutDetails,
	payoutNotificationText,
	signedDelivery,
	TEST_CREATOR_KEY,
} from '../../harness/payouts';

/** A signed payout notification (compact JSON, as the docs' sample) and its parsed body. */
export function payoutNotification(fields: IDataObject = {}, merchantKey?: string) {
	const rawBody = payoutNotificationText(fields);
	return { ...signedDelivery(rawBody, merchantKey), notification: JSON.parse(rawBody) as IDataObject };
}

/** A signed top-up notification, as the docs describe its fields. */
export function topUpNotification(fields: IDataObject = {}) {
	const rawBody = JSON.stringify({
		transaction_id: `topup-${Math.random().toString(36).slice(2, 10)}`,
		order_id: 'iris-topup-order-1',
		gross_amount: '500000.00',
		status: 'topup',
		transaction_time: '2026-03-01T01:00:00Z',
		...fields,
	});
	return { ...signedDelivery(rawBody), notification: JSON.parse(rawBody) as IDataObject };
}

/** Intercepts the payout details request for the notification's reference_no, as the trigger sends it. */
export function payoutDetailsOf(notification: IDataObject) {
	return nock(IRIS_SANDBOX_HOST, { reqheaders: { authorization: irisAuthFor(TEST_CREATOR_KEY) } }).get(
		`${IRIS_PATH}/payouts/${encodeURIComponent(String(notification.reference_no))}`,
	);
}

/** Iris confirms, `times` times, that the payout is as the notification says, with `fields` replacing its own. */
export function irisConfirms(notification: IDataObject, fields: IDataObject = {}, times = 1) {
	return payoutDetailsOf(notification).times(times).reply(200, payoutDetails(notification, fields));
}
