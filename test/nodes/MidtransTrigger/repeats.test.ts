import type { IDataObject } from 'n8n-workflow';

import { REMEMBERED_NOTIFICATIONS, remember, wasSeen } from '../../../nodes/shared/webhooks/repeats';
import { interceptMidtrans } from '../../harness/nock';
import { onlyBranch, type WebhookDelivery } from '../../harness/webhook';
import { midtransConfirms, midtransTrigger, notificationWith, unconfirmingTrigger } from './fixtures';

interceptMidtrans();

let orderCounter = 0;
const freshOrder = () => {
	orderCounter++;
	return { order_id: `order-repeat-${orderCounter}`, transaction_id: `tx-repeat-${orderCounter}` };
};

const refundEntry = (id: number, amount: string, refundKey: string) => ({
	refund_chargeback_id: id,
	refund_amount: amount,
	created_at: `2026-12-01 10:0${id}:00`,
	reason: 'Item out of stock',
	refund_key: refundKey,
	refund_method: 'online',
});

/**
 * The distinct events Midtrans sends for one order over its life, each with the state Get Status shows once
 * it happened. Every one must come out, with confirmation on or off; only true repeats are dropped.
 */
const lifeStories: Array<[string, Array<{ notified: IDataObject; status: IDataObject }>]> = [
	[
		'a capture held for fraud review, then accepted when the merchant approves it',
		[
			{ notified: { transaction_status: 'capture', fraud_status: 'challenge', status_code: '201' }, status: { transaction_status: 'capture', fraud_status: 'challenge' } },
			{ notified: { transaction_status: 'capture', fraud_status: 'accept' }, status: { transaction_status: 'capture', fraud_status: 'accept' } },
		],
	],
	[
		'several partial refunds of one order',
		[
			{
				notified: { transaction_status: 'partial_refund', refund_amount: '10000.00', refunds: [refundEntry(1, '10000.00', 'r-1')] },
				status: { transaction_status: 'partial_refund', refund_amount: '10000.00', refunds: [refundEntry(1, '10000.00', 'r-1')] },
			},
			{
				notified: { transaction_status: 'partial_refund', refund_amount: '15000.00', refunds: [refundEntry(1, '10000.00', 'r-1'), refundEntry(2, '5000.00', 'r-2')] },
				status: { transaction_status: 'partial_refund', refund_amount: '15000.00', refunds: [refundEntry(1, '10000.00', 'r-1'), refundEntry(2, '5000.00', 'r-2')] },
			},
			{
				notified: { transaction_status: 'partial_refund', refund_amount: '20000.00', refunds: [refundEntry(1, '10000.00', 'r-1'), refundEntry(2, '5000.00', 'r-2'), refundEntry(3, '5000.00', 'r-3')] },
				status: { transaction_status: 'partial_refund', refund_amount: '20000.00', refunds: [refundEntry(1, '10000.00', 'r-1'), refundEntry(2, '5000.00', 'r-2'), refundEntry(3, '5000.00', 'r-3')] },
			},
		],
	],
	[
		'a chargeback, then a partial chargeback',
		[
			{ notified: { transaction_status: 'chargeback' }, status: { transaction_status: 'chargeback' } },
			{ notified: { transaction_status: 'partial_chargeback' }, status: { transaction_status: 'partial_chargeback' } },
		],
	],
	[
		'a Mandiri bill settlement that turns into deny',
		[
			{ notified: { transaction_status: 'settlement', payment_type: 'echannel' }, status: { transaction_status: 'settlement' } },
			{ notified: { transaction_status: 'deny', payment_type: 'echannel' }, status: { transaction_status: 'deny' } },
		],
	],
];

const outputsReached = (deliveries: WebhookDelivery[]) => deliveries.map((delivery) => (delivery.started ? onlyBranch(delivery).output : 'not started'));

