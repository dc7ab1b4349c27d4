/**
 * The Options collection's Concurrency, Batch Size and Batch Interval, run by n8n's engine against a
 * loopback server that answers out of order and counts what reaches it. Nothing here reads a clock: order,
 * grouping and parallelism are what the server saw.
 */
import type { IDataObject } from 'n8n-workflow';

import { retryPolicy } from '../../../nodes/Midtrans/transport';
import { DEFAULT_SIMULATOR_SERVER_KEY, startSimulator } from '../../../tools/simulator';
import { runMidtrans } from '../../harness/engine';
import { GatedMidtrans, settledAnswer, type GatedAnswer, type GatedCall, type GatedMidtransOptions } from './gatedMidtrans';

const savedPolicy = { ...retryPolicy };
beforeAll(() => {
	// Retry-After says seconds; the tests keep the retries and shorten every wait to a few milliseconds.
	Object.assign(retryPolicy, { baseDelayMs: 1, maxDelayMs: 5 });
});
afterAll(() => Object.assign(retryPolicy, savedPolicy));

const orderIds = (count: number, prefix = 'order') => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

const getStatus = { resource: 'transaction', operation: 'getStatus', transactionId: '={{ $json.orderId }}' };
const alfamartCharge = {
	resource: 'transaction',
	operation: 'charge',
	paymentType: 'cstore',
	store: 'alfamart',
	orderId: '={{ $json.orderId }}',
	grossAmount: 44000,
};

let server: GatedMidtrans | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function runAgainstGatedServer(
	parameters: IDataObject,
	ids: string[],
	gate: number,
	options: Pick<GatedMidtransOptions, 'answer' | 'holdUntilIdle'> & { continueOnFail?: boolean } = {},
) {
	server = await new GatedMidtrans({ gate, ...options }).start();
	const credentials = { environment: 'custom', baseUrl: server.url, serverKey: 'SB-Mid-server-pacing' };
	const run = await runMidtrans(
		parameters,
		ids.map((orderId) => ({ orderId })),
		{ credentials, continueOnFail: options.continueOnFail },
	);
	return { ...run, server };
}

