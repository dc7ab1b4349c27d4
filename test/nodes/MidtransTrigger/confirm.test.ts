import type { IDataObject } from 'n8n-workflow';

import { credentialReadCount } from '../../harness/engine';
import { interceptMidtrans, networkFailure } from '../../harness/nock';
import { onlyBranch } from '../../harness/webhook';
import { getStatusOf, midtransConfirms, midtransTrigger, notificationWith, statusAnswer } from './fixtures';

const confirming = (options: IDataObject = {}, routeBy = 'status') =>
	midtransTrigger({ routeBy, statuses: ['pending', 'settlement', 'capture', 'expire', 'refund'], options });

let orderCounter = 0;
/** A notification of a fresh order, so repeat detection never links two tests. */
const freshNotification = (status: string, overrides: IDataObject = {}) =>
	notificationWith(status, { order_id: `order-confirm-${++orderCounter}`, transaction_id: `tx-confirm-${orderCounter}`, ...overrides });

describe('Midtrans Trigger: Confirm With Midtrans (on by default)', () => {
	interceptMidtrans();

	it('routes by the confirmed status when it differs from the notified one, keeping the notification as received', async () => {
		const notification = freshNotification('pending');
		const scope = midtransConfirms(notification, { transaction_status: 'settlement', settlement_time: '2020-01-09 15:22:07' });

		const delivery = await confirming().deliver({ body: notification });

		scope.done();
		expect(delivery.answer.statusCode).toBe(200);
		const { output, item } = onlyBranch(delivery);
		expect(output).toBe('settlement');
		expect(item.transaction_status).toBe('pending');
		expect(item._midtrans).toMatchObject({
			transactionStatus: 'settlement',
			outcome: 'paid',
			confirmed: true,
			confirmation: { result: 'confirmed', transactionStatus: 'settlement', statusFromMidtrans: { settlement_time: '2020-01-09 15:22:07' } },
		});
	});

	it('never lets a relabelled refund reach the paid branch: the status comes from Midtrans', async () => {
		const refund = freshNotification('refund');
		const scope = midtransConfirms(refund, { transaction_status: 'refund' });
		const relabelled = { ...refund, transaction_status: 'settlement' };

		const delivery = await midtransTrigger({ routeBy: 'outcome' }).deliver({ body: relabelled });

		scope.done();
		expect(onlyBranch(delivery).output).toBe('refunded');
	});

	it('routes a capture that Midtrans still holds for fraud review as pending, whatever fraud_status the notification claims', async () => {
		const notification = freshNotification('capture', { fraud_status: 'accept' });
		const scope = midtransConfirms(notification, { transaction_status: 'capture', fraud_status: 'challenge', status_code: '201' });
		const delivery = await confirming({}, 'outcome').deliver({ body: notification });
		scope.done();
		expect(onlyBranch(delivery).output).toBe('pending');
	});

	it('looks the transaction up by transaction_id and refuses a notification whose transaction belongs to another order', async () => {
		const notification = freshNotification('settlement');
		const scope = getStatusOf(notification).reply(200, statusAnswer(notification, { transaction_status: 'settlement', order_id: 'someone-elses-order' }));

		const delivery = await confirming({ emitRejected: true }).deliver({ body: notification });

		scope.done();
		expect(delivery.answer.statusCode).toBe(403);
		const { output, item } = onlyBranch(delivery);
		expect(output).toBe('rejected');
		expect((item._midtrans as IDataObject).reason).toContain('another order_id');
	});

	it('refuses a notification whose gross_amount differs from Midtrans’s record, comparing amounts as numbers', async () => {
		const notification = freshNotification('settlement');
		const same = await (async () => {
			const scope = midtransConfirms(notification, { transaction_status: 'settlement', gross_amount: '44000' });
			const delivery = await confirming().deliver({ body: notification });
			scope.done();
			return delivery;
		})();
		expect(onlyBranch(same).output).toBe('settlement');

		const other = freshNotification('settlement');
		const scope = midtransConfirms(other, { transaction_status: 'settlement', gross_amount: '4400.00' });
		const delivery = await confirming().deliver({ body: other });
		scope.done();
		expect(delivery.answer.statusCode).toBe(403);
		expect(delivery.started).toBe(false);
	});

	it('takes Get Status’s "407" for an expired transaction as the expire status, not as an error', async () => {
		const notification = freshNotification('pending');
		const scope = midtransConfirms(notification, { transaction_status: 'expire', status_code: '407' });
		const delivery = await confirming().deliver({ body: notification });
		scope.done();
		expect(onlyBranch(delivery).output).toBe('expire');
	});

	it('looks up by order_id when the notification carries no transaction_id', async () => {
		const notification = freshNotification('settlement');
		delete notification.transaction_id;
		const scope = getStatusOf({ transaction_id: notification.order_id }).reply(
			200,
			statusAnswer(notification, { transaction_status: 'settlement' }),
		);
		const delivery = await confirming().deliver({ body: notification });
		scope.done();
		expect(onlyBranch(delivery).output).toBe('settlement');
	});

	it.each([
		['HTTP 200 carrying status_code 404', 200],
		['an HTTP 404', 404],
	])('emits the dashboard’s test notification (Get Status: %s) on "other", flagged, without failing', async (_how, httpCode) => {
		const notification = freshNotification('settlement');
		const scope = getStatusOf(notification).reply(httpCode, { status_code: '404', status_message: "Transaction doesn't exist." });

		const delivery = await confirming().deliver({ body: notification });

		scope.done();
		expect(delivery.answer.statusCode).toBe(200);
		expect(delivery.run!.error).toBeUndefined();
		const { output, item } = onlyBranch(delivery);
		expect(output).toBe('other');
		expect(item._midtrans).toMatchObject({ confirmed: false, output: 'other', confirmation: { result: 'not_found', httpCode: '404' } });
		expect(JSON.stringify(item._midtrans)).toContain('test notification');
	});

	it.each([
		['an HTTP 401', 401],
		['HTTP 200 carrying status_code 401', 200],
	])('emits on "other" with the reason when Midtrans rejects the key (%s)', async (_how, httpCode) => {
		const notification = freshNotification('settlement');
		const scope = getStatusOf(notification).reply(httpCode, { status_code: '401', status_message: 'Access denied' });

		const delivery = await confirming().deliver({ body: notification });

		scope.done();
		const { output, item } = onlyBranch(delivery);
		expect(output).toBe('other');
		expect(item._midtrans).toMatchObject({ confirmed: false, confirmation: { result: 'rejected', httpCode: '401' } });
	});

	it.each([
		['a dropped connection', () => networkFailure('ECONNRESET')],
		['a refused connection', () => networkFailure('ECONNREFUSED')],
	])('answers 503 and starts nothing when Midtrans cannot be reached (%s), so Midtrans sends it again', async (_how, failure) => {
		const notification = freshNotification('settlement');
		const scope = getStatusOf(notification).times(3).replyWithError(failure());

		const delivery = await confirming().deliver({ body: notification });

		scope.done();
		expect(delivery.answer.statusCode).toBe(503);
		expect(delivery.started).toBe(false);
	});

	it('remembers nothing of a notification it answered 503: Midtrans’s retry runs the workflow', async () => {
		const trigger = confirming();
		const notification = freshNotification('settlement');
		getStatusOf(notification).times(3).reply(503, { status_code: '503', status_message: 'Service unavailable' });
		expect((await trigger.deliver({ body: notification })).answer.statusCode).toBe(503);

		const scope = midtransConfirms(notification, { transaction_status: 'settlement' });
		const retry = await trigger.deliver({ body: notification });
		scope.done();
		expect(onlyBranch(retry).output).toBe('settlement');
	});

	it('emits on "other" marked unconfirmed on a network failure when told to', async () => {
		const notification = freshNotification('settlement');
		const scope = getStatusOf(notification).times(3).replyWithError(networkFailure('ECONNREFUSED'));

		const delivery = await confirming({ whenUnreachable: 'emitUnconfirmed' }).deliver({ body: notification });

		scope.done();
		expect(delivery.answer.statusCode).toBe(200);
		const { output, item } = onlyBranch(delivery);
		expect(output).toBe('other');
		expect(item._midtrans).toMatchObject({ confirmed: false, confirmation: { result: 'unreachable' } });
	});

	it('checks the signature before asking Midtrans: a forgery is refused without any request', async () => {
		const notification = freshNotification('settlement');
		const scope = midtransConfirms(notification, { transaction_status: 'settlement' });
		const forged = { ...notification, gross_amount: '1.00' };

		const delivery = await confirming().deliver({ body: forged });

		expect(delivery.answer.statusCode).toBe(403);
		expect(scope.isDone()).toBe(false);
	});

	it('asks Midtrans with the credential it already read for the signature: one credential read per notification at most', async () => {
		const trigger = confirming();
		const notification = freshNotification('settlement');
		const scope = midtransConfirms(notification, { transaction_status: 'settlement' });
		const before = credentialReadCount();

		await trigger.deliver({ body: notification });

		scope.done();
		expect(credentialReadCount() - before).toBe(1);
	});
});
