import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { MidtransTrigger } from '../../../nodes/MidtransTrigger/MidtransTrigger.node';
import { basicAuthFor, SANDBOX_HOST } from '../../harness/midtrans';
import { interceptMidtrans } from '../../harness/nock';
import { onlyBranch } from '../../harness/webhook';
import { midtransTrigger, notificationWith } from './fixtures';

interceptMidtrans();

const midtrans = () => nock(SANDBOX_HOST, { reqheaders: { authorization: basicAuthFor() } });

let counter = 0;
/** A subscription as Midtrans's docs show it (GET /v1/subscriptions/{id}), with a fresh id. */
function subscriptionRecord(extra: IDataObject = {}): IDataObject {
	counter++;
	return {
		id: `sub-${counter}`,
		name: `MONTHLY_${counter}`,
		amount: '14000',
		currency: 'IDR',
		status: 'active',
		payment_type: 'credit_card',
		token: '48111111sHfSakAvHvFQFEjTivUV1114',
		schedule: { interval: 1, interval_unit: 'month', current_interval: 1, max_interval: 12 },
		transaction_ids: [],
		...extra,
	};
}

const chargeNotification = (subscription: IDataObject, transaction: IDataObject) => ({
	transaction,
	subscription,
	event_name: 'subscription.charge',
});

describe('Midtrans Trigger, Notifications: Subscriptions', () => {
	const subscriptions = () => midtransTrigger({ notifications: 'subscription' });

	it('has outputs created, charged, charge failed, other and rejected', () => {
		expect(subscriptions().outputNames).toEqual(['created', 'charged', 'charge failed', 'other', 'rejected']);
	});

	it('emits a new subscription on "created" once Midtrans confirms it exists, with Midtrans’s record', async () => {
		const record = subscriptionRecord();
		const scope = midtrans().get(`/v1/subscriptions/${record.id}`).reply(200, record);

		const delivery = await subscriptions().deliver({ body: { ...record, transaction_ids: undefined } });

		scope.done();
		const { output, item } = onlyBranch(delivery);
		expect(output).toBe('created');
		expect(item._midtrans).toMatchObject({ confirmed: true, signatureVerified: false, subscriptionFromMidtrans: { id: record.id } });
	});

	it('emits a charge on "charged" when Get Status shows its transaction settled and the subscription lists it', async () => {
		const record = subscriptionRecord({ transaction_ids: ['tx-charge-1'] });
		const scope = midtrans()
			.get(`/v1/subscriptions/${record.id}`)
			.reply(200, record)
			.get('/v2/tx-charge-1/status')
			.reply(200, { status_code: '200', transaction_id: 'tx-charge-1', transaction_status: 'capture', fraud_status: 'accept', order_id: `${record.name}-1`, gross_amount: '14000.00' });

		const delivery = await subscriptions().deliver({
			body: chargeNotification(record, { transaction_status: 'capture', transaction_id: 'tx-charge-1', status_code: '200' }),
		});

		scope.done();
		const { output, item } = onlyBranch(delivery);
		expect(output).toBe('charged');
		expect(item._midtrans).toMatchObject({ transactionStatus: 'capture', transactionFromMidtrans: { transaction_id: 'tx-charge-1' } });
	});

	it('routes a charge by what Midtrans says, not by what the notification claims: a denied one is "charge failed"', async () => {
		const record = subscriptionRecord();
		const scope = midtrans()
			.get(`/v1/subscriptions/${record.id}`)
			.reply(200, record)
			.get('/v2/tx-denied/status')
			.reply(200, { status_code: '202', transaction_id: 'tx-denied', transaction_status: 'deny', order_id: 'x', gross_amount: '14000.00' });

		const delivery = await subscriptions().deliver({
			body: chargeNotification(record, { transaction_status: 'settlement', transaction_id: 'tx-denied', status_code: '200' }),
		});

		scope.done();
		expect(onlyBranch(delivery).output).toBe('charge failed');
	});

	it('emits a charge that failed before any transaction (a spent card token) on "charge failed", confirmed by the subscription only', async () => {
		const record = subscriptionRecord({ status: 'inactive' });
		const scope = midtrans().get(`/v1/subscriptions/${record.id}`).reply(200, record);

		const delivery = await subscriptions().deliver({
			body: chargeNotification(record, { status_message: 'Token id is missing, invalid, or timed out', status_code: '411' }),
		});

		scope.done();
		const { output, item } = onlyBranch(delivery);
		expect(output).toBe('charge failed');
		expect(String((item._midtrans as IDataObject).confirmation)).toContain('subscription only');
	});

	it('refuses a successful charge whose transaction the subscription does not list (someone else’s transaction)', async () => {
		const record = subscriptionRecord({ transaction_ids: ['tx-other'] });
		const scope = midtrans()
			.get(`/v1/subscriptions/${record.id}`)
			.reply(200, record)
			.get('/v2/tx-not-ours/status')
			.reply(200, { status_code: '200', transaction_id: 'tx-not-ours', transaction_status: 'settlement', order_id: 'y', gross_amount: '14000.00' });

		const delivery = await subscriptions().deliver({
			body: chargeNotification(record, { transaction_status: 'settlement', transaction_id: 'tx-not-ours', status_code: '200' }),
		});

		scope.done();
		expect(delivery.answer.statusCode).toBe(403);
		expect(delivery.started).toBe(false);
	});

	it('refuses a notification of a subscription Midtrans does not know, and starts nothing', async () => {
		const record = subscriptionRecord();
		const scope = midtrans().get(`/v1/subscriptions/${record.id}`).reply(404, { status_message: "Subscription doesn't exist." });

		const delivery = await subscriptions().deliver({ body: record });

		scope.done();
		expect(delivery.answer.statusCode).toBe(403);
		expect(delivery.started).toBe(false);
	});

	it('answers 503 when Midtrans cannot confirm it, even with "emit unconfirmed" chosen: there is no signature to fall back on', async () => {
		const record = subscriptionRecord();
		const scope = midtrans().get(`/v1/subscriptions/${record.id}`).times(3).reply(503, { status_message: 'unavailable' });

		const delivery = await midtransTrigger({ notifications: 'subscription', options: { whenUnreachable: 'emitUnconfirmed' } }).deliver({ body: record });

		scope.done();
		expect(delivery.answer.statusCode).toBe(503);
		expect(delivery.started).toBe(false);
	});

	it('drops a resent charge notification but emits the next month’s charge', async () => {
		const trigger = subscriptions();
		const record = subscriptionRecord({ transaction_ids: ['tx-month-1', 'tx-month-2'] });
		const status = (id: string) => ({ status_code: '200', transaction_id: id, transaction_status: 'settlement', order_id: id, gross_amount: '14000.00' });
		const scope = midtrans()
			.get(`/v1/subscriptions/${record.id}`)
			.times(3)
			.reply(200, record)
			.get('/v2/tx-month-1/status')
			.times(2)
			.reply(200, status('tx-month-1'))
			.get('/v2/tx-month-2/status')
			.reply(200, status('tx-month-2'));
		const month = (id: string) => chargeNotification(record, { transaction_status: 'settlement', transaction_id: id, status_code: '200' });

		const deliveries = [
			await trigger.deliver({ body: month('tx-month-1') }),
			await trigger.deliver({ body: month('tx-month-1') }),
			await trigger.deliver({ body: month('tx-month-2') }),
		];

		scope.done();
		expect(deliveries.map((delivery) => delivery.started)).toEqual([true, false, true]);
	});

	it('refuses a payment notification sent to a subscriptions trigger', async () => {
		const delivery = await subscriptions().deliver({ body: notificationWith('settlement') });
		expect(delivery.answer.statusCode).toBe(400);
		expect(delivery.started).toBe(false);
	});
});

