import type { IDataObject } from 'n8n-workflow';

import { TRANSACTION_STATUSES } from '../../../nodes/Midtrans/helpers/constants';
import { MidtransTrigger } from '../../../nodes/MidtransTrigger/MidtransTrigger.node';
import { SANDBOX_CREDENTIALS, TEST_SERVER_KEY } from '../../harness/engine';
import { TRIGGER_NODE_NAME, type WebhookDelivery } from '../../harness/webhook';
import { guideNotifications, midtransTrigger, notificationWith, signed } from './fixtures';

const ALL_STATUSES = [...TRANSACTION_STATUSES];

/** The one branch that received items, asserting that exactly one did and with exactly one item. */
function onlyBranch(delivery: WebhookDelivery): { output: string; item: IDataObject } {
	const reached = Object.entries(delivery.branches);
	expect(reached).toHaveLength(1);
	const [[output, items]] = reached;
	expect(items).toHaveLength(1);
	return { output, item: items[0] };
}

describe('Midtrans Trigger: description', () => {
	const { description } = new MidtransTrigger();

	it('is a POST webhook trigger named midtransTrigger, with no inputs, using the Midtrans credential', () => {
		expect(description.displayName).toBe('Midtrans Trigger');
		expect(description.name).toBe('midtransTrigger');
		expect(description.inputs).toEqual([]);
		expect(description.credentials).toEqual([{ name: 'midtransApi', required: true }]);
		expect(description.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		]);
	});

	it('tells the user where to paste the URL, test URL against production URL, and the per-charge override', () => {
		const notice = description.properties.find((property) => property.type === 'notice')!;
		expect(notice.displayName).toContain('Settings → Configuration → Payment Notification URL');
		expect(notice.displayName).toContain('/webhook-test/');
		expect(notice.displayName).toContain('/webhook/');
		expect(notice.displayName).toContain('X-Override-Notification');
	});

	it('offers every Midtrans status as an output', () => {
		const statuses = description.properties.find((property) => property.name === 'statuses')!;
		expect(statuses.options!.map((option) => (option as { value: string }).value)).toEqual(ALL_STATUSES);
	});

	it('has nothing to register at Midtrans: the webhook methods all succeed', async () => {
		const { webhookMethods } = new MidtransTrigger();
		const context = {} as never;
		await expect(webhookMethods.default.checkExists.call(context)).resolves.toBe(true);
		await expect(webhookMethods.default.create.call(context)).resolves.toBe(true);
		await expect(webhookMethods.default.delete.call(context)).resolves.toBe(true);
	});
});

describe('Midtrans Trigger: routing by transaction status', () => {
	const trigger = midtransTrigger({ routeBy: 'status', statuses: ALL_STATUSES });

	it.each(ALL_STATUSES)(
		'a signed notification with status %s reaches only the branch of that status',
		async (status) => {
			const notification = notificationWith(status);
			const delivery = await trigger.deliver({ body: notification });

			expect(delivery.answer.statusCode).toBe(200);
			const { output, item } = onlyBranch(delivery);
			expect(output).toBe(status);
			expect(item._midtrans).toMatchObject({
				transactionStatus: status,
				output: status,
				signatureVerified: true,
			});
		},
	);

	it('orders the outputs as chosen: the first chosen status is output 0', async () => {
		const ordered = midtransTrigger({ routeBy: 'status', statuses: ['expire', 'settlement'] });
		expect(ordered.outputNames).toEqual(['expire', 'settlement', 'other']);

		const delivery = await ordered.deliver({ body: notificationWith('expire') });
		expect(delivery.run!.output(TRIGGER_NODE_NAME, 0)).toHaveLength(1);
		expect(delivery.run!.output(TRIGGER_NODE_NAME, 1)).toEqual([]);
		expect(onlyBranch(delivery).output).toBe('expire');
	});

	it.each(['refund', 'authorize', 'a_status_from_the_future'])(
		'sends "%s", which was not chosen, to "other"',
		async (status) => {
			const delivery = await midtransTrigger({
				routeBy: 'status',
				statuses: ['settlement', 'expire'],
			}).deliver({
				body: notificationWith(status),
			});
			expect(onlyBranch(delivery).output).toBe('other');
		},
	);

	it('uses the default statuses when none were set', async () => {
		const trigger = midtransTrigger({});
		expect(trigger.outputNames).toEqual([
			'pending',
			'settlement',
			'capture',
			'deny',
			'cancel',
			'expire',
			'other',
		]);
		expect(onlyBranch(await trigger.deliver({ body: notificationWith('cancel') })).output).toBe('cancel');
	});

	it('works on the test URL (manual mode) as on the production URL', async () => {
		const testUrlTrigger = midtransTrigger(
			{ routeBy: 'status', statuses: ['settlement'] },
			{ mode: 'manual' },
		);
		const delivery = await testUrlTrigger.deliver({ body: notificationWith('settlement') });
		expect(onlyBranch(delivery).output).toBe('settlement');
	});
});

describe('Midtrans Trigger: routing by outcome', () => {
	const trigger = midtransTrigger({ routeBy: 'outcome' });

	it.each([
		['settlement', {}, 'paid'],
		['capture', { fraud_status: 'accept' }, 'paid'],
		['capture', { fraud_status: undefined }, 'paid'],
		['capture', { fraud_status: 'challenge' }, 'pending'],
		['capture', { fraud_status: 'deny' }, 'failed'],
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
		if ('fraud_status' in overrides && overrides.fraud_status === undefined) delete notification.fraud_status;
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
			const delivery = await midtransTrigger({ routeBy: 'status', statuses: ['settlement'] }).deliver({
				body: notification,
			});
			const { output, item } = onlyBranch(delivery);
			expect(output).toBe('settlement');
			const { _midtrans, ...asReceived } = item;
			expect(asReceived).toEqual(notification);
			expect(asReceived.gross_amount).toBe(sample.gross_amount);
			expect(_midtrans).toEqual({
				signatureVerified: true,
				transactionStatus: 'settlement',
				outcome: 'paid',
				output: 'settlement',
				confirmed: false,
			});
		},
	);

	it('refuses to verify anything when the credential has no server key: n8n answers 500 and nothing starts', async () => {
		const keyless = midtransTrigger({}, { credentials: { ...SANDBOX_CREDENTIALS, serverKey: '' } });
		const delivery = await keyless.deliver({ body: signed(guideNotifications.indomaret, '') });
		expect(delivery.answer).toEqual({
			statusCode: 500,
			body: { message: 'The Midtrans credential has no server key' },
		});
		expect(delivery.started).toBe(false);
	});

	it('never puts the server key in answers or items', async () => {
		const delivery = await midtransTrigger({}).deliver({ body: notificationWith('pending') });
		expect(delivery.started).toBe(true);
		expect(JSON.stringify([delivery.answer, delivery.branches])).not.toContain(TEST_SERVER_KEY);
	});
});
