/**
 * Where a verified notification goes: the output of the status Iris confirms (not the one notified), top-ups to
 * their own output, anything unproved to "other", an altered one to nowhere; and what the item carries.
 */
import type { IDataObject } from 'n8n-workflow';

import { captureLogs } from '../../harness/logs';
import { interceptMidtrans, networkFailure } from '../../harness/nock';
import { IRIS_KEYS, payoutsTrigger } from '../../harness/payouts';
import { sinkName, TRIGGER_NODE_NAME } from '../../harness/webhook';
import { irisConfirms, payoutDetailsOf, payoutNotification, topUpNotification } from './fixtures';

const derivedOf = (item: IDataObject) => item._midtrans as IDataObject;

describe('Midtrans Payouts Trigger: outputs', () => {
	interceptMidtrans();

	it('draws one output per chosen status, then top-up, other and refused (not "rejected": that is a payout status)', () => {
		expect(payoutsTrigger().outputNames).toEqual(['approved', 'processed', 'completed', 'failed', 'rejected', 'top-up', 'other', 'refused']);
		expect(payoutsTrigger({ statuses: ['failed', 'completed', 'failed', 'bogus'] }).outputNames).toEqual([
			'failed',
			'completed',
			'top-up',
			'other',
			'refused',
		]);
	});

	it.each(['approved', 'processed', 'completed', 'failed', 'rejected'])('routes a confirmed "%s" to its output', async (status) => {
		const { notification, ...delivery } = payoutNotification({ status });
		const scope = irisConfirms(notification);
		const result = await payoutsTrigger().deliver(delivery);
		scope.done();
		expect(result.answer.statusCode).toBe(200);
		expect(Object.keys(result.branches)).toEqual([status]);
		const item = result.branches[status][0];
		expect(item).toMatchObject(notification);
		expect(derivedOf(item)).toMatchObject({ signatureVerified: true, kind: 'payout', status, confirmed: true, output: status });
	});

	it('routes by the status Iris confirms: an "approved" whose payout has completed goes to completed', async () => {
		const { notification, ...delivery } = payoutNotification({ status: 'approved' });
		const scope = irisConfirms(notification, { status: 'completed' });
		const result = await payoutsTrigger().deliver(delivery);
		scope.done();
		expect(Object.keys(result.branches)).toEqual(['completed']);
		const item = result.branches.completed[0];
		expect(item.status).toBe('approved');
		expect(derivedOf(item)).toMatchObject({ status: 'completed', confirmed: true });
		expect((derivedOf(item).confirmation as IDataObject).payoutFromIris).toMatchObject({ status: 'completed' });
	});

	it('a failed payout keeps Iris’s error_code and error_message, which only notifications carry', async () => {
		const { notification, ...delivery } = payoutNotification({ status: 'failed', error_code: '002', error_message: 'Invalid destination account number' });
		const scope = irisConfirms(notification);
		const result = await payoutsTrigger().deliver(delivery);
		scope.done();
		expect(result.branches.failed[0]).toMatchObject({ error_code: '002', error_message: 'Invalid destination account number' });
	});

	it('a status not chosen, or one Iris may add later, goes to "other"', async () => {
		const chosen = payoutsTrigger({ statuses: ['completed', 'failed'] });
		const approved = payoutNotification({ status: 'approved' });
		const unknown = payoutNotification({ status: 'on_hold' });
		const scopes = [irisConfirms(approved.notification), irisConfirms(unknown.notification)];
		expect(Object.keys((await chosen.deliver(approved)).branches)).toEqual(['other']);
		expect(Object.keys((await chosen.deliver(unknown)).branches)).toEqual(['other']);
		scopes.forEach((scope) => scope.done());
	});

	it('a top-up goes to "top-up", proved by its signature alone (no Iris API returns one top-up)', async () => {
		const { notification, ...delivery } = topUpNotification();
		const result = await payoutsTrigger().deliver(delivery);
		expect(Object.keys(result.branches)).toEqual(['top-up']);
		expect(result.branches['top-up'][0]).toMatchObject(notification);
		expect(derivedOf(result.branches['top-up'][0])).toMatchObject({ kind: 'topup', signatureVerified: true, confirmed: false, output: 'top-up' });
	});

	it('without Confirm With Iris, routes by the notified status and asks Iris nothing', async () => {
		const { notification, ...delivery } = payoutNotification({ status: 'Completed' });
		const result = await payoutsTrigger({ confirmWithIris: false }).deliver(delivery);
		expect(Object.keys(result.branches)).toEqual(['completed']);
		expect(derivedOf(result.branches.completed[0])).toMatchObject({ status: 'completed', confirmed: false });
		expect(derivedOf(result.branches.completed[0]).confirmation).toBeUndefined();
		expect(notification.status).toBe('Completed');
	});

	it('refuses a notification whose amount Iris’s record contradicts, and starts nothing', async () => {
		const { notification, ...delivery } = payoutNotification({ status: 'completed', amount: '10000.00' });
		const scope = irisConfirms(notification, { amount: '10000000.00' });
		const result = await payoutsTrigger().deliver(delivery);
		scope.done();
		expect(result.answer.statusCode).toBe(403);
		expect(result.started).toBe(false);
	});

	it('compares amounts as numbers: "10000" in the notification is Iris’s "10000.00"', async () => {
		const { notification, ...delivery } = payoutNotification({ amount: '10000' });
		const scope = irisConfirms(notification, { amount: '10000.00' });
		const result = await payoutsTrigger().deliver(delivery);
		scope.done();
		expect(Object.keys(result.branches)).toEqual(['completed']);
	});

	it('a payout Iris does not know goes to "other", unconfirmed, with what to check', async () => {
		const { notification, ...delivery } = payoutNotification();
		const scope = payoutDetailsOf(notification).reply(404, { error_message: 'Payout not found', errors: 'Payout not found' });
		const result = await payoutsTrigger().deliver(delivery);
		scope.done();
		expect(Object.keys(result.branches)).toEqual(['other']);
		const derived = derivedOf(result.branches.other[0]);
		expect(derived).toMatchObject({ confirmed: false, output: 'other' });
		expect(derived.confirmation).toMatchObject({ result: 'not_found', httpCode: '404' });
	});

	it('an error from Iris that echoes the keys reaches the item without any of them, in any form', async () => {
		const { notification, ...delivery } = payoutNotification();
		const echo = IRIS_KEYS.flatMap((key) => [key, Buffer.from(`${key}:`).toString('base64'), encodeURIComponent(key)]).join(' ');
		const scope = payoutDetailsOf(notification).reply(401, { error_message: `not authorized: ${echo}`, errors: [echo] });
		const result = await payoutsTrigger().deliver(delivery);
		scope.done();
		expect(derivedOf(result.branches.other[0]).confirmation).toMatchObject({ result: 'rejected', httpCode: '401' });
		const text = JSON.stringify(result.branches);
		for (const key of IRIS_KEYS) {
			for (const form of [key, Buffer.from(`${key}:`).toString('base64'), encodeURIComponent(key)]) expect(text).not.toContain(form);
		}
	});

	describe('when Iris cannot be reached', () => {
		const unreachable = (notification: IDataObject) =>
			payoutDetailsOf(notification).times(3).replyWithError(networkFailure('ECONNREFUSED'));

		it('by default emits the notification on "other", marked unconfirmed: nothing is lost, nothing acts on it', async () => {
			const { notification, ...delivery } = payoutNotification({ status: 'completed' });
			unreachable(notification);
			const result = await payoutsTrigger().deliver(delivery);
			expect(result.answer.statusCode).toBe(200);
			expect(Object.keys(result.branches)).toEqual(['other']);
			expect(derivedOf(result.branches.other[0]).confirmation).toMatchObject({ result: 'unreachable' });
		});

		it('with "Ask Iris to Retry Later", answers 503, starts nothing and remembers nothing', async () => {
			const trigger = payoutsTrigger({ options: { whenUnreachable: 'retry' } });
			const { notification, ...delivery } = payoutNotification({ status: 'completed' });
			unreachable(notification);
			const first = await trigger.deliver(delivery);
			expect(first.answer.statusCode).toBe(503);
			expect(first.started).toBe(false);
			// When Iris sends it again and can be asked, it runs: the 503 was not taken for a delivery.
			const scope = irisConfirms(notification);
			const again = await trigger.deliver(delivery);
			scope.done();
			expect(Object.keys(again.branches)).toEqual(['completed']);
		});
	});
});