describe('Ignore Repeated Notifications: only a true repeat is dropped', () => {
	const statuses = ['settlement', 'capture', 'deny', 'partial_refund', 'chargeback', 'partial_chargeback'];

	describe.each([
		['with confirmation off', false],
		['with confirmation on', true],
	])('%s', (_how, confirm) => {
		it.each(lifeStories)('%s: every event comes out once, and each resend of it starts nothing', async (_story, events) => {
			const trigger = midtransTrigger({ routeBy: 'status', statuses, confirmWithMidtrans: confirm });
			const order = freshOrder();
			const firsts: WebhookDelivery[] = [];
			const resends: WebhookDelivery[] = [];
			for (const { notified, status } of events) {
				const notification = notificationWith(String(notified.transaction_status), { ...order, ...notified });
				const scope = confirm ? midtransConfirms(notification, status, 2) : undefined;
				firsts.push(await trigger.deliver({ body: notification }));
				resends.push(await trigger.deliver({ body: notification }));
				scope?.done();
			}
			expect(outputsReached(firsts)).toEqual(events.map(({ status }) => String(status.transaction_status)));
			expect(resends.map((delivery) => delivery.answer)).toEqual(
				events.map(() => ({ statusCode: 200, body: { message: 'Already received' } })),
			);
			const eventIds = firsts.map((delivery) => (onlyBranch(delivery).item._midtrans as IDataObject).eventId);
			expect(new Set(eventIds).size).toBe(events.length);
		});
	});

	it('a late "pending" that Midtrans shows as settled is the settlement event already emitted: one execution', async () => {
		const trigger = midtransTrigger({});
		const order = freshOrder();
		const settlement = notificationWith('settlement', order);
		const latePending = notificationWith('pending', order);
		const scope = midtransConfirms(settlement, { transaction_status: 'settlement' }, 2);

		const first = await trigger.deliver({ body: settlement });
		const late = await trigger.deliver({ body: latePending });

		scope.done();
		expect(onlyBranch(first).output).toBe('settlement');
		expect(late.started).toBe(false);
	});

	it('a second partial refund whose notification arrives after both refunds happened still comes out', async () => {
		const trigger = midtransTrigger({ statuses: ['partial_refund'] });
		const order = freshOrder();
		const both = [refundEntry(1, '10000.00', 'r-1'), refundEntry(2, '5000.00', 'r-2')];
		const first = notificationWith('partial_refund', { ...order, refunds: [both[0]], refund_amount: '10000.00' });
		const second = notificationWith('partial_refund', { ...order, refunds: both, refund_amount: '15000.00' });
		// Midtrans already lists both refunds when the first notification is confirmed.
		const scope = midtransConfirms(first, { transaction_status: 'partial_refund', refunds: both, refund_amount: '15000.00' }, 2);

		const deliveries = [await trigger.deliver({ body: first }), await trigger.deliver({ body: second })];

		scope.done();
		expect(outputsReached(deliveries)).toEqual(['partial_refund', 'partial_refund']);
	});

	it('a refund the notification claims but Midtrans does not list cannot make a resend look new', async () => {
		const trigger = midtransTrigger({ statuses: ['partial_refund'] });
		const order = freshOrder();
		const real = [refundEntry(1, '10000.00', 'r-1')];
		const genuine = notificationWith('partial_refund', { ...order, refunds: real });
		const padded = notificationWith('partial_refund', { ...order, refunds: [...real, refundEntry(9, '1.00', 'made-up')] });
		const scope = midtransConfirms(genuine, { transaction_status: 'partial_refund', refunds: real }, 2);

		const deliveries = [await trigger.deliver({ body: genuine }), await trigger.deliver({ body: padded })];

		scope.done();
		expect(outputsReached(deliveries)).toEqual(['partial_refund', 'not started']);
	});

	it('the same order charged again after it expired (a new transaction_id) is a new event', async () => {
		const trigger = unconfirmingTrigger({});
		const first = notificationWith('settlement', { order_id: 'order-reused-1', transaction_id: 'tx-first' });
		const second = notificationWith('settlement', { order_id: 'order-reused-1', transaction_id: 'tx-second' });
		const deliveries = [await trigger.deliver({ body: first }), await trigger.deliver({ body: second })];
		expect(outputsReached(deliveries)).toEqual(['settlement', 'settlement']);
	});

	it('runs every copy when the option is off', async () => {
		const trigger = unconfirmingTrigger({ ignoreRepeated: false });
		const settlement = notificationWith('settlement', freshOrder());
		await trigger.deliver({ body: settlement });
		expect(onlyBranch(await trigger.deliver({ body: settlement })).output).toBe('settlement');
	});

	it('runs every copy when Midtrans is answered after the run, Ignore Repeated left on: a retry after a failed run runs again', async () => {
		const trigger = unconfirmingTrigger({ answerMidtrans: 'whenFinished', ignoreRepeated: true });
		const settlement = notificationWith('settlement', freshOrder());
		const deliveries = [await trigger.deliver({ body: settlement }), await trigger.deliver({ body: settlement })];
		expect(outputsReached(deliveries)).toEqual(['settlement', 'settlement']);
		// Both carry the one event identity the workflow records under a unique key.
		const [first, second] = deliveries.map((delivery) => onlyBranch(delivery).item._midtrans as IDataObject);
		expect(second.eventId).toBe(first.eventId);
		expect(trigger.savedStaticData).toEqual({});
	});

	it(`keeps only the last ${REMEMBERED_NOTIFICATIONS} events in the workflow's static data`, async () => {
		const trigger = unconfirmingTrigger({ routeBy: 'outcome' });
		const orders = Array.from({ length: REMEMBERED_NOTIFICATIONS + 1 }, (_, index) =>
			notificationWith('settlement', { order_id: `order-many-${index}` }),
		);
		for (const order of orders) await trigger.deliver({ body: order });

		// n8n keeps a node's static data under "node:<node name>".
		const [nodeMemory] = Object.values(trigger.savedStaticData) as IDataObject[];
		expect(nodeMemory.recentNotifications).toHaveLength(REMEMBERED_NOTIFICATIONS);
		// The oldest was forgotten and runs again; the newest is still remembered.
		expect((await trigger.deliver({ body: orders[0] })).started).toBe(true);
		expect((await trigger.deliver({ body: orders[REMEMBERED_NOTIFICATIONS] })).started).toBe(false);
	});

	it('forgets the oldest event first, in static data and in the process alike', () => {
		const memory = {};
		for (const key of ['a', 'b', 'c']) remember(memory, 'workflow-x:node-1', key, 2);
		const seen = (key: string) => wasSeen(memory, 'workflow-x:node-1', key);
		expect([seen('a'), seen('b'), seen('c')]).toEqual([false, true, true]);
		expect([wasSeen({}, 'workflow-x:node-1', 'a'), wasSeen({}, 'workflow-x:node-1', 'c')]).toEqual([false, true]);
	});

	it('still ignores a repeat when n8n drops the static data written by a call that started a run', async () => {
		const trigger = unconfirmingTrigger({ routeBy: 'outcome' }, { staticDataSaving: 'unlessRunStarts' });
		const settlement = notificationWith('settlement', freshOrder());
		expect((await trigger.deliver({ body: settlement })).started).toBe(true);
		expect(trigger.savedStaticData).toEqual({});
		const repeat = await trigger.deliver({ body: settlement });
		expect(repeat.started).toBe(false);
		expect(repeat.answer.statusCode).toBe(200);
	});

	it('keeps one trigger’s memory apart from another’s', async () => {
		const settlement = notificationWith('settlement', freshOrder());
		expect((await unconfirmingTrigger({}).deliver({ body: settlement })).started).toBe(true);
		expect((await unconfirmingTrigger({}).deliver({ body: settlement })).started).toBe(true);
	});
});
