/** Shared pieces of the simulator tests: request bodies and a notification receiver; the rest is the harness's. */
import type { AxiosInstance } from 'axios';
import { execFile, spawn } from 'child_process';
import type { IncomingHttpHeaders } from 'http';
import { join } from 'path';
import { promisify } from 'util';

import { DEFAULT_SIMULATOR_SERVER_KEY, type Simulator } from '../../tools/simulator';
import { startLoopback } from '../harness/loopback';
import { basicAuthFor } from '../harness/midtrans';
import { startTestSimulator } from '../harness/simulator';

export { newOrderId } from '../harness/midtrans';
export { cardToken, clientFor, startTestSimulator } from '../harness/simulator';

export type Json = Record<string, any>;

/** The Authorization header the simulator expects, for its default server key unless told. */
export const basicAuth = (serverKey: string = DEFAULT_SIMULATOR_SERVER_KEY): string => basicAuthFor(serverKey);

export const cstoreCharge = (orderId: string, store: 'indomaret' | 'alfamart' = 'indomaret', amount = 44000) => ({
	payment_type: 'cstore',
	transaction_details: { order_id: orderId, gross_amount: amount },
	cstore: { store, message: 'Thank you' },
});

export const gopayCharge = (orderId: string, amount = 44000) => ({
	payment_type: 'gopay',
	transaction_details: { order_id: orderId, gross_amount: amount },
});

export const cardCharge = (orderId: string, tokenId: string, extra: Json = {}, amount = 150000) => ({
	payment_type: 'credit_card',
	transaction_details: { order_id: orderId, gross_amount: amount },
	credit_card: { token_id: tokenId, authentication: true, ...extra },
});

export interface ReceivedNotification {
	path: string;
	headers: IncomingHttpHeaders;
	raw: string;
	body: Json;
}

/**
 * A stand-in for a merchant's notification endpoint. `answer` picks each request's HTTP status from
 * how many requests came before it (0 for the first).
 */
export async function startReceiver(
	answer: (index: number, path: string) => number | { status: number; headers?: Record<string, string> } = () => 200,
) {
	const received: ReceivedNotification[] = [];
	const server = await startLoopback((request) => {
		received.push({ path: request.url, headers: request.headers, raw: request.raw, body: request.body ?? {} });
		const chosen = answer(request.index, request.url);
		const { status, headers } = typeof chosen === 'number' ? { status: chosen, headers: {} } : chosen;
		return { status, body: status < 300 ? 'ok' : 'not ok', headers };
	});
	return { received, url: (path = '/notify') => `${server.url}${path}`, close: server.close };
}

export interface SimulatorWithReceiver {
	simulator: Simulator;
	api: AxiosInstance;
	receiver: Awaited<ReturnType<typeof startReceiver>>;
}

/** For one describe block: a simulator whose dashboard notification URL is a receiver, both closed afterwards. */
export function useSimulatorWithReceiver(): SimulatorWithReceiver {
	const running = {} as SimulatorWithReceiver;
	beforeAll(async () => {
		running.receiver = await startReceiver();
		Object.assign(running, await startTestSimulator({ notificationUrl: running.receiver.url() }));
	});
	afterAll(async () => {
		await running.simulator.close();
		await running.receiver.close();
	});
	return running;
}

/** Polls until `check` holds; fails with `what` if it never does within a generous bound. */
export async function waitFor(check: () => boolean, what: string, boundMs = 10_000): Promise<void> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > boundMs) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'tools', 'simulator', 'cli.ts');

/** Runs `npm run midtrans -- …` as a user would, without npm's banner. */
export async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	try {
		const { stdout, stderr } = await promisify(execFile)(TSX, [CLI, ...args], { cwd: ROOT });
		return { code: 0, stdout, stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
	}
}

/** Starts `npm run midtrans -- …` as a child that runs until it is stopped (serve). */
export const spawnCli = (args: string[]) => spawn(TSX, [CLI, ...args], { cwd: ROOT });
