/**
 * Iris may send a notification more than once and out of order. An event (one payout in one proved status, or
 * one top-up) starts the workflow once; different events each start it, including a payout that completes and
 * later fails.
 */
import { interceptMidtrans } from '../../harness/nock';
import { newReferenceNo, payoutsTrigger, signedDelivery } from '../../harness/payouts';
import { irisConfirms, payoutNotification, topUpNotification } from './fixtures';

describe('Midtrans Payouts Trigger: repeats and distinct events', () => {
	interceptMidtrans();

	it('the same notification twice starts the workflow once; the repeat is answered 200', async () => {
		const trigger = payoutsTrigger();
		const { notification, ...delivery } = payoutNotification({ status: 'completed' });
		const scope = irisConfirms(notification, {}, 2);
		const first = await trigger.deliver(delivery);
		const repeat = await trigger.deliver(delivery);
		scope.done();
		expect(first.started).toBe(true);
		expect(repeat.started).toBe(false);
		expect(repeat.answer).toEqual({ statusCode: 200, body: { message: 'Already received' } });
	});

	it('a payout that completes and later fails (a bank’s refund) is two events, both emitted', async () => {
		const trigger = payoutsTrigger();
		const reference_no = newReferenceNo('bankrefund');
		const completed = payoutNotification({ reference_no, status: 'completed' });
		const failed = payoutNotification({ reference_no, status: 'failed', error_code: '004', error_message: 'General error' });
		const scopes = [irisConfirms(completed.notification), irisConfirms(failed.notification)];
		expect(Object.keys((await trigger.deliver(completed)).branches)).toEqual(['completed']);
		expect(Object.keys((await trigger.deliver(failed)).branches)).toEqual(['failed']);
		scopes.forEach((scope) => scope.done());
	});

	it('a late "approved" that Iris confirms completed, after completed was emitted, is a repeat', async () => {
		const trigger = payoutsTrigger();
		const reference_no = newReferenceNo('late');
		const completed = payoutNotification({ reference_no, status: 'completed' });
		const lateApproved = payoutNotification({ reference_no, status: 'approved' });
		const scopes = [irisConfirms(completed.notification), irisConfirms(lateApproved.notification, { status: 'completed' })];
		expect((await trigger.deliver(completed)).started).toBe(true);
		const late = await trigger.deliver(lateApproved);
		scopes.forEach((scope) => scope.done());
		expect(late.started).toBe(false);
		expect(late.answer.statusCode).toBe(200);
	});

	it('the same payout notified with different JSON spacing is still the same event', async () => {
		const trigger = payoutsTrigger();
		const reference_no = newReferenceNo('spacing');
		const compact = `{"reference_no":"${reference_no}","amount":"10000.00","status":"completed"}`;
		const spaced = `{ "reference_no": "${reference_no}", "amount": "10000.00", "status": "completed" }`;
		const scope = irisConfirms({ reference_no, amount: '10000.00', status: 'completed' }, {}, 2);
		expect((await trigger.deliver(signedDelivery(compact))).started).toBe(true);
		expect((await trigger.deliver(signedDelivery(spaced))).started).toBe(false);
		scope.done();
	});

	it('two payouts in the same status are two events', async () => {
		const trigger = payoutsTrigger();
		const one = payoutNotification({ status: 'completed' });
		const two = payoutNotification({ status: 'completed' });
		const scopes = [irisConfirms(one.notification), irisConfirms(two.notification)];
		expect((await trigger.deliver(one)).started).toBe(true);
		expect((await trigger.deliver(two)).started).toBe(true);
		scopes.forEach((scope) => scope.done());
	});

	it('a top-up notified twice starts the workflow once', async () => {
		const trigger = payoutsTrigger();
		const topUp = topUpNotification();
		expect((await trigger.deliver(topUp)).started).toBe(true);
		expect((await trigger.deliver(topUp)).started).toBe(false);
	});

	it('with Ignore Repeated Notifications off, every delivery starts the workflow', async () => {
		const trigger = payoutsTrigger({ ignoreRepeated: false });
		const { notification, ...delivery } = payoutNotification({ status: 'rejected' });
		const scope = irisConfirms(notification, {}, 2);
		expect((await trigger.deliver(delivery)).started).toBe(true);
		expect((await trigger.deliver(delivery)).started).toBe(true);
		scope.done();
	});

	it('remembers events even where n8n drops the static data a starting call wrote', async () => {
		const trigger = payoutsTrigger({}, { staticDataSaving: 'unlessRunStarts' });
		const { notification, ...delivery } = payoutNotification({ status: 'completed' });
		const scope = irisConfirms(notification, {}, 2);
		expect((await trigger.deliver(delivery)).started).toBe(true);
		expect((await trigger.deliver(delivery)).started).toBe(false);
		scope.done();
	});
});
