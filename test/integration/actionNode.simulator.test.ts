/**
 * The Midtrans action node, run by n8n-core's real WorkflowExecute, against the local simulator over
 * real HTTP: no nock. What the user sees (items, errors) is checked against what the simulator holds.
 */
import axios from 'axios';

import { retryPolicy } from '../../nodes/Midtrans/transport';
import {
	DEFAULT_SIMULATOR_CLIENT_KEY,
	DEFAULT_SIMULATOR_SERVER_KEY,
	type Fault,
	type Simulator,
	startSimulator,
} from '../../tools/simulator';
import { runMidtrans } from '../harness/engine';

let simulator: Simulator;
let credentials: { environment: string; baseUrl: string; serverKey: string };
const originalRetryPolicy = { ...retryPolicy };

beforeAll(async () => {
	simulator = await startSimulator({ port: 0 });
	credentials = { environment: 'custom', baseUrl: simulator.url, serverKey: DEFAULT_SIMULATOR_SERVER_KEY };
	// Same number of retries, shorter waits: the tests prove the policy, not the clock.
	Object.assign(retryPolicy, { baseDelayMs: 1, maxDelayMs: 20 });
});
afterEach(() => simulator.clearFaults());
afterAll(async () => {
	Object.assign(retryPolicy, originalRetryPolicy);
	await simulator.close();
});

let orderCounter = 0;
const newOrderId = (prefix: string) => `${prefix}-${process.pid}-${++orderCounter}`;

const run = (parameters: Record<string, unknown>, options: { continueOnFail?: boolean } = {}) =>
	runMidtrans({ resource: 'transaction', ...parameters }, [{}], { ...options, credentials });

const chargeParameters = {
	indomaret: (orderId: string) => ({
		operation: 'charge',
		paymentType: 'cstore',
		store: 'indomaret',
		orderId,
		grossAmount: 44000,
	}),
	alfamart: (orderId: string) => ({
		operation: 'charge',
		paymentType: 'cstore',
		store: 'alfamart',
		orderId,
		grossAmount: 25000,
	}),
	gopay: (orderId: string) => ({ operation: 'charge', paymentType: 'gopay', orderId, grossAmount: 44000 }),
};
const getStatus = (transactionId: string) => run({ operation: 'getStatus', transactionId });
const transactionsOf = (orderId: string) =>
	simulator.transactions().filter((transaction) => transaction.order_id === orderId);

async function cardToken(cardNumber: string): Promise<string> {
	const { data } = await axios.get(`${simulator.url}/v2/token`, {
		params: {
			client_key: DEFAULT_SIMULATOR_CLIENT_KEY,
			card_number: cardNumber,
			card_exp_month: '12',
			card_exp_year: '2035',
			card_cvv: '123',
		},
	});
	return data.token_id;
}

