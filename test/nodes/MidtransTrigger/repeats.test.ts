import type { IDataObject } from 'n8n-workflow';

import { REMEMBERED_NOTIFICATIONS, remember, wasSeen } from '../../../nodes/MidtransTrigger/repeats';
import { midtransTrigger, notificationWith } from './fixtures';

describe('Midtrans Trigger: Ignore Repeated Notifications', () => {
	it('answers 200 to a notification already received and starts no second execution', async () => {
		const trigger = midtransTrigger({ routeBy: 'outcome', options: { ignoreRepeated: true } });
		const settlement = notificationWith('settlement');

		const first = await trigger.deliver({ body: settlement });
		const repeat = await trigger.deliver({ body: settlement });

		expect(first.started).toBe(true);
		expect(Object.keys(first.branches)).toEqual(['paid']);
		expect(repeat.answer).toEqual({ statusCode: 200, body: { message: 'Already received' } });
		expect(repeat.started).toBe(false);
	});

	it('treats a new status of the same order as new', async () => {
		const trigger = midtransTrigger({ routeBy: 'outcome', options: { ignoreRepeated: true } });
		await trigger.deliver({ body: notificationWith('pending') });
		const settlement = await trigger.deliver({ body: notificationWith('settlement') });
		expect(Object.keys(settlement.branches)).toEqual(['paid']);
	});

	it('runs every copy when the option is off', async () => {
		const trigger = midtransTrigger({ routeBy: 'outcome' });
		const settlement = notificationWith('settlement');
		await trigger.deliver({ body: settlement });
		const again = await trigger.deliver({ body: settlement });
		expect(Object.keys(again.branches)).toEqual(['paid']);
	});

	it(`keeps only the last ${REMEMBERED_NOTIFICATIONS} notifications in the workflow's static data`, async () => {
		const trigger = midtransTrigger({ routeBy: 'outcome', options: { ignoreRepeated: true } });
		const orders = Array.from({ length: REMEMBERED_NOTIFICATIONS + 1 }, (_, index) =>
			notificationWith('settlement', { order_id: `order-${index}` }),
		);
		for (const order of orders) await trigger.deliver({ body: order });

		// n8n keeps a node's static data under "node:<node name>".
		const [nodeMemory] = Object.values(trigger.savedStaticData) as IDataObject[];
		expect(nodeMemory.recentNotifications).toHaveLength(REMEMBERED_NOTIFICATIONS);
		// The oldest was forgotten and runs again; the newest is still remembered.
		expect((await trigger.deliver({ body: orders[0] })).started).toBe(true);
		expect((await trigger.deliver({ body: orders[REMEMBERED_NOTIFICATIONS] })).started).toBe(false);
	});

	it('forgets the oldest key first', () => {
		const memory = {};
		for (const key of ['a', 'b', 'c']) remember(memory, 'workflow-x:node-1', key, 2);
		const seen = (key: string) => wasSeen(memory, 'workflow-x:node-1', key);
		expect([seen('a'), seen('b'), seen('c')]).toEqual([false, true, true]);
		// The process's own copy forgets in the same order.
		expect([wasSeen({}, 'workflow-x:node-1', 'a'), wasSeen({}, 'workflow-x:node-1', 'c')]).toEqual([false, true]);
	});

	it('still ignores a repeat when n8n drops the static data written by a call that started a run', async () => {
		const trigger = midtransTrigger(
			{ routeBy: 'outcome', options: { ignoreRepeated: true } },
			{ staticDataSaving: 'unlessRunStarts' },
		);
		const settlement = notificationWith('settlement');
		expect((await trigger.deliver({ body: settlement })).started).toBe(true);
		expect(trigger.savedStaticData).toEqual({});
		const repeat = await trigger.deliver({ body: settlement });
		expect(repeat.started).toBe(false);
		expect(repeat.answer.statusCode).toBe(200);
	});

	it('keeps one trigger’s memory apart from another’s', async () => {
		const settlement = notificationWith('settlement', { order_id: 'order-shared-1' });
		const first = midtransTrigger({ routeBy: 'outcome', options: { ignoreRepeated: true } });
		const second = midtransTrigger({ routeBy: 'outcome', options: { ignoreRepeated: true } });
		expect((await first.deliver({ body: settlement })).started).toBe(true);
		expect((await second.deliver({ body: settlement })).started).toBe(true);
	});
});
