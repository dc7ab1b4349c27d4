import type { IDataObject } from 'n8n-workflow';

import { MidtransTrigger } from '../../../nodes/MidtransTrigger/MidtransTrigger.node';
import { SANDBOX_CREDENTIALS, TEST_SERVER_KEY } from '../../harness/midtrans';
import { interceptMidtrans } from '../../harness/nock';
import { onlyBranch, TRIGGER_NODE_NAME } from '../../harness/webhook';
import {
	guideNotifications,
	midtransConfirms,
	midtransTrigger,
	notificationWith,
	signed,
	STATUS_CODE_OF,
	unconfirmingTrigger,
} from './fixtures';

const ALL_STATUSES = Object.keys(STATUS_CODE_OF);

interceptMidtrans();

describe('Midtrans Trigger dropped on the canvas, nothing changed', () => {
	const { description } = new MidtransTrigger();
	const parameter = (name: string) => description.properties.find((property) => property.name === name)!;

	it('shows Confirm With Midtrans and Ignore Repeated Notifications switched on, as top-level parameters', () => {
		expect(parameter('confirmWithMidtrans')).toMatchObject({ type: 'boolean', default: true });
		expect(parameter('ignoreRepeated')).toMatchObject({ type: 'boolean', default: true });
	});

	it('answers Midtrans as the run starts; answering once the run has finished is chosen, and then n8n answers with the outcome only', () => {
		expect(parameter('answerMidtrans')).toMatchObject({ type: 'options', default: 'whenAccepted' });
		expect(unconfirmingTrigger({}).answering()).toEqual({ responseMode: 'onReceived', responseData: '' });
		expect(unconfirmingTrigger({ answerMidtrans: 'whenAccepted' }).answering()).toEqual({ responseMode: 'onReceived', responseData: '' });
		expect(unconfirmingTrigger({ answerMidtrans: 'whenFinished' }).answering()).toEqual({ responseMode: 'lastNode', responseData: 'noData' });
	});

	it('runs with them: a notification is routed by the status Midtrans confirms, and its repeat starts nothing', async () => {
		const trigger = midtransTrigger({});
		const notification = notificationWith('pending');
		const scope = midtransConfirms(notification, { transaction_status: 'settlement' }, 2);

		const first = await trigger.deliver({ body: notification });
		const repeat = await trigger.deliver({ body: notification });

		expect(onlyBranch(first).output).toBe('settlement');
		expect(onlyBranch(first).item._midtrans).toMatchObject({ confirmed: true, transactionStatus: 'settlement' });
		expect(repeat.started).toBe(false);
		expect(repeat.answer).toEqual({ statusCode: 200, body: { message: 'Already received' } });
		scope.done();
	});

	it('has the outputs the panel draws: the usual statuses, then "other" and "rejected"', () => {
		expect(midtransTrigger({}).outputNames).toEqual([
			'pending',
			'settlement',
			'capture',
			'deny',
			'cancel',
			'expire',
			'other',
			'rejected',
		]);
	});

	it('has nothing to register at Midtrans: the webhook methods all succeed', async () => {
		const { webhookMethods } = new MidtransTrigger();
		const context = {} as never;
		await expect(webhookMethods.default.checkExists.call(context)).resolves.toBe(true);
		await expect(webhookMethods.default.create.call(context)).resolves.toBe(true);
		await expect(webhookMethods.default.delete.call(context)).resolves.toBe(true);
	});
});

describe('Midtrans Trigger: routing by transaction status (confirmation off)', () => {
	const trigger = unconfirmingTrigger({ routeBy: 'status', statuses: ALL_STATUSES });

	it.each(ALL_STATUSES)('a signed notification with status %s reaches only the branch of that status', async (status) => {
		const delivery = await trigger.deliver({ body: notificationWith(status, { order_id: `order-route-${status}` }) });

		expect(delivery.answer.statusCode).toBe(200);
		const { output, item } = onlyBranch(delivery);
		expect(output).toBe(status);
		expect(item._midtrans).toMatchObject({ transactionStatus: status, output: status, signatureVerified: true, confirmed: false });
	});

	it('orders the outputs as chosen: the first chosen status is output 0', async () => {
		const ordered = unconfirmingTrigger({ routeBy: 'status', statuses: ['expire', 'settlement'] });
		expect(ordered.outputNames).toEqual(['expire', 'settlement', 'other', 'rejected']);

		const delivery = await ordered.deliver({ body: notificationWith('expire') });
		expect(delivery.run!.output(TRIGGER_NODE_NAME, 0)).toHaveLength(1);
		expect(delivery.run!.output(TRIGGER_NODE_NAME, 1)).toEqual([]);
		expect(onlyBranch(delivery).output).toBe('expire');
	});

	it.each(['refund', 'authorize', 'a_status_from_the_future'])('sends "%s", which was not chosen, to "other"', async (status) => {
		const delivery = await unconfirmingTrigger({ routeBy: 'status', statuses: ['settlement', 'expire'] }).deliver({
			body: notificationWith(status),
		});
		expect(onlyBranch(delivery).output).toBe('other');
	});

	it('reads transaction_status in any case: "SETTLEMENT" is settlement', async () => {
		const delivery = await unconfirmingTrigger({ statuses: ['settlement'] }).deliver({
			body: notificationWith('settlement', { transaction_status: 'SETTLEMENT' }),
		});
		expect(onlyBranch(delivery).output).toBe('settlement');
	});

	it('works on the test URL (manual mode) as on the production URL', async () => {
		const testUrlTrigger = unconfirmingTrigger({ routeBy: 'status', statuses: ['settlement'] }, { mode: 'manual' });
		const delivery = await testUrlTrigger.deliver({ body: notificationWith('settlement') });
		expect(onlyBranch(delivery).output).toBe('settlement');
	});
});

