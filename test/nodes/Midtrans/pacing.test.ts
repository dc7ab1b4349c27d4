/**
 * The Options collection's Concurrency, Batch Size and Batch Interval, run by n8n's engine against a
 * loopback server that answers out of order and counts what reaches it. Order, grouping and parallelism are
 * what the server saw, not times; only the 429 pause is timed, against the Retry-After it was asked for.
 */
import type { IDataObject } from 'n8n-workflow';

import { startSimulator } from '../../../tools/simulator';
import { runMidtrans } from '../../harness/engine';
import { startLoopback } from '../../harness/loopback';
import { customCredentials, QUICK_RETRIES } from '../../harness/midtrans';
import { alfamartCharge as alfamartChargeOf, getStatus as getStatusOf, indomaretCharge } from '../../harness/parameters';
import { simulatorCredentials } from '../../harness/simulator';
import { GatedMidtrans, idOf, settledAnswer, type GatedAnswer, type GatedCall, type GatedMidtransOptions } from './gatedMidtrans';

const orderIds = (count: number, prefix = 'order') => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

// Each item's order comes from the input; retries wait a millisecond.
const getStatus = getStatusOf('={{ $json.orderId }}', { options: QUICK_RETRIES });
const alfamartCharge = alfamartChargeOf({ orderId: '={{ $json.orderId }}', options: QUICK_RETRIES });
/** The run's Options: the suite's quick retries and the test's pacing. */
const paced = (parameters: IDataObject, options: IDataObject) => ({ ...parameters, options: { ...QUICK_RETRIES, ...options } });
const pacingCredentials = (url: string) => customCredentials(url, 'SB-Mid-server-pacing');
const pendingAnswer = (call: GatedCall): GatedAnswer => ({
	body: { status_code: '201', transaction_status: 'pending', order_id: call.id, transaction_id: `tx-${call.id}` },
});

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
	const run = await runMidtrans(parameters, ids.map((orderId) => ({ orderId })), {
		credentials: pacingCredentials(server.url),
		continueOnFail: options.continueOnFail,
	});
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
			paced(getStatus, { concurrency }),
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
		const { items, server } = await runAgainstGatedServer(paced(getStatus, { concurrency: 4 }), ids, 4);
		// The server really answered out of order…
		expect(server.answerOrder.slice(0, 4)).toEqual(['order-3', 'order-2', 'order-1', 'order-0']);
		// …and the node still returns item i for input i.
		expectInInputOrder(items, ids);
		expect(items.every((item) => item.json.transaction_status === 'settlement')).toBe(true);
	});

	it('keeps order and pairing for charges, each with its own body and Idempotency-Key', async () => {
		const ids = orderIds(9, 'charge');
		const { items, error, server } = await runAgainstGatedServer(
			paced(alfamartCharge, { concurrency: 3 }),
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
			paced(getStatus, { concurrency: 4, batchSize: 4, batchInterval: 5 }),
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
			paced(getStatus, { concurrency: 10, batchSize: 3, batchInterval: 1 }),
			ids,
			10,
		);
		expect(server.maxInFlight).toBe(3);
		expect(answeredBefore(server, ids)).toEqual([0, 0, 0, 3, 3, 3, 6, 6, 6]);
	});

	it('with Batch Interval alone, a batch is as many requests as Concurrency', async () => {
		const ids = orderIds(6);
		const { items, server } = await runAgainstGatedServer(
			paced(getStatus, { concurrency: 2, batchInterval: 1 }),
			ids,
			1,
			{ holdUntilIdle: holdFirstOfEachBatch(ids, 2) },
		);
		expectBatches(server, ids, 2);
		expectInInputOrder(items, ids);
	});

	it('without batch options, a slow answer holds up only its own lane', async () => {
		const ids = orderIds(6);
		const { items, server } = await runAgainstGatedServer(paced(getStatus, { concurrency: 2 }), ids, 1, {
			holdUntilIdle: (call) => call.id === 'order-0',
		});
		// Items 1 to 5 went through the second lane while item 0 was still unanswered.
		expect(answeredBefore(server, ids)).toEqual([0, 0, 1, 2, 3, 4]);
		expectInInputOrder(items, ids);
	});
});

