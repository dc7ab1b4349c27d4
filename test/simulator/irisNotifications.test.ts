/**
 * The simulator's Iris notifications and its control side: payouts moved on by the bank (control API and CLI),
 * each change notified to the Iris notification URL in order, signed in Iris-Signature over the exact bytes
 * sent; top-ups; reset.
 */
import { createHash } from 'crypto';
import axios from 'axios';

import { runCommand } from '../../tools/simulator/cli';
import {
	DEFAULT_IRIS_APPROVER_KEY,
	DEFAULT_IRIS_BALANCE,
	DEFAULT_IRIS_CREATOR_KEY,
	DEFAULT_IRIS_MERCHANT_KEY,
	type Simulator,
	startSimulator,
} from '../../tools/simulator';
import { basicAuth, type Json, startReceiver, waitFor } from './helpers';

/** The docs' recipe, written here apart from the simulator's. */
const signatureOf = (raw: string, key = DEFAULT_IRIS_MERCHANT_KEY) => createHash('sha512').update(raw + key).digest('hex');

describe('simulator: Iris notifications and control', () => {
	let simulator: Simulator;
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	const iris = (key: string) =>
		axios.create({ baseURL: `${simulator.url}/iris/api/v1`, headers: { Authorization: basicAuth(key) }, validateStatus: () => true });

	beforeAll(async () => {
		receiver = await startReceiver();
		simulator = await startSimulator({ port: 0, retryIntervalsMs: [50], iris: { notificationUrl: receiver.url('/iris') } });
	});
	afterAll(async () => {
		await simulator.close();
		await receiver.close();
	});
	beforeEach(() => {
		simulator.reset();
		receiver.received.length = 0;
	});

	async function createAndApprove(amount = '100000.00'): Promise<string> {
		const { data } = await iris(DEFAULT_IRIS_CREATOR_KEY).post('/payouts', {
			payouts: [{ beneficiary_name: 'Jon Snow', beneficiary_account: '1172993826', beneficiary_bank: 'bni', amount, notes: 'n' }],
		});
		const reference = String(data.payouts[0].reference_no);
		await iris(DEFAULT_IRIS_APPROVER_KEY).post('/payouts/approve', { reference_nos: [reference] });
		return reference;
	}

	it('notifies each change of a payout, in order, signed over the exact bytes it sends', async () => {
		const reference = await createAndApprove();
		await simulator.iris.process(reference);
		await simulator.iris.complete(reference);
		await waitFor(() => receiver.received.length === 3, 'three notifications');
		expect(receiver.received.map((notification) => notification.body.status)).toEqual(['approved', 'processed', 'completed']);
		for (const notification of receiver.received) {
			expect(notification.path).toBe('/iris');
			expect(notification.headers['iris-signature']).toBe(signatureOf(notification.raw));
			expect(notification.headers['content-type']).toBe('application/json');
			expect(notification.body).toEqual({ reference_no: reference, amount: '100000.00', status: expect.any(String), updated_at: expect.stringMatching(/Z$/) });
		}
	});

	it('a failed payout carries Iris’s error_code and error_message, and its money comes back', async () => {
		const reference = await createAndApprove('250000.00');
		expect(simulator.iris.balance()).toBe(DEFAULT_IRIS_BALANCE - 250000);
		const change = await simulator.iris.fail(reference, '002');
		expect(change.payout).toMatchObject({ status: 'failed', error_code: '002', error_message: 'Invalid destination account number' });
		expect(change.notifications.map((delivery) => delivery.attempts[0]?.httpStatus)).toEqual([200]);
		expect(simulator.iris.balance()).toBe(DEFAULT_IRIS_BALANCE);
		const failed = receiver.received.find((notification) => notification.body.status === 'failed');
		expect(failed?.body).toMatchObject({ error_code: '002', error_message: 'Invalid destination account number' });
	});

	it('a completed payout can still fail (a bank’s refund); a rejected or failed one can change no more', async () => {
		const reference = await createAndApprove();
		await simulator.iris.complete(reference);
		await simulator.iris.fail(reference);
		expect(simulator.iris.payout(reference)?.status).toBe('failed');
		await expect(simulator.iris.complete(reference)).rejects.toThrow('A failed payout cannot become completed');
	});

	it('a queued payout is not the bank’s to move: it needs an approver first', async () => {
		const { data } = await iris(DEFAULT_IRIS_CREATOR_KEY).post('/payouts', {
			payouts: [{ beneficiary_name: 'A', beneficiary_account: '1234567', beneficiary_bank: 'bca', amount: '10000', notes: 'n' }],
		});
		await expect(simulator.iris.complete(String(data.payouts[0].reference_no))).rejects.toThrow('A queued payout cannot become completed');
	});

	it('a top-up raises the balance and sends a signed top-up notification', async () => {
		const deliveries = await simulator.iris.topUp(500000);
		expect(simulator.iris.balance()).toBe(DEFAULT_IRIS_BALANCE + 500000);
		expect(deliveries).toHaveLength(1);
		const [notification] = receiver.received;
		expect(notification.body).toEqual({
			transaction_id: expect.any(String),
			order_id: expect.any(String),
			gross_amount: '500000.00',
			transaction_time: expect.any(String),
			status: 'topup',
		});
		expect(notification.headers['iris-signature']).toBe(signatureOf(notification.raw));
	});

	it('sends nothing while no Iris notification URL is set, and to the new one once it is changed', async () => {
		simulator.iris.setNotificationUrl(undefined);
		const reference = await createAndApprove();
		expect((await simulator.iris.complete(reference)).notifications).toEqual([]);
		simulator.iris.setNotificationUrl(receiver.url('/moved'));
		await simulator.iris.topUp(1000);
		expect(receiver.received.map((notification) => notification.path)).toEqual(['/moved']);
		simulator.iris.setNotificationUrl(receiver.url('/iris'));
	});

	describe('the command line', () => {
		const run = async (...args: string[]) => {
			const lines: string[] = [];
			await runCommand([...args, '--simulator', simulator.url], (line) => lines.push(line));
			return lines.join('\n');
		};

		it('completes and fails payouts, showing where the notification went', async () => {
			const completed = await createAndApprove();
			expect(await run('payout', 'complete', completed)).toMatch(new RegExp(`^${completed}: completed \\(IDR 100000\\.00\\)\\n  notification completed → .*/iris: HTTP 200 \\(delivered\\)$`));
			const failed = await createAndApprove();
			expect(await run('payout', 'fail', failed, '--code', '025')).toMatch(`${failed}: failed`);
			expect(simulator.iris.payout(failed)).toMatchObject({ error_code: '025', error_message: 'Transfer was declined' });
		});

		it('lists and shows payouts, tops up, and sets the notification URL and the OTP', async () => {
			const reference = await createAndApprove();
			expect(await run('payout', 'list')).toMatch(new RegExp(`${reference}\\s+approved\\s+100000\\.00\\s+Jon Snow`));
			expect(JSON.parse(await run('payout', 'show', reference))).toMatchObject({ reference_no: reference, status: 'approved' });
			expect(await run('payout', 'topup', '--amount', '75000')).toMatch(/^balance: IDR \d+\.00\n  notification topup → /);
			expect(await run('payout', 'otp', '335163')).toBe('Approvals need the OTP 335163.');
			expect(await run('payout', 'otp', 'none')).toBe('Approvals need no OTP.');
			expect(await run('payout', 'notification-url', receiver.url('/iris'))).toMatch(/Iris notification URL/);
		});

		it('says what is wrong with a bad command or an impossible change', async () => {
			await expect(run('payout', 'complete')).rejects.toThrow('missing reference_no');
			await expect(run('payout', 'explode', 'x')).rejects.toThrow('unknown payout subcommand "explode"');
			await expect(run('payout', 'complete', 'nope')).rejects.toThrow('Payout not found');
		});
	});

	it('reset forgets payouts and restores the balance, through the control API too', async () => {
		await createAndApprove();
		await axios.post(`${simulator.url}/_simulator/reset`);
		expect(simulator.iris.payouts()).toEqual([]);
		expect(simulator.iris.balance()).toBe(DEFAULT_IRIS_BALANCE);
		const summary = (await axios.get(`${simulator.url}/_simulator/iris`)).data as Json;
		expect(summary).toMatchObject({ balance: `${DEFAULT_IRIS_BALANCE}.00`, payouts: 0 });
	});
});