describe('Midtrans Trigger: routing by outcome (confirmation off)', () => {
	const trigger = unconfirmingTrigger({ routeBy: 'outcome', ignoreRepeated: false });

	it.each([
		['settlement', {}, 'paid'],
		['capture', { fraud_status: 'accept' }, 'paid'],
		['capture', { fraud_status: undefined }, 'paid'],
		['capture', { fraud_status: 'challenge' }, 'pending'],
		['pending', {}, 'pending'],
		['authorize', {}, 'pending'],
		['deny', {}, 'failed'],
		['cancel', {}, 'failed'],
		['expire', {}, 'failed'],
		['failure', {}, 'failed'],
		['refund', {}, 'refunded'],
		['partial_refund', {}, 'refunded'],
		['chargeback', {}, 'refunded'],
		['partial_chargeback', {}, 'refunded'],
		['a_status_from_the_future', {}, 'other'],
	])('a "%s" notification %j reaches only the "%s" branch', async (status, overrides, outcome) => {
		const notification = notificationWith(status, overrides as IDataObject);
		if ('fraud_status' in overrides && overrides.fraud_status === undefined) {
			delete notification.fraud_status;
			notification.signature_key = signed(notification).signature_key;
		}
		const { output, item } = onlyBranch(await trigger.deliver({ body: notification }));
		expect(output).toBe(outcome);
		expect((item._midtrans as IDataObject).outcome).toBe(outcome === 'other' ? null : outcome);
	});
});

describe('Midtrans Trigger: items', () => {
	it.each(Object.entries(guideNotifications))(
		'emits the %s guide sample, re-signed with the test key, exactly as received plus _midtrans',
		async (_store, sample) => {
			const notification = signed(sample);
			const delivery = await unconfirmingTrigger({ routeBy: 'status', statuses: ['settlement'] }).deliver({ body: notification });
			const { output, item } = onlyBranch(delivery);
			expect(output).toBe('settlement');
			const { _midtrans, ...asReceived } = item;
			expect(asReceived).toEqual(notification);
			expect(asReceived.gross_amount).toBe(sample.gross_amount);
			expect(_midtrans).toEqual({
				signatureVerified: true,
				eventId: `${sample.order_id}|${sample.transaction_id}|settlement|${'fraud_status' in sample ? 'accept' : ''}|`,
				transactionStatus: 'settlement',
				fraudStatus: 'fraud_status' in sample ? 'accept' : null,
				outcome: 'paid',
				output: 'settlement',
				confirmed: false,
			});
		},
	);

	it('refuses every notification when the credential has no server key (a signature made with an empty key included)', async () => {
		const keyless = unconfirmingTrigger({}, { credentials: { ...SANDBOX_CREDENTIALS, serverApiKey: '' } });
		const delivery = await keyless.deliver({ body: signed(guideNotifications.indomaret, '') });
		expect(delivery.answer.statusCode).toBe(403);
		expect(delivery.started).toBe(false);
	});

	it('never puts the server key in answers or items', async () => {
		const notification = notificationWith('pending');
		midtransConfirms(notification, { transaction_status: 'pending' });
		const delivery = await midtransTrigger({}).deliver({ body: notification });
		expect(delivery.started).toBe(true);
		const everything = JSON.stringify([delivery.answer, delivery.branches]);
		expect(everything).not.toContain(TEST_SERVER_KEY);
		expect(everything).not.toContain(Buffer.from(`${TEST_SERVER_KEY}:`).toString('base64'));
	});
});
