/** Shared pieces of the simulator tests: a simulator on a free port, an HTTP client, a notification receiver. */
import axios, { type AxiosInstance } from 'axios';
import { createServer, type IncomingHttpHeaders } from 'http';
import type { AddressInfo } from 'net';

import {
	DEFAULT_SIMULATOR_CLIENT_KEY,
	DEFAULT_SIMULATOR_SERVER_KEY,
	type Simulator,
	type SimulatorOptions,
	startSimulator,
} from '../../tools/simulator';

export type Json = Record<string, any>;

export function basicAuth(serverKey: string = DEFAULT_SIMULATOR_SERVER_KEY): string {
	return `Basic ${Buffer.from(`${serverKey}:`).toString('base64')}`;
}

/** An axios client for a simulator that never throws on HTTP status, so tests read every answer. */
export function clientFor(simulator: Simulator, serverKey: string = DEFAULT_SIMULATOR_SERVER_KEY): AxiosInstance {
	return axios.create({
		baseURL: simulator.url,
		headers: { Authorization: basicAuth(serverKey), Accept: 'application/json' },
		validateStatus: () => true,
	});
}

export async function startTestSimulator(options: SimulatorOptions = {}) {
	const simulator = await startSimulator({ port: 0, ...options });
	return { simulator, api: clientFor(simulator) };
}

let orderCounter = 0;
/** A fresh order_id per call, so tests never collide on Midtrans's duplicate rule. */
export function newOrderId(prefix = 'order'): string {
	return `${prefix}-${process.pid}-${++orderCounter}`;
}

export const cstoreCharge = (orderId: string, store: 'indomaret' | 'alfamart' = 'indomaret', amount = 44000) => ({
	payment_type: 'cstore',
	transaction_details: { order_id: orderId, gross_amount: amount },
	cstore: { store, message: 'Thank you' },
});

export const gopayCharge = (orderId: string, amount = 44000) => ({
	payment_type: 'gopay',
	transaction_details: { order_id: orderId, gross_amount: amount },
});

export async function cardToken(api: AxiosInstance, cardNumber: string): Promise<string> {
	const { data } = await api.get('/v2/token', {
		params: {
			client_key: DEFAULT_SIMULATOR_CLIENT_KEY,
			card_number: cardNumber,
			card_exp_month: '12',
			card_exp_year: String(new Date().getFullYear() + 2),
			card_cvv: '123',
		},
	});
	return data.token_id;
}

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
	const server = createServer((request, response) => {
		let raw = '';
		request.setEncoding('utf8');
		request.on('data', (chunk: string) => (raw += chunk));
		request.on('end', () => {
			const path = request.url ?? '/';
			const index = received.length;
			received.push({ path, headers: request.headers, raw, body: raw ? JSON.parse(raw) : {} });
			const chosen = answer(index, path);
			const { status, headers } = typeof chosen === 'number' ? { status: chosen, headers: {} } : chosen;
			response.writeHead(status, { 'Content-Type': 'text/plain', ...headers });
			response.end(status < 300 ? 'ok' : 'not ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		received,
		url: (path = '/notify') => `${base}${path}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** Polls until `check` holds; fails with `what` if it never does within a generous bound. */
export async function waitFor(check: () => boolean, what: string, boundMs = 10_000): Promise<void> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > boundMs) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
