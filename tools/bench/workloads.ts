/**
 * What the benchmark sends: the same Midtrans requests made two ways, by the Midtrans node inside n8n's
 * engine and by a plain sequential loop of HTTP calls.
 */
import axios, { type Method } from 'axios';
import { randomUUID } from 'crypto';

import { runMidtrans } from '../../test/harness/engine';
import type { SimulatorProcess } from './simulatorProcess';

export type OperationName = 'charge' | 'status';

export interface Workload {
	operation: OperationName;
	/** The order IDs of one run: charges need new ones every run, status reads the same ones again. */
	orderIdsFor(run: string, count: number): string[];
	/** Whatever must exist before the first run (the orders whose status is read). */
	setUp(simulator: SimulatorProcess, count: number): Promise<void>;
	/** The Midtrans node's parameters; the order ID comes from each item's json. */
	nodeParameters: Record<string, unknown>;
	/** The request the node makes for one order, as a plain HTTP client would write it. */
	plainRequest(orderId: string): { method: Method; path: string; body?: object; headers: Record<string, string> };
}

const GROSS_AMOUNT = 44000;
const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };

const chargeWorkload: Workload = {
	operation: 'charge',
	orderIdsFor: (run, count) => Array.from({ length: count }, (_, i) => `bench-${run}-${i}`),
	setUp: async () => {},
	nodeParameters: {
		resource: 'payment',
		operation: 'charge',
		paymentType: 'cstore',
		store: 'alfamart',
		orderId: '={{ $json.orderId }}',
		grossAmount: GROSS_AMOUNT,
	},
	plainRequest: (orderId) => ({
		method: 'POST',
		path: '/v2/charge',
		body: {
			payment_type: 'cstore',
			transaction_details: { order_id: orderId, gross_amount: GROSS_AMOUNT },
			cstore: { store: 'alfamart' },
		},
		// As the node does: Alfamart charges carry an Idempotency-Key.
		headers: { ...JSON_HEADERS, 'Idempotency-Key': randomUUID() },
	}),
};

const STATUS_ORDERS_RUN = 'status';

const statusWorkload: Workload = {
	operation: 'status',
	orderIdsFor: (_run, count) => chargeWorkload.orderIdsFor(STATUS_ORDERS_RUN, count),
	setUp: (simulator, count) => plainSequentialLoop(simulator, chargeWorkload, chargeWorkload.orderIdsFor(STATUS_ORDERS_RUN, count)),
	nodeParameters: { resource: 'payment', operation: 'getStatus', orderOrTransactionId: '={{ $json.orderId }}' },
	plainRequest: (orderId) => ({ method: 'GET', path: `/v2/${encodeURIComponent(orderId)}/status`, headers: JSON_HEADERS }),
};

export const workloads: Record<OperationName, Workload> = { charge: chargeWorkload, status: statusWorkload };

function credentialsFor(simulator: SimulatorProcess) {
	return { environment: 'custom', baseUrl: simulator.url, serverApiKey: simulator.serverKey };
}

/** The Midtrans node, in a Test Items → Midtrans workflow run by n8n-core's WorkflowExecute. */
export async function runNodeInEngine(
	simulator: SimulatorProcess,
	workload: Workload,
	orderIds: string[],
	concurrency: number,
): Promise<void> {
	const { items, error } = await runMidtrans(
		{ ...workload.nodeParameters, options: { concurrency } },
		orderIds.map((orderId) => ({ orderId })),
		{ credentials: credentialsFor(simulator) },
	);
	if (error) throw error;
	const failed = items.filter((item) => Number(item.json.status_code) >= 400);
	if (items.length !== orderIds.length || failed.length) {
		throw new Error(`the node returned ${items.length} items for ${orderIds.length} orders, ${failed.length} failed`);
	}
}

/** `lanes` plain sequential loops side by side, each taking every lanes-th order: a hand-written pool. */
export async function plainLanes(simulator: SimulatorProcess, workload: Workload, orderIds: string[], lanes: number): Promise<void> {
	const shares = Array.from({ length: lanes }, (_, lane) => orderIds.filter((_, index) => index % lanes === lane));
	await Promise.all(shares.map((share) => plainSequentialLoop(simulator, workload, share)));
}

/** One request after the other with axios: what a hand-written script would do. */
export async function plainSequentialLoop(simulator: SimulatorProcess, workload: Workload, orderIds: string[]): Promise<void> {
	for (const orderId of orderIds) {
		const { method, path, body, headers } = workload.plainRequest(orderId);
		const { data } = await axios.request<{ status_code?: string }>({
			baseURL: simulator.url,
			url: path,
			method,
			data: body,
			headers,
			auth: { username: simulator.serverKey, password: '' },
			validateStatus: () => true,
		});
		if (Number(data.status_code) >= 400) throw new Error(`${method} ${path} answered ${JSON.stringify(data)}`);
	}
}
