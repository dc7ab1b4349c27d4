/**
 * The Payouts node and the Payouts Trigger against the local simulator's Iris, end to end through the engine:
 * payouts created, approved or rejected with the right keys, moved on by the bank, and their signed
 * notifications received over real HTTP, verified over the bytes the simulator sent and routed by the status
 * the trigger confirms with the simulator.
 */
import { createHash } from 'crypto';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { type Simulator, startSimulator } from '../../tools/simulator';
import { runPayouts, payoutsTrigger } from '../harness/payouts';
import type { WebhookDelivery, WebhookTrigger } from '../harness/webhook';

/** Receives the simulator's notifications and hands each to the trigger as n8n would: raw bytes, parsed body, headers. */
async function bridgeTo(trigger: WebhookTrigger) {
	const deliveries: WebhookDelivery[] = [];
	const server: Server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', async () => {
			const rawBody = Buffer.concat(chunks).toString('utf8');
			const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
			const delivery = await trigger.deliver({ rawBody, body: JSON.parse(rawBody) as unknown, headers });
			deliveries.push(delivery);
			response.writeHead(delivery.answer.statusCode, { 'content-type': 'application/json' });
			response.end(JSON.stringify(delivery.answer.body ?? {}));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
		deliveries,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

const waitFor = async (check: () => boolean, what: string) => {
	for (const started = Date.now(); !check(); ) {
		if (Date.now() - started > 10_000) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
};

const batch = [
	{ beneficiary_name: 'Seller One', beneficiary_account: '1172993826', beneficiary_bank: 'bni', amount: 150000, notes: 'Week 17 seller one' },
	{ beneficiary_name: 'Seller Two', beneficiary_account: '081234567890', beneficiary_bank: 'gopay', amount: 50000, notes: 'Week 17 seller two' },
];

describe('Midtrans Payouts against the simulator', () => {
	let simulator: Simulator;
	let credentials: ICredentialDataDecryptedObject;
	let bridge: Awaited<ReturnType<typeof bridgeTo>>;
	let trigger: WebhookTrigger;

	beforeAll(async () => {
		simulator = await startSimulator({ port: 0 });
		credentials = {
			environment: 'custom',
			baseUrl: simulator.url,
			creatorApiKey: simulator.iris.creatorKey,
			approverApiKey: simulator.iris.approverKey,
			merchantSecretKey: simulator.iris.merchantKey,
		};
		trigger = payoutsTrigger({}, { credentials });
		bridge = await bridgeTo(trigger);
		simulator.iris.setNotificationUrl(bridge.url);
	});
	afterAll(async () => {
		await simulator.close();
		await bridge.close();
	});

	const outputsFor = (reference: string) =>
		bridge.deliveries.flatMap((delivery) =>
			Object.entries(delivery.branches).flatMap(([output, items]) => (items.some((item) => item.reference_no === reference) ? [output] : [])),
		);

	it('creates a batch, approves it, and the trigger routes each payout’s notifications by confirmed status', async () => {
		const created = await runPayouts({ resource: 'payout', operation: 'create', payoutsFrom: 'json', payouts: '={{ $json.batch }}' }, [{ batch }], { credentials });
		expect(created.error).toBeUndefined();
		const references = created.items.map((item) => String(item.json.reference_no));
		expect(created.items.map((item) => item.json.status)).toEqual(['queued', 'queued']);

		const approved = await runPayouts({ resource: 'payout', operation: 'approve', referenceNumbers: references.join(',') }, [{}], { credentials });
		expect(approved.error).toBeUndefined();
		expect(approved.items[0].json).toEqual({ status: 'ok', reference_nos: references, action: 'approve' });
		expect(simulator.iris.balance()).toBe(100_000_000 - 200_000);
		await waitFor(() => references.every((reference) => outputsFor(reference).includes('approved')), 'the approved notifications');

		await simulator.iris.complete(references[0]);
		await simulator.iris.fail(references[1], '002');
		expect(outputsFor(references[0])).toEqual(['approved', 'completed']);
		expect(outputsFor(references[1])).toEqual(['approved', 'failed']);
		const failed = bridge.deliveries.flatMap((delivery) => delivery.branches.failed ?? [])[0];
		expect(failed).toMatchObject({ reference_no: references[1], error_code: '002', _midtrans: { confirmed: true, signatureVerified: true } });

		// The statements and the balance say the same: the failed payout's money came back.
		const today = new Date().toISOString().slice(0, 10);
		const statements = await runPayouts({ resource: 'balance', operation: 'getStatements', fromDate: today, toDate: today, returnAll: true }, [{}], { credentials });
		expect(statements.items.map((item) => [item.json.type, item.json.reference_no])).toEqual([
			['Payout', references[0]],
			['Payout', references[1]],
			['Refund', references[1]],
		]);
		const balance = await runPayouts({ resource: 'balance', operation: 'get' }, [{}], { credentials });
		expect(balance.items[0].json).toEqual({ balance: `${100_000_000 - 150_000}.00` });
	});

	it('a repeat of a notification the simulator already delivered starts nothing', async () => {
		const created = await runPayouts({ resource: 'payout', operation: 'create', beneficiaryName: 'A', beneficiaryAccount: '1234567', beneficiaryBank: 'bca', amount: 10000, notes: 'repeat' }, [{}], { credentials });
		const reference = String(created.items[0].json.reference_no);
		await runPayouts({ resource: 'payout', operation: 'approve', referenceNumbers: reference }, [{}], { credentials });
		const { notifications } = await simulator.iris.complete(reference);
		const completed = bridge.deliveries.find((delivery) => delivery.branches.completed?.some((item) => item.reference_no === reference));
		expect(completed).toBeDefined();
		// Iris sends it again: same bytes, same signature.
		const payload = JSON.stringify(notifications[0].body);
		const signature = createHash('sha512').update(payload + simulator.iris.merchantKey).digest('hex');
		const again = await fetch(bridge.url, { method: 'POST', headers: { 'content-type': 'application/json', 'iris-signature': signature }, body: payload });
		expect(again.status).toBe(200);
		expect(await again.json()).toEqual({ message: 'Already received' });
	});

	it('rejects with a reason; the trigger routes "rejected" to its own output, not to "refused"', async () => {
		const created = await runPayouts({ resource: 'payout', operation: 'create', beneficiaryName: 'B', beneficiaryAccount: '7654321', beneficiaryBank: 'bri', amount: 20000, notes: 'to reject' }, [{}], { credentials });
		const reference = String(created.items[0].json.reference_no);
		const rejected = await runPayouts({ resource: 'payout', operation: 'reject', referenceNumbers: reference, reason: 'Duplicate request' }, [{}], { credentials });
		expect(rejected.error).toBeUndefined();
		await waitFor(() => outputsFor(reference).includes('rejected'), 'the rejected notification');
		expect(simulator.iris.payout(reference)).toMatchObject({ status: 'rejected', reject_reason: 'Duplicate request' });
	});

	it('a payout whose answer is lost is sent again with the same X-Idempotency-Key and made once', async () => {
		const before = simulator.iris.payouts().length;
		simulator.injectFault({ path: '/iris/api/v1/payouts', method: 'POST', type: 'drop', after: true, times: 1 });
		const { items, error } = await runPayouts(
			{ resource: 'payout', operation: 'create', beneficiaryName: 'C', beneficiaryAccount: '1122334455', beneficiaryBank: 'mandiri', amount: 30000, notes: 'lost answer', options: { retryWait: 1 } },
			[{}],
			{ credentials },
		);
		expect(error).toBeUndefined();
		expect(simulator.iris.payouts()).toHaveLength(before + 1);
		expect(items[0].json.reference_no).toBe(simulator.iris.payouts()[before].reference_no);
	});

	it('the approver’s key in the creator’s place is refused by the simulator as Iris does, and nothing is approved', async () => {
		const created = await runPayouts({ resource: 'payout', operation: 'create', beneficiaryName: 'D', beneficiaryAccount: '99887766', beneficiaryBank: 'bca', amount: 40000, notes: 'wrong role' }, [{}], { credentials });
		const reference = String(created.items[0].json.reference_no);
		const swapped = { ...credentials, approverApiKey: simulator.iris.creatorKey };
		const { error } = await runPayouts({ resource: 'payout', operation: 'approve', referenceNumbers: reference }, [{}], { credentials: swapped });
		expect(error?.message).toBe('Midtrans error 401: You are not authorized to perform this action');
		expect(simulator.iris.payout(reference)?.status).toBe('queued');
	});

	it('with an OTP required, an approval without it fails with Iris’s words and one with it passes', async () => {
		simulator.iris.setOtp('335163');
		try {
			const created = await runPayouts({ resource: 'payout', operation: 'create', beneficiaryName: 'E', beneficiaryAccount: '55667788', beneficiaryBank: 'bca', amount: 5000, notes: 'otp' }, [{}], { credentials });
			const reference = String(created.items[0].json.reference_no);
			const without = await runPayouts({ resource: 'payout', operation: 'approve', referenceNumbers: reference }, [{}], { credentials });
			expect(without.error?.message).toBe('Midtrans error 400: An error occurred when approving payouts');
			expect(without.error?.description).toMatch(/OTP is required/);
			const withOtp = await runPayouts({ resource: 'payout', operation: 'approve', referenceNumbers: reference, otp: '335163' }, [{}], { credentials });
			expect(withOtp.error).toBeUndefined();
		} finally {
			simulator.iris.setOtp(undefined);
		}
	});

	it('beneficiaries, banks and account validation', async () => {
		const create = await runPayouts({ resource: 'beneficiary', operation: 'create', name: 'Budi', bank: 'bca', account: '0611101146', aliasName: 'budibca' }, [{}], { credentials });
		expect(create.items[0].json).toMatchObject({ status: 'created', alias_name: 'budibca' });
		const update = await runPayouts({ resource: 'beneficiary', operation: 'update', aliasName: 'budibca', updateFields: { email: 'budi@example.com' } }, [{}], { credentials });
		expect(update.items[0].json).toMatchObject({ status: 'updated' });
		const list = await runPayouts({ resource: 'beneficiary', operation: 'getAll', returnAll: true }, [{}], { credentials });
		expect(list.items.map((item) => item.json as IDataObject)).toEqual([{ name: 'Budi', account: '0611101146', bank: 'bca', alias_name: 'budibca', email: 'budi@example.com' }]);
		const banks = await runPayouts({ resource: 'bank', operation: 'getAll', returnAll: false, limit: 3 }, [{}], { credentials });
		expect(banks.items).toHaveLength(3);
		const validated = await runPayouts({ resource: 'bank', operation: 'validateAccount', bank: 'danamon', account: '000001137298' }, [{}], { credentials });
		expect(validated.items[0].json).toMatchObject({ account_name: 'Danamon Simulator A' });
		const missing = await runPayouts({ resource: 'bank', operation: 'validateAccount', bank: 'bca', account: '12340000' }, [{}], { credentials });
		expect(missing.error?.description).toMatch(/account: Account does not exist/);
		const channels = await runPayouts({ resource: 'balance', operation: 'getTopUpChannels' }, [{}], { credentials });
		expect(channels.items.length).toBeGreaterThan(0);
	});

	it('a top-up from the simulator reaches the trigger’s top-up output', async () => {
		await simulator.iris.topUp(1_000_000);
		await waitFor(() => bridge.deliveries.some((delivery) => delivery.branches['top-up']), 'the top-up notification');
	});
});