/** Every output item sits at its input's position, points back to it, and carries that item's order. */
function expectInInputOrder(items: Array<{ json: Record<string, unknown>; pairedItem?: unknown }>, ids: string[]) {
	expect(items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
	expect(items.map((item) => item.json.order_id ?? item.json.error)).toEqual(ids);
}

describe('Concurrency', () => {
	it('sends one request at a time by default', async () => {
		const ids = orderIds(5);
		const { items, error, server } = await runAgainstGatedServer(getStatus, ids, 3);
		expect(error).toBeUndefined();
		expect(server.maxInFlight).toBe(1);
		expectInInputOrder(items, ids);
	});

	it.each([2, 5, 10])('with concurrency %i the server sees exactly that many requests in flight at peak, never more', async (concurrency) => {
		const ids = orderIds(4 * concurrency + 1);
		const { items, error, server } = await runAgainstGatedServer(
			{ ...getStatus, options: { concurrency } },
			ids,
			concurrency,
		);
		expect(error).toBeUndefined();
		expect(server.maxInFlight).toBe(concurrency);
		expect(server.calls).toHaveLength(ids.length);
		expectInInputOrder(items, ids);
	});

	it('keeps output order and pairedItem when the answers come back in reverse order', async () => {
		const ids = orderIds(12);
		const { items, server } = await runAgainstGatedServer({ ...getStatus, options: { concurrency: 4 } }, ids, 4);
		// The server really answered out of order…
		expect(server.answerOrder.slice(0, 4)).toEqual(['order-3', 'order-2', 'order-1', 'order-0']);
		// …and the node still returns item i for input i.
		expectInInputOrder(items, ids);
		expect(items.every((item) => item.json.transaction_status === 'settlement')).toBe(true);
	});

	it('keeps order and pairing for charges, each with its own body and Idempotency-Key', async () => {
		const ids = orderIds(9, 'charge');
		const { items, error, server } = await runAgainstGatedServer(
			{ ...alfamartCharge, options: { concurrency: 3 } },
			ids,
			3,
			{ answer: (call) => ({ body: { status_code: '201', transaction_status: 'pending', order_id: call.id } }) },
		);
		expect(error).toBeUndefined();
		expect(server.maxInFlight).toBe(3);
		expectInInputOrder(items, ids);
		expect(new Set(server.calls.map((call) => call.idempotencyKey)).size).toBe(ids.length);
	});
});

describe('Batch Size and Batch Interval', () => {
	/** For each item, how many answers the server had sent when its request arrived. */
	const answeredBefore = (server: GatedMidtrans, ids: string[]) =>
		ids.map((id) => server.callsFor(id)[0].answeredBeforeArrival);
	/** Holds the first request of every batch of `size`: a node that did not wait for it would send on meanwhile. */
	const holdFirstOfEachBatch = (ids: string[], size: number) => (call: GatedCall) => ids.indexOf(call.id) % size === 0;

	/** Requests arrive batch after batch, and none before every request of the batches before it was answered. */
	function expectBatches(server: GatedMidtrans, ids: string[], size: number) {
		const batchOf = (id: string) => Math.floor(ids.indexOf(id) / size);
		const arrivalBatches = server.calls.map((call) => batchOf(call.id));
		expect(arrivalBatches).toEqual([...arrivalBatches].sort((a, b) => a - b));
		const earlierAnswers = ids.map((id) => batchOf(id) * size);
		answeredBefore(server, ids).forEach((answered, index) => expect(answered).toBeGreaterThanOrEqual(earlierAnswers[index]));
	}

	it('sends batches of Batch Size: no request of a batch arrives before every request of the one before is answered', async () => {
		const ids = orderIds(10);
		const { items, server } = await runAgainstGatedServer(
			{ ...getStatus, options: { concurrency: 4, batchSize: 4, batchInterval: 5 } },
			ids,
			1,
			{ holdUntilIdle: holdFirstOfEachBatch(ids, 4) },
		);
		expectBatches(server, ids, 4);
		expect(server.maxInFlight).toBeLessThanOrEqual(4);
		expectInInputOrder(items, ids);
	});

	it('never has more than Batch Size requests in flight, even when Concurrency allows more', async () => {
		const ids = orderIds(9);
		const { server } = await runAgainstGatedServer(
			{ ...getStatus, options: { concurrency: 10, batchSize: 3, batchInterval: 1 } },
			ids,
			10,
		);
		expect(server.maxInFlight).toBe(3);
		expect(answeredBefore(server, ids)).toEqual([0, 0, 0, 3, 3, 3, 6, 6, 6]);
	});

	it('with Batch Interval alone, a batch is as many requests as Concurrency', async () => {
		const ids = orderIds(6);
		const { items, server } = await runAgainstGatedServer(
			{ ...getStatus, options: { concurrency: 2, batchInterval: 1 } },
			ids,
			1,
			{ holdUntilIdle: holdFirstOfEachBatch(ids, 2) },
		);
		expectBatches(server, ids, 2);
		expectInInputOrder(items, ids);
	});

	it('without batch options, a slow answer holds up only its own lane', async () => {
		const ids = orderIds(6);
		const { items, server } = await runAgainstGatedServer({ ...getStatus, options: { concurrency: 2 } }, ids, 1, {
			holdUntilIdle: (call) => call.id === 'order-0',
		});
		// Items 1 to 5 went through the second lane while item 0 was still unanswered.
		expect(answeredBefore(server, ids)).toEqual([0, 0, 1, 2, 3, 4]);
		expectInInputOrder(items, ids);
	});
});

describe('429 Too Many Requests', () => {
	/** Answers 429 with Retry-After to the first request for each id in `limited`, then answers normally. */
	const rateLimitedFirst =
		(limited: Set<string>, answer: (call: GatedCall) => GatedAnswer) =>
		(call: GatedCall): GatedAnswer =>
			limited.has(call.id) && call.attempt === 1
				? { status: 429, body: { status_code: '429', status_message: 'Too many requests' }, headers: { 'Retry-After': '1' } }
				: answer(call);

	it('backs off and retries the rate-limited reads; every item still gets its own answer, in order', async () => {
		const ids = orderIds(10);
		const limited = new Set(['order-1', 'order-4', 'order-8']);
		const { items, error, server } = await runAgainstGatedServer({ ...getStatus, options: { concurrency: 4 } }, ids, 4, {
			answer: rateLimitedFirst(limited, settledAnswer),
		});
		expect(error).toBeUndefined();
		for (const id of ids) expect(server.callsFor(id)).toHaveLength(limited.has(id) ? 2 : 1);
		expectInInputOrder(items, ids);
		expect(items.every((item) => item.json.transaction_status === 'settlement')).toBe(true);
	});

	it('retries rate-limited charges with the same Idempotency-Key, so each order is charged once', async () => {
		const ids = orderIds(8, 'charge');
		const limited = new Set(['charge-0', 'charge-5']);
		const charged = new Map<string, number>();
		const { items, error, server } = await runAgainstGatedServer({ ...alfamartCharge, options: { concurrency: 4 } }, ids, 4, {
			answer: rateLimitedFirst(limited, (call) => {
				charged.set(call.id, (charged.get(call.id) ?? 0) + 1);
				return { body: { status_code: '201', transaction_status: 'pending', order_id: call.id } };
			}),
		});
		expect(error).toBeUndefined();
		for (const id of limited) {
			const [first, retry] = server.callsFor(id);
			expect(retry.idempotencyKey).toBe(first.idempotencyKey);
		}
		expect([...charged.values()]).toEqual(ids.map(() => 1));
		expectInInputOrder(items, ids);
	});

	it('does not resend a charge Midtrans keeps no Idempotency-Key for (Indomaret): that item fails in place', async () => {
		const ids = orderIds(4, 'indomaret');
		const { items, server } = await runAgainstGatedServer(
			{ ...alfamartCharge, store: 'indomaret', options: { concurrency: 2 } },
			ids,
			2,
			{
				continueOnFail: true,
				answer: rateLimitedFirst(new Set(['indomaret-2']), (call) => ({
					body: { status_code: '201', transaction_status: 'pending', order_id: call.id },
				})),
			},
		);
		expect(server.callsFor('indomaret-2')).toHaveLength(1);
		expect(items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(items[2].json).toMatchObject({ error: expect.stringContaining('429'), status_code: '429' });
		expect(items.filter((item) => item.json.order_id).map((item) => item.json.order_id)).toEqual([
			'indomaret-0',
			'indomaret-1',
			'indomaret-3',
		]);
	});

	it('against the simulator: 60 charges at concurrency 10 through a burst of 429s are each made exactly once, in order', async () => {
		const simulator = await startSimulator({ port: 0, latencyMs: 5 });
		try {
			const fault = simulator.injectFault({ path: '/v2/charge', type: 'http-429', times: 12, retryAfterSeconds: 1 });
			const ids = orderIds(60, `sim-${process.pid}`);
			const { items, error } = await runMidtrans(
				{ ...alfamartCharge, options: { concurrency: 10 } },
				ids.map((orderId) => ({ orderId })),
				{ credentials: { environment: 'custom', baseUrl: simulator.url, serverKey: DEFAULT_SIMULATOR_SERVER_KEY } },
			);
			expect(error).toBeUndefined();
			expect(simulator.faults().find((active) => active.id === fault.id)?.hits).toBe(12);
			expectInInputOrder(items, ids);
			for (const [index, id] of ids.entries()) {
				const made = simulator.transactions().filter((transaction) => transaction.order_id === id);
				expect(made).toHaveLength(1);
				expect(items[index].json.transaction_id).toBe(made[0].transaction_id);
			}
		} finally {
			await simulator.close();
		}
	});
});

describe('failures with concurrency', () => {
	const missingIsNotFound = (call: GatedCall): GatedAnswer =>
		call.id.startsWith('missing')
			? { status: 404, body: { status_code: '404', status_message: "Transaction doesn't exist." } }
			: settledAnswer(call);

	it('with continueOnFail, a failed item keeps its place and its pairing among the others', async () => {
		const ids = ['order-0', 'missing-1', 'order-2', 'order-3', 'missing-4', 'order-5', 'order-6', 'missing-7'];
		const { items, error } = await runAgainstGatedServer({ ...getStatus, options: { concurrency: 3 } }, ids, 3, {
			continueOnFail: true,
			answer: missingIsNotFound,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		items.forEach((item, index) => {
			if (ids[index].startsWith('missing')) {
				expect(item.json).toMatchObject({ error: expect.stringContaining('404'), status_code: '404' });
			} else {
				expect(item.json).toMatchObject({ order_id: ids[index], transaction_status: 'settlement' });
			}
		});
	});

	it('with continueOnFail, an item invalid before sending keeps its place while the rest go out in parallel', async () => {
		const ids = ['order-0', 'order-1', '', 'order-3', 'order-4'];
		const { items, server } = await runAgainstGatedServer({ ...getStatus, options: { concurrency: 2 } }, ids, 2, {
			continueOnFail: true,
		});
		expect(server.calls.map((call) => call.id).sort()).toEqual(['order-0', 'order-1', 'order-3', 'order-4']);
		expect(items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(items[2].json.error).toEqual(expect.stringContaining('Order ID or Transaction ID'));
		expect(items.map((item) => item.json.order_id)).toEqual(['order-0', 'order-1', undefined, 'order-3', 'order-4']);
	});

	it('without continueOnFail, the run stops with that item’s error and starts no request after it fails', async () => {
		const ids = orderIds(40);
		ids[10] = 'missing-10';
		const concurrency = 3;
		const { error, items, server } = await runAgainstGatedServer(
			{ ...getStatus, options: { concurrency } },
			ids,
			concurrency,
			{ answer: missingIsNotFound },
		);
		expect(error?.message).toContain('Midtrans error 404');
		expect(items).toEqual([]);
		// While item 10 is in flight the other lanes may start at most concurrency − 1 later items; none after.
		expect(server.calls.length).toBeLessThanOrEqual(10 + concurrency);
		const latest = Math.max(...server.calls.map((call) => ids.indexOf(call.id)));
		expect(latest).toBeLessThan(10 + concurrency);
	});
});