describe('Midtrans Payouts Trigger: refused requests', () => {
	interceptMidtrans();
	const logs = captureLogs();

	it('while the editor listens, a refused request starts the workflow on "refused" only, with the reason', async () => {
		const trigger = payoutsTrigger({}, { mode: 'manual' });
		const { notification, rawBody } = payoutNotification({ status: 'completed' });
		const result = await trigger.deliver({ rawBody, body: notification, headers: { 'iris-signature': 'f'.repeat(128) } });
		expect(result.answer.statusCode).toBe(403);
		expect(Object.keys(result.branches)).toEqual(['refused']);
		const item = result.branches.refused[0];
		expect(item.received).toEqual(notification);
		expect(derivedOf(item)).toMatchObject({ refused: true, answeredWith: 403, output: 'refused', reason: 'Iris-Signature does not match this notification' });
		expect(result.run?.executed).toEqual([TRIGGER_NODE_NAME, sinkName('refused')]);
	});

	it('in production a refused request starts nothing, unless Emit Refused Notifications is on', async () => {
		const unsigned = { rawBody: '{"reference_no":"r1","amount":"1.00","status":"completed"}', body: { reference_no: 'r1' } };
		expect((await payoutsTrigger().deliver(unsigned)).started).toBe(false);
		const emitting = await payoutsTrigger({ options: { emitRefused: true } }).deliver(unsigned);
		expect(emitting.answer.statusCode).toBe(401);
		expect(Object.keys(emitting.branches)).toEqual(['refused']);
	});

	it('logs a refusal with the payout it claims, at most one line a second per trigger', async () => {
		const trigger = payoutsTrigger();
		for (let count = 0; count < 5; count++) {
			await trigger.deliver({ rawBody: '{"reference_no":"claimed9","amount":"1.00","status":"completed"}', body: { reference_no: 'claimed9' } });
		}
		const lines = logs.lines.filter((line) => line.message.includes('Midtrans Payouts Trigger refused'));
		expect(lines).toHaveLength(1);
		expect(lines[0].level).toBe('warn');
		expect(lines[0].message).toMatch(/for payout claimed9: Missing Iris-Signature header/);
	});
});