describe('429 Too Many Requests', () => {
	const tooManyRequests = (retryAfter: string): GatedAnswer => ({
		status: 429,
		body: { status_code: '429', status_message: 'Too many requests' },
		headers: { 'Retry-After': retryAfter },
	});
	/** Answers 429 (Retry-After: 0) to the first request for each id in `limited`, then answers normally. */
	const rateLimitedFirst =
		(limited: Set<string>, answer: (call: GatedCall) => GatedAnswer) =>
		(call: GatedCall): GatedAnswer =>
			limited.has(call.id) && call.attempt === 1 ? tooManyRequests('0') : answer(call);

	it('holds every lane while Midtrans asks to wait: after a 429 with Retry-After, no request of the run is sent until the pause ends', async () => {
		const RETRY_AFTER_MS = 1000;
		// The first three requests are answered once all three are in: the first with 429, the other two 100 ms
		// later, which frees their lanes while the pause lasts. Every later request is answered at once.
		let firstThreeIn!: () => void;
		const firstThree = new Promise<void>((resolve) => (firstThreeIn = resolve));
		const server = await startLoopback(async (request) => {
			if (request.index >= 3) return settledAnswer({ id: idOf(request) });
			if (request.index === 2) firstThreeIn();
			await firstThree;
			if (request.index === 0) return tooManyRequests(String(RETRY_AFTER_MS / 1000));
			await new Promise((resolve) => setTimeout(resolve, 100));
			return settledAnswer({ id: idOf(request) });
		});
		try {
			const ids = orderIds(6);
			const { items, error } = await runMidtrans(paced(getStatus, { concurrency: 3 }), ids.map((orderId) => ({ orderId })), {
				credentials: pacingCredentials(server.url),
			});
			expect(error).toBeUndefined();
			expectInInputOrder(items, ids);
			const [limited, ...others] = server.requests;
			const pauseStart = limited.answeredAt!;
			const inFlightThen = others.filter((request) => request.arrivedAt <= pauseStart);
			const sentAfter = others.filter((request) => request.arrivedAt > pauseStart);
			// Two lanes were answered, and free, early in the pause…
			expect(inFlightThen).toHaveLength(2);
			for (const request of inFlightThen) expect(request.answeredAt! - pauseStart).toBeLessThan(RETRY_AFTER_MS / 2);
			// …yet the retry and the three items left all waited for its end (a timer may fire a millisecond early).
			expect(sentAfter.map((request) => idOf(request)).sort()).toEqual(['order-0', 'order-3', 'order-4', 'order-5']);
			for (const request of sentAfter) expect(request.arrivedAt - pauseStart).toBeGreaterThanOrEqual(RETRY_AFTER_MS - 5);
		} finally {
			await server.close();
		}
	});

	it('retries the rate-limited reads; every item still gets its own answer, in order', async () => {
		const ids = orderIds(10);
		const limited = new Set(['order-1', 'order-4', 'order-8']);
		const { items, error, server } = await runAgainstGatedServer(paced(getStatus, { concurrency: 4 }), ids, 4, {
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
		const { items, error, server } = await runAgainstGatedServer(paced(alfamartCharge, { concurrency: 4 }), ids, 4, {
			answer: rateLimitedFirst(limited, (call) => {
				charged.set(call.id, (charged.get(call.id) ?? 0) + 1);
				return pendingAnswer(call);
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

	it('against the simulator: 60 charges at concurrency 10 through a burst of 429s are each made exactly once, in order', async () => {
		const simulator = await startSimulator({ port: 0, latencyMs: 5 });
		try {
			const fault = simulator.injectFault({ path: '/v2/charge', type: 'http-429', times: 12, retryAfterSeconds: 0 });
			const ids = orderIds(60, `sim-${process.pid}`);
			const { items, error } = await runMidtrans(paced(alfamartCharge, { concurrency: 10 }), ids.map((orderId) => ({ orderId })), {
				credentials: simulatorCredentials(simulator),
			});
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
	const failure = (code: string, message: string): GatedAnswer => ({ body: { status_code: code, status_message: message } });
	const missingIsNotFound = (call: GatedCall): GatedAnswer =>
		call.id.startsWith('missing') ? { status: 404, ...failure('404', "Transaction doesn't exist.") } : settledAnswer(call);

	it('with continueOnFail, a failed item keeps its place and its pairing among the others', async () => {
		const ids = ['order-0', 'missing-1', 'order-2', 'order-3', 'missing-4', 'order-5', 'order-6', 'missing-7'];
		const { items, error } = await runAgainstGatedServer(paced(getStatus, { concurrency: 3 }), ids, 3, {
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

	it('with continueOnFail, an Indomaret charge answered 500 is not resent (Midtrans may have made it) and fails in its place', async () => {
		const ids = orderIds(4, 'indomaret');
		const { items, server } = await runAgainstGatedServer(
			paced(indomaretCharge({ orderId: '={{ $json.orderId }}' }), { concurrency: 2 }),
			ids,
			2,
			{
				continueOnFail: true,
				answer: (call) => (call.id === 'indomaret-2' ? { status: 500, ...failure('500', 'Internal server error') } : pendingAnswer(call)),
			},
		);
		expect(server.callsFor('indomaret-2')).toHaveLength(1);
		expect(items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(items[2].json).toMatchObject({ error: 'Midtrans error 500: Internal server error', status_code: '500' });
		expect(items.map((item) => item.json.order_id)).toEqual(['indomaret-0', 'indomaret-1', undefined, 'indomaret-3']);
	});

	it('with continueOnFail, an item invalid before sending keeps its place while the rest go out in parallel', async () => {
		const ids = ['order-0', 'order-1', '', 'order-3', 'order-4'];
		const { items, server } = await runAgainstGatedServer(paced(getStatus, { concurrency: 2 }), ids, 2, {
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
		const { error, items, server } = await runAgainstGatedServer(paced(getStatus, { concurrency }), ids, concurrency, {
			answer: missingIsNotFound,
		});
		expect(error?.message).toContain('Midtrans error 404');
		expect(items).toEqual([]);
		// While item 10 is in flight the other lanes may start at most concurrency − 1 later items; none after.
		expect(server.calls.length).toBeLessThanOrEqual(10 + concurrency);
		const latest = Math.max(...server.calls.map((call) => ids.indexOf(call.id)));
		expect(latest).toBeLessThan(10 + concurrency);
	});

	it('without continueOnFail, the error of a failed charge names the charges Midtrans made meanwhile and the items never sent', async () => {
		const ids = orderIds(6, 'charge');
		// Item 1 is refused at once; items 0 and 2, already in flight, succeed after it.
		const { error, items, server } = await runAgainstGatedServer(paced(alfamartCharge, { concurrency: 3 }), ids, 1, {
			holdUntilIdle: (call) => call.id !== 'charge-1',
			answer: (call) => (call.id === 'charge-1' ? failure('406', 'Duplicate order ID. Order ID has already been utilized previously') : pendingAnswer(call)),
		});
		expect(items).toEqual([]);
		expect(server.calls.map((call) => call.id).sort()).toEqual(['charge-0', 'charge-1', 'charge-2']);
		expect(error?.message).toBe('Midtrans error 406: Duplicate order ID. Order ID has already been utilized previously');
		expect(error?.description).toContain(
			'Before the run stopped, Midtrans answered these items successfully (their results are not in the output): ' +
				'item 0 (order_id charge-0, transaction_id tx-charge-0); item 2 (order_id charge-2, transaction_id tx-charge-2).',
		);
		expect(error?.description).toContain('Nothing was sent for items 3, 4, 5.');
		expect((error as unknown as { context: IDataObject }).context).toMatchObject({
			answeredItems: ['item 0 (order_id charge-0, transaction_id tx-charge-0)', 'item 2 (order_id charge-2, transaction_id tx-charge-2)'],
			unsentItems: [3, 4, 5],
		});
	});

	it('without continueOnFail, when two items fail the error is the earlier item’s, even if the later one failed first', async () => {
		const ids = orderIds(4);
		// Item 1 fails at once; item 0 fails only after it.
		const { error, server } = await runAgainstGatedServer(paced(getStatus, { concurrency: 2 }), ids, 1, {
			holdUntilIdle: (call) => call.id === 'order-0',
			answer: (call) =>
				call.id === 'order-0' ? { status: 404, ...failure('404', "Transaction doesn't exist.") } : failure('401', 'Access denied'),
		});
		expect(server.answerOrder).toEqual(['order-1', 'order-0']);
		expect(error?.message).toBe("Midtrans error 404: Transaction doesn't exist.");
		expect(error?.description).toContain('Nothing was sent for items 2, 3.');
	});
});