describe('Midtrans node against the simulator: a payment from charge to settlement', () => {
	it.each(['indomaret', 'alfamart'] as const)(
		'%s: charge gives a payment code; once paid at the till, Get Status shows settlement',
		async (store) => {
			const orderId = newOrderId(store);
			const charged = await run(chargeParameters[store](orderId));
			expect(charged.error).toBeUndefined();
			const item = charged.items[0].json;
			expect(item).toMatchObject({ order_id: orderId, transaction_status: 'pending', store, payment_type: 'cstore' });
			expect(item.payment_code).toBe(simulator.transaction(orderId)?.payment_code);

			await simulator.pay(orderId);
			const status = await getStatus(orderId);
			expect(status.items[0].json).toMatchObject({
				order_id: orderId,
				transaction_status: 'settlement',
				transaction_id: item.transaction_id,
			});
		},
	);

	it('GoPay: the QR and deeplink URLs surface on the item; once paid, Get Status by transaction_id shows settlement', async () => {
		const orderId = newOrderId('gopay');
		const { items } = await run(chargeParameters.gopay(orderId));
		const item = items[0].json;
		expect(item.transaction_status).toBe('pending');
		expect(String(item.qr_code_url)).toBe(`${simulator.url}/v2/gopay/${item.transaction_id}/qr-code`);
		expect(String(item.deeplink_url).startsWith(simulator.url)).toBe(true);

		await simulator.pay(orderId);
		expect((await getStatus(String(item.transaction_id))).items[0].json.transaction_status).toBe('settlement');
	});

	it('card: a 3DS card waits with a redirect_url, completing 3DS captures it; a non-3DS card captures at once', async () => {
		const threeDsOrder = newOrderId('card3ds');
		const threeDs = await run({
			operation: 'charge',
			paymentType: 'credit_card',
			orderId: threeDsOrder,
			grossAmount: 150000,
			tokenId: await cardToken('4811111111111114'),
		});
		expect(threeDs.items[0].json).toMatchObject({
			transaction_status: 'pending',
			redirect_url: expect.stringContaining(simulator.url),
		});
		await simulator.pay(threeDsOrder);
		expect((await getStatus(threeDsOrder)).items[0].json).toMatchObject({
			transaction_status: 'capture',
			fraud_status: 'accept',
		});

		const directOrder = newOrderId('card');
		const direct = await run({
			operation: 'charge',
			paymentType: 'credit_card',
			orderId: directOrder,
			grossAmount: 150000,
			tokenId: await cardToken('4411111111111118'),
		});
		expect(direct.items[0].json).toMatchObject({ status_code: '200', transaction_status: 'capture' });
	});

	it('a bank-denied card comes back as a deny item, not an error', async () => {
		const { items, error } = await run({
			operation: 'charge',
			paymentType: 'credit_card',
			orderId: newOrderId('deny'),
			grossAmount: 150000,
			tokenId: await cardToken('4911111111111113'),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status_code: '202', transaction_status: 'deny' });
	});

	it('Cancel cancels a pending payment; cancelling a settled one is a clear 412 error', async () => {
		const pendingOrder = newOrderId('cancel');
		await run(chargeParameters.gopay(pendingOrder));
		const cancelled = await run({ operation: 'cancel', transactionId: pendingOrder });
		expect(cancelled.items[0].json).toMatchObject({ transaction_status: 'cancel' });
		expect(simulator.transaction(pendingOrder)?.transaction_status).toBe('cancel');

		const settledOrder = newOrderId('settled');
		await run(chargeParameters.indomaret(settledOrder));
		await simulator.pay(settledOrder);
		const refused = await run({ operation: 'cancel', transactionId: settledOrder });
		expect(refused.error?.message).toMatch(/^Midtrans error 412: /);
		expect(simulator.transaction(settledOrder)?.transaction_status).toBe('settlement');
	});

	it('a duplicate order_id and an unknown transaction are clear errors; continueOnFail keeps Midtrans’s code', async () => {
		const orderId = newOrderId('dup');
		await run(chargeParameters.gopay(orderId));
		const duplicate = await run(chargeParameters.gopay(orderId));
		expect(duplicate.error?.message).toMatch(/^Midtrans error 406: Duplicate order ID/);
		expect(transactionsOf(orderId)).toHaveLength(1);

		const unknown = await run({ operation: 'getStatus', transactionId: 'never-charged' }, { continueOnFail: true });
		expect(unknown.items[0].json).toMatchObject({
			status_code: '404',
			error: expect.stringMatching(/^Midtrans error 404/),
		});
	});

	it('a wrong server key is a clear 401 error', async () => {
		const { error } = await runMidtrans({ resource: 'transaction', operation: 'getStatus', transactionId: 'x' }, [{}], {
			credentials: { ...credentials, serverKey: 'SB-Mid-server-wrong' },
		});
		expect(error?.message).toMatch(/^Midtrans error 401/);
	});
});

