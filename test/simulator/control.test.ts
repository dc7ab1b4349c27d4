import type { Simulator } from '../../tools/simulator';
import {
	basicAuth,
	clientFor,
	cstoreCharge,
	gopayCharge,
	newOrderId,
	runCli,
	spawnCli,
	useSimulatorWithReceiver,
	type SimulatorWithReceiver,
} from './helpers';

describe('simulator: control API and CLI', () => {
	let simulator: Simulator;
	let receiver: SimulatorWithReceiver['receiver'];
	let api: ReturnType<typeof clientFor>;

	const running = useSimulatorWithReceiver();
	beforeAll(() => ({ simulator, api, receiver } = running));

	describe('control API (/_simulator, JSON in and out)', () => {
		it('says what it is at / and that it is up at /_simulator/health, without a key', async () => {
			const anonymous = clientFor(simulator, '');
			expect((await anonymous.get('/')).data.name).toBe('Local Midtrans simulator');
			expect((await anonymous.get('/_simulator/health')).data).toEqual({ status: 'ok' });
		});

		it('lists and shows transactions, and pays one with its notification’s outcome', async () => {
			const { data: charged } = await api.post('/v2/charge', cstoreCharge(newOrderId('control')));
			const listed = (await api.get('/_simulator/transactions')).data as Array<{ order_id: string }>;
			expect(listed.map((transaction) => transaction.order_id)).toContain(charged.order_id);
			expect((await api.get(`/_simulator/transactions/${charged.transaction_id}`)).data.order_id).toBe(
				charged.order_id,
			);

			const { status, data } = await api.post(`/_simulator/transactions/${charged.order_id}/pay`);
			expect(status).toBe(200);
			expect(data.transaction).toMatchObject({ order_id: charged.order_id, transaction_status: 'settlement' });
			expect(data.notifications).toEqual([
				expect.objectContaining({ url: receiver.url(), state: 'delivered', transaction_status: 'settlement' }),
			]);
		});

		it('answers refusals with their HTTP status and Midtrans’s words', async () => {
			const unknown = await api.post('/_simulator/transactions/nobody/pay');
			expect([unknown.status, unknown.data.status_code]).toEqual([404, '404']);
			const { data: charged } = await api.post('/v2/charge', cstoreCharge(newOrderId('control')));
			await api.post(`/_simulator/transactions/${charged.order_id}/expire`);
			const illegal = await api.post(`/_simulator/transactions/${charged.order_id}/pay`);
			expect([illegal.status, illegal.data.status_code]).toEqual([412, '412']);
			const badFault = await api.post('/_simulator/faults', { path: 'v2', type: 'explode' });
			expect(badFault.status).toBe(400);
			expect(badFault.data.validation_messages).toHaveLength(2);
		});

		it('adds, lists and clears faults; sends notifications; changes the notification URL; resets', async () => {
			const added = await api.post('/_simulator/faults', { path: '/v2/charge', type: 'http-503', times: 1 });
			expect(added.status).toBe(201);
			expect((await api.get('/_simulator/faults')).data).toEqual([
				expect.objectContaining({ id: added.data.id, remaining: 1 }),
			]);
			expect((await api.post('/v2/charge', gopayCharge(newOrderId('f')))).status).toBe(503);
			await api.delete('/_simulator/faults');
			expect(simulator.faults()).toEqual([]);

			const notified = await api.post('/_simulator/notify', {
				url: receiver.url('/manual'),
				status: 'deny',
				orderId: 'manual-1',
			});
			expect(notified.data).toMatchObject({ state: 'delivered', url: receiver.url('/manual') });
			expect(receiver.received.at(-1)?.body).toMatchObject({
				order_id: 'manual-1',
				transaction_status: 'deny',
				status_code: '202',
			});
			expect((await api.get('/_simulator/deliveries')).data.length).toBe(simulator.deliveries().length);

			expect((await api.put('/_simulator/settings', { notificationUrl: receiver.url('/changed') })).data).toEqual({
				notificationUrl: receiver.url('/changed'),
				recurringNotificationUrl: null,
				payAccountNotificationUrl: null,
			});
			const orderId = newOrderId('moved');
			await api.post('/v2/charge', gopayCharge(orderId));
			await simulator.idle();
			expect(receiver.received.at(-1)).toMatchObject({ path: '/changed', body: { order_id: orderId } });
			await api.put('/_simulator/settings', { notificationUrl: receiver.url() });

			await api.post('/_simulator/reset');
			expect(simulator.transactions()).toEqual([]);
			expect(simulator.deliveries()).toEqual([]);
		});
	});

	describe('CLI against a running simulator', () => {
		const at = () => ['--simulator', simulator.url];

		it('pay: the local equivalent of paying at the Indomaret till', async () => {
			const { data: charged } = await api.post('/v2/charge', cstoreCharge(newOrderId('cli')));
			const { code, stdout } = await runCli(['pay', charged.order_id, ...at()]);
			expect(code).toBe(0);
			expect(stdout).toContain(`${charged.order_id}: settlement (cstore, IDR 44000.00)`);
			expect(stdout).toContain(`notification settlement → ${receiver.url()}: HTTP 200 (delivered)`);
			expect(simulator.transaction(charged.order_id)?.transaction_status).toBe('settlement');
		});

		it('expire, cancel and refund --amount change the transaction; list shows it', async () => {
			const expiring = (await api.post('/v2/charge', cstoreCharge(newOrderId('cli-exp')))).data.order_id;
			expect((await runCli(['expire', expiring, ...at()])).code).toBe(0);
			const cancelled = (await api.post('/v2/charge', gopayCharge(newOrderId('cli-can')))).data.order_id;
			expect((await runCli(['cancel', cancelled, ...at()])).code).toBe(0);
			const refunded = (await api.post('/v2/charge', gopayCharge(newOrderId('cli-ref')))).data.order_id;
			await simulator.pay(refunded);
			const refund = await runCli(['refund', refunded, '--amount', '4000', '--json', ...at()]);
			expect(JSON.parse(refund.stdout).transaction).toMatchObject({
				transaction_status: 'partial_refund',
				refund_amount: '4000.00',
			});

			expect(simulator.transaction(expiring)?.transaction_status).toBe('expire');
			expect(simulator.transaction(cancelled)?.transaction_status).toBe('cancel');
			const { stdout } = await runCli(['list', ...at()]);
			expect(stdout).toMatch(new RegExp(`${expiring}\\s+expire\\s+cstore\\s+44000.00`));
			expect(stdout).toMatch(new RegExp(`${refunded}\\s+partial_refund\\s+gopay`));
		});

		it('notify sends a signed notification to any URL', async () => {
			const { code, stdout } = await runCli([
				'notify',
				'--status',
				'settlement',
				'--url',
				receiver.url('/cli'),
				'--order-id',
				'cli-made-up',
				'--gross-amount',
				'77000.00',
				...at(),
			]);
			expect(code).toBe(0);
			expect(stdout).toContain('cli-made-up: notification settlement');
			expect(receiver.received.at(-1)).toMatchObject({
				path: '/cli',
				body: { order_id: 'cli-made-up', gross_amount: '77000.00', status_code: '200' },
			});
		});

		it('fault adds a fault the API then runs into; fault clear removes it', async () => {
			const added = await runCli([
				'fault',
				'--path',
				'/v2/*/status',
				'--type',
				'http-429',
				'--retry-after',
				'3',
				'--times',
				'1',
				...at(),
			]);
			expect(added.code).toBe(0);
			const limited = await api.get('/v2/whatever/status');
			expect([limited.status, limited.headers['retry-after']]).toEqual([429, '3']);
			await runCli(['fault', '--path', '/v2/charge', '--type', 'drop', '--after', ...at()]);
			expect(simulator.faults().at(-1)).toMatchObject({ type: 'drop', after: true });
			expect((await runCli(['fault', 'clear', ...at()])).code).toBe(0);
			expect(simulator.faults()).toEqual([]);
		});

		it('explains refusals and mistakes with a non-zero exit', async () => {
			const unknownOrder = await runCli(['pay', 'nobody-at-all', ...at()]);
			expect(unknownOrder.code).toBe(1);
			expect(unknownOrder.stderr).toContain("Transaction doesn't exist.");
			const unknownCommand = await runCli(['dance', ...at()]);
			expect(unknownCommand.code).toBe(2);
			expect(unknownCommand.stderr).toContain('unknown command "dance"');
			const noSimulator = await runCli(['list', '--simulator', 'http://127.0.0.1:1']);
			expect(noSimulator.code).toBe(1);
			expect(noSimulator.stderr).toContain('No simulator answers at http://127.0.0.1:1');
		});
	});

	it('serve runs a simulator in the foreground until Ctrl-C', async () => {
		const child = spawnCli(['serve', '--port', '0', '--server-key', 'SB-Mid-server-cli']);
		let output = '';
		child.stdout.setEncoding('utf8');
		const url = await new Promise<string>((resolve, reject) => {
			child.stdout.on('data', (chunk: string) => {
				output += chunk;
				const match = /listening on (http:\/\/\S+)/.exec(output);
				if (match) resolve(match[1]);
			});
			child.once('exit', () => reject(new Error(`serve exited early:\n${output}`)));
		});
		const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
		try {
			const charged = await fetch(`${url}/v2/charge`, {
				method: 'POST',
				headers: { Authorization: basicAuth('SB-Mid-server-cli'), 'Content-Type': 'application/json' },
				body: JSON.stringify(gopayCharge('served-1')),
			});
			expect(((await charged.json()) as { transaction_status: string }).transaction_status).toBe('pending');
			expect(output).toContain('Server Key SB-Mid-server-cli');
			const paid = await runCli(['pay', 'served-1', '--simulator', url]);
			expect(paid.stdout).toContain('served-1: settlement');
		} finally {
			child.kill('SIGINT');
		}
		expect(await exited).toBe(0);
		expect(output).toContain('POST /v2/charge → 200 201 pending');
	});
});
