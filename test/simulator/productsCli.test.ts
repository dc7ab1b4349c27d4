import type { Simulator } from '../../tools/simulator';
import { clientFor, newOrderId, runCli, spawnCli, startReceiver, startTestSimulator, waitFor } from './helpers';

describe('simulator CLI: payment links, subscriptions, GoPay accounts', () => {
	let simulator: Simulator;
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	let api: ReturnType<typeof clientFor>;
	const at = () => ['--simulator', simulator.url];

	beforeAll(async () => {
		receiver = await startReceiver();
		({ simulator, api } = await startTestSimulator({
			notificationUrl: receiver.url('/payments'),
			scheduleUnitMs: { month: 60_000, hour: 10 },
		}));
	});
	afterAll(async () => {
		await simulator.close();
		await receiver.close();
	});

	it('link pay: the customer pays a payment link, and its transaction is notified', async () => {
		const orderId = newOrderId('cli-link');
		await api.post('/v1/payment-links', {
			transaction_details: { order_id: orderId, gross_amount: 50000 },
			usage_limit: 1,
		});
		const { code, stdout } = await runCli(['link', 'pay', orderId, ...at()]);
		expect(code).toBe(0);
		expect(stdout).toMatch(new RegExp(`${orderId}-\\d{10}-\\d{13}: settlement \\(gopay, IDR 50000\\.00\\)`));
		expect(stdout).toContain(`notification settlement → ${receiver.url('/payments')}: HTTP 200 (delivered)`);
		const listed = await runCli(['link', 'list', ...at()]);
		expect(listed.stdout).toContain(`${orderId}  used 1 of 1`);
		const again = await runCli(['link', 'pay', orderId, ...at()]);
		expect(again.code).toBe(1);
		expect(again.stderr).toContain('usage limit of 1');
	});

	it('recurring-notification-url, then subscription charge --fail --reason token: the failure reaches the new URL', async () => {
		expect((await runCli(['recurring-notification-url', receiver.url('/recurring'), ...at()])).code).toBe(0);
		const { data } = await api.post('/v1/subscriptions', {
			name: 'CLI-MONTHLY',
			amount: '14000',
			currency: 'IDR',
			payment_type: 'credit_card',
			token: 'not-saved',
			schedule: { interval: 1, interval_unit: 'month' },
			retry_schedule: { max_interval: 0 },
		});
		const { code, stdout } = await runCli(['subscription', 'charge', data.id, '--fail', '--reason', 'token', ...at()]);
		expect(code).toBe(0);
		expect(stdout).toContain(`CLI-MONTHLY (${data.id}): charge failed, subscription inactive`);
		expect(stdout).toContain(`notification subscription.charge → ${receiver.url('/recurring')}: HTTP 200 (delivered)`);
		const wrongReason = await runCli(['subscription', 'charge', data.id, '--fail', '--reason', 'weather', ...at()]);
		expect(wrongReason.code).toBe(2);
		expect(wrongReason.stderr).toContain('--reason must be one of deny, token, server');
	});

	it('account activate and account unbind play the customer in the Gojek app, notifying the Pay Account Notification URL', async () => {
		expect((await runCli(['pay-account-notification-url', receiver.url('/accounts'), ...at()])).code).toBe(0);
		const { data } = await api.post('/v2/pay/account', {
			payment_type: 'gopay',
			gopay_partner: { phone_number: '81299998888', country_code: '62' },
		});
		const activated = await runCli(['account', 'activate', data.account_id, ...at()]);
		expect(activated.stdout).toContain(`${data.account_id}: ENABLED`);
		const unbound = await runCli(['account', 'unbind', data.account_id, ...at()]);
		expect(unbound.stdout).toContain(`${data.account_id}: DISABLED`);
		await waitFor(
			() => receiver.received.filter((request) => request.path === '/accounts').length === 2,
			'two account notifications',
		);
		expect(
			receiver.received.filter((request) => request.path === '/accounts').map((request) => request.body.account_status),
		).toEqual(['ENABLED', 'DISABLED']);
	});

	it('serve takes the three notification URLs and a compressed schedule, and refuses a unit it does not know', async () => {
		const refused = await runCli(['serve', '--port', '0', '--schedule-unit-ms', 'fortnight=10']);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain('"fortnight" is not one of minute, hour, day, week, month');

		const child = spawnCli([
			'serve',
			'--port',
			'0',
			'--recurring-notification-url',
			'http://127.0.0.1:9/recurring',
			'--schedule-unit-ms',
			'month=2000,day=100',
		]);
		let output = '';
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (chunk: string) => (output += chunk));
		const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
		try {
			await waitFor(() => output.includes('subscription schedule'), 'serve to start', 20_000);
			expect(output).toContain('subscription notifications: http://127.0.0.1:9/recurring');
			expect(output).toContain('subscription schedule: a month is 2000 ms, a day 100 ms');
		} finally {
			child.kill('SIGINT');
		}
		expect(await exited).toBe(0);
	});
});