describe('Midtrans node against the simulator: retries and faults', () => {
	async function chargedOrder(): Promise<string> {
		const orderId = newOrderId('read');
		await run(chargeParameters.gopay(orderId));
		return orderId;
	}

	it.each(['http-429', 'http-500', 'http-503', 'body-500'] as const)(
		'a read that meets %s twice is retried and succeeds',
		async (type) => {
			const orderId = await chargedOrder();
			simulator.injectFault({ path: '/v2/*/status', type, times: 2 });
			const { items, error } = await getStatus(orderId);
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ order_id: orderId, transaction_status: 'pending' });
			expect(simulator.faults()[0].hits).toBe(2);
		},
	);

	it('a read whose connection drops is retried and succeeds', async () => {
		const orderId = await chargedOrder();
		simulator.injectFault({ path: '/v2/*/status', type: 'drop', times: 1 });
		const { items } = await getStatus(orderId);
		expect(items[0].json.order_id).toBe(orderId);
	});

	it('a read that keeps failing stops after the bounded retries with a clear NodeApiError', async () => {
		const orderId = await chargedOrder();
		simulator.injectFault({ path: '/v2/*/status', type: 'http-503' });
		const { error, items } = await getStatus(orderId);
		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/^Midtrans error 503/);
		expect(simulator.faults()[0].hits).toBe(retryPolicy.maxRetries + 1);
	});

	it.each(['drop', 'http-500', 'http-503', 'body-500'] as const)(
		'a GoPay charge whose answer is lost (%s after the charge) is retried with the same Idempotency-Key: one transaction',
		async (type) => {
			const orderId = newOrderId('lost');
			simulator.injectFault({ path: '/v2/charge', type, after: true, times: 1 });
			const { items, error } = await run(chargeParameters.gopay(orderId));
			expect(error).toBeUndefined();
			expect(transactionsOf(orderId)).toHaveLength(1);
			expect(items[0].json).toMatchObject({
				order_id: orderId,
				transaction_status: 'pending',
				transaction_id: transactionsOf(orderId)[0].transaction_id,
			});
		},
	);

	it('an Indomaret charge (no idempotency at Midtrans) is not retried on 500, and the error says to check first', async () => {
		const orderId = newOrderId('indo');
		simulator.injectFault({ path: '/v2/charge', type: 'http-500', after: true });
		const { error } = await run(chargeParameters.indomaret(orderId));
		expect(simulator.faults()[0].hits).toBe(1);
		expect(transactionsOf(orderId)).toHaveLength(1);
		expect(error?.message).toMatch(/^Midtrans error 500/);
		expect(error?.description).toContain('Get Status');
	});

	it('an Indomaret charge whose connection drops after the charge is not retried; the error says it may have gone through', async () => {
		const orderId = newOrderId('indo-drop');
		simulator.injectFault({ path: '/v2/charge', type: 'drop', after: true });
		const { error } = await run(chargeParameters.indomaret(orderId));
		expect(simulator.faults()[0].hits).toBe(1);
		expect(error?.message).toMatch(/^Could not reach Midtrans/);
		expect(error?.description).toContain('may have reached Midtrans');
	});

	/** Every fault, before or after the operation, once or always: the node's outcome must be a clear error or the truth. */
	const faultCases: Array<[string, Fault]> = [];
	for (const type of ['http-500', 'http-503', 'http-429', 'body-500', 'drop', 'slow'] as const) {
		for (const after of [false, true]) {
			for (const times of [1, undefined]) {
				faultCases.push([
					`${type}${after ? ' after' : ''} ${times ? 'once' : 'always'}`,
					{ path: '/v2/**', type, after, times, delayMs: 30, retryAfterSeconds: 1 },
				]);
			}
		}
	}

	it.each(faultCases)('%s: charge then Get Status end in a clear error or a correct answer', async (_name, fault) => {
		for (const operation of ['charge', 'getStatus'] as const) {
			const orderId = newOrderId('matrix');
			if (operation === 'getStatus') await run(chargeParameters.gopay(orderId));
			simulator.injectFault(fault);
			const outcome = operation === 'charge' ? await run(chargeParameters.gopay(orderId)) : await getStatus(orderId);
			simulator.clearFaults();

			const truth = transactionsOf(orderId);
			expect(truth.length).toBeLessThanOrEqual(1);
			if (outcome.error) {
				expect(outcome.error.message).toMatch(/^(Midtrans error (429|5\d\d)|Could not reach Midtrans)/);
			} else {
				expect(truth).toHaveLength(1);
				expect(outcome.items[0].json).toMatchObject({
					order_id: orderId,
					transaction_id: truth[0].transaction_id,
					transaction_status: truth[0].transaction_status,
				});
			}
		}
	});
});