describe('Midtrans Trigger, Notifications: GoPay Account Linking', () => {
	const accounts = () => midtransTrigger({ notifications: 'gopayAccount' });
	const accountNotification = (accountId: string, status: 'ENABLED' | 'DISABLED') => ({
		account_id: accountId,
		merchant_id: 'M099098',
		payment_type: 'gopay',
		signature_key: 'ad7ccda03d8ec6f2',
		status_code: status === 'ENABLED' ? '200' : '204',
		account_status: status,
		status_message: `Midtrans account_${status === 'ENABLED' ? 'linked' : 'unlinked'} notification`,
	});

	it('has outputs enabled, disabled, other and rejected', () => {
		expect(accounts().outputNames).toEqual(['enabled', 'disabled', 'other', 'rejected']);
	});

	it('emits a linked account on "enabled" once Get Pay Account confirms it, with its payment options', async () => {
		const scope = midtrans()
			.get('/v2/pay/account/acc-1')
			.reply(200, { status_code: '200', account_id: 'acc-1', account_status: 'ENABLED', metadata: { payment_options: [{ name: 'GOPAY_WALLET', token: 'opt-token' }] } });

		const delivery = await accounts().deliver({ body: accountNotification('acc-1', 'ENABLED') });

		scope.done();
		const { output, item } = onlyBranch(delivery);
		expect(output).toBe('enabled');
		expect(item._midtrans).toMatchObject({ accountStatus: 'enabled', accountFromMidtrans: { metadata: { payment_options: [{ token: 'opt-token' }] } } });
	});

	it('routes by the status Midtrans holds: a notification claiming ENABLED for an unlinked account comes out on "disabled"', async () => {
		const scope = midtrans().get('/v2/pay/account/acc-2').reply(200, { status_code: '204', account_id: 'acc-2', account_status: 'DISABLED' });
		const delivery = await accounts().deliver({ body: accountNotification('acc-2', 'ENABLED') });
		scope.done();
		expect(onlyBranch(delivery).output).toBe('disabled');
	});

	it('refuses an account Midtrans does not know', async () => {
		const scope = midtrans().get('/v2/pay/account/acc-made-up').reply(200, { status_code: '404', status_message: 'Account not found' });
		const delivery = await accounts().deliver({ body: accountNotification('acc-made-up', 'ENABLED') });
		scope.done();
		expect(delivery.answer.statusCode).toBe(403);
		expect(delivery.started).toBe(false);
	});
});

describe('Midtrans Trigger, Notifications: Payments', () => {
	it('names the payment link a payment belongs to: its order_id is the link’s plus two timestamps', async () => {
		const notification = notificationWith('settlement', { order_id: 'link-1001-1658897316-1658897332986', transaction_id: 'tx-link-1' });
		const scope = midtrans()
			.get('/v2/tx-link-1/status')
			.reply(200, { status_code: '200', transaction_status: 'settlement', order_id: notification.order_id, gross_amount: notification.gross_amount });
		const delivery = await midtransTrigger({}).deliver({ body: notification });
		scope.done();
		expect(onlyBranch(delivery).item._midtrans).toMatchObject({ paymentLinkOrderId: 'link-1001' });
	});

	it('is what a trigger without the Notifications parameter takes', () => {
		const notifications = new MidtransTrigger().description.properties.find((property) => property.name === 'notifications');
		expect(notifications?.default).toBe('payment');
	});
});
