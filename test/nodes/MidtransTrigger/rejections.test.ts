import type { IDataObject } from 'n8n-workflow';

import { captureLogs } from '../../harness/logs';
import { TEST_SERVER_KEY } from '../../harness/midtrans';
import { onlyBranch } from '../../harness/webhook';
import { notificationWith, signed, unconfirmingTrigger } from './fixtures';

const wrongEnvironmentKey = 'Mid-server-Production_1234';
const signedWithWrongKey = () => signed(notificationWith('settlement', { order_id: 'order-wrong-key' }), wrongEnvironmentKey);

describe('a refused notification is visible, and never reaches a payment branch', () => {
	const log = captureLogs();

	it('while the editor listens for a test event, it comes out on "rejected" with the reason and what to check', async () => {
		const listening = unconfirmingTrigger({ statuses: ['settlement'] }, { mode: 'manual' });

		const delivery = await listening.deliver({ body: signedWithWrongKey() });

		expect(delivery.answer.statusCode).toBe(403);
		const { output, item } = onlyBranch(delivery);
		expect(output).toBe('rejected');
		expect(item.order_id).toBe('order-wrong-key');
		expect(item._midtrans).toMatchObject({
			rejected: true,
			reason: 'signature_key does not match this notification',
			answeredWith: 403,
		});
		expect(String((item._midtrans as IDataObject).check)).toContain('server key');
	});

	it('in production it starts nothing by default, and n8n’s log says why, for which order, without the key', async () => {
		const production = unconfirmingTrigger({ statuses: ['settlement'] });

		const delivery = await production.deliver({ body: signedWithWrongKey() });

		expect(delivery.answer.statusCode).toBe(403);
		expect(delivery.started).toBe(false);
		const warnings = log.lines.filter((line) => line.level === 'warn');
		expect(warnings).toHaveLength(1);
		expect(warnings[0].message).toContain('order-wrong-key');
		expect(warnings[0].message).toContain('signature_key does not match');
		expect(JSON.stringify(log.lines)).not.toContain(TEST_SERVER_KEY);
	});

	it('in production with Emit Rejected Notifications on, it comes out on "rejected" for an alert', async () => {
		const alerting = unconfirmingTrigger({ statuses: ['settlement'], options: { emitRejected: true } });
		const delivery = await alerting.deliver({ body: { not: 'a notification' } });
		expect(delivery.answer.statusCode).toBe(400);
		const { output, item } = onlyBranch(delivery);
		expect(output).toBe('rejected');
		expect(item.received).toEqual({ not: 'a notification' });
	});

	it('a relabelled notification is refused and explained, not routed', async () => {
		const relabelled = { ...notificationWith('pending', { order_id: 'order-relabelled' }), transaction_status: 'settlement' };
		const delivery = await unconfirmingTrigger({ statuses: ['settlement'] }, { mode: 'manual' }).deliver({ body: relabelled });
		expect(delivery.answer.statusCode).toBe(400);
		const { output, item } = onlyBranch(delivery);
		expect(output).toBe('rejected');
		expect(String((item._midtrans as IDataObject).reason)).toContain('status_code "201"');
	});

	it('a flood of refusals writes about one log line a second, counting the rest', async () => {
		const production = unconfirmingTrigger({});
		for (let index = 0; index < 50; index++) await production.deliver({ body: signedWithWrongKey() });
		const warnings = log.lines.filter((line) => line.level === 'warn');
		expect(warnings.length).toBeGreaterThanOrEqual(1);
		expect(warnings.length).toBeLessThan(10);
	});
});
