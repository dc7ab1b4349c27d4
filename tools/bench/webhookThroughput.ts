/**
 * How many notifications per second a real n8n (one regular process) takes through the Midtrans Trigger:
 * against n8n's own Webhook node alone (what the trigger adds), and against the chain a user builds by hand
 * for the same job (Webhook → Crypto SHA-512 → If → Switch by status). Each comparison is one throwaway n8n
 * with its workflows published, loaded in alternating rounds with the same kind of signed notifications by a
 * bounded loopback load generator.
 */
import { randomUUID } from 'crypto';

import { NODE_TYPES } from '../n8n/communityPackage';
import { MIDTRANS_CREDENTIAL_ID } from '../n8n/credentials';
import { N8N_VERSION } from '../n8n/install';
import { ThrowawayN8n } from '../n8n/launch';
import type { N8nRestClient } from '../n8n/rest';
import type { WorkflowFile } from '../n8n/workflows';
import { DEFAULT_SIMULATOR_SERVER_KEY, signatureFor, type Simulator } from '../simulator';
import { PaidOrderPool } from '../queue/orders';
import { median } from './measure';
import { generateLoad, type LoadResult } from './loadGenerator';

/**
 * Apart from `npm start` (5678…), the e2e tests (5688…) and the editor suite (5700…), so that all can run at
 * once: n8n, its task broker (the imports run before the server starts, so they share it), then the mail
 * catcher the examples' credentials point at. N8N_BENCH_PORT moves all four.
 */
const BENCH_PORT = Number(process.env.N8N_BENCH_PORT ?? 5694);
const BENCH_PORTS = {
	http: BENCH_PORT,
	taskBroker: BENCH_PORT + 1,
	cliTaskBroker: BENCH_PORT + 1,
	mail: { smtp: BENCH_PORT + 2, web: BENCH_PORT + 3 },
};
/** How long to wait for the executions a load round started to finish before the next round. */
const SETTLE_TIMEOUT_MS = 120_000;

export interface WebhookSettings {
	connections: number;
	durationMs: number;
	rounds: number;
	/** Per round and target; the load stops at whichever bound comes first. */
	maxRequests: number;
}

export interface TargetResult {
	label: string;
	rounds: LoadResult[];
	/** Notifications answered 2xx per second. */
	medianPerSecond: number;
	/** Notifications answered 2xx per second until n8n had also finished every execution they started. */
	medianProcessedPerSecond: number;
}

export interface WebhookComparison {
	n8nVersion: string;
	/** n8n settings this comparison ran with, beyond the defaults. */
	environment: Record<string, string>;
	settings: WebhookSettings;
	trigger: TargetResult;
	webhook: TargetResult;
	/** Midtrans Trigger's median notifications per second over the Webhook node's. */
	ratio: number;
}

export interface ChainComparison {
	n8nVersion: string;
	settings: WebhookSettings;
	trigger: TargetResult;
	chain: TargetResult;
	/** Midtrans Trigger's median notifications per second over the hand-built chain's. */
	ratio: number;
	/** The same, counted until their executions had finished. */
	processedRatio: number;
}

interface Target {
	label: string;
	workflow: WorkflowFile;
	url: (baseUrl: string) => string;
}

const TRIGGER_WEBHOOK_ID = '5e1c3a2b-7d4f-4e8a-9b6c-0d2e4f6a8b01';
const WEBHOOK_PATH = 'bench-n8n-webhook';

function singleNodeWorkflow(id: string, name: string, node: WorkflowFile['nodes'][number]): WorkflowFile {
	return { id, name, nodes: [node], connections: {}, settings: { executionOrder: 'v1' }, active: false };
}

const TARGETS: Target[] = [
	{
		label: 'Midtrans Trigger',
		workflow: singleNodeWorkflow('benchMidtransTrg', 'Bench: Midtrans Trigger', {
			id: 'b0a80101-0000-4000-8000-000000000001',
			name: 'Midtrans Trigger',
			type: NODE_TYPES.midtransTrigger,
			typeVersion: 1,
			position: [0, 0],
			webhookId: TRIGGER_WEBHOOK_ID,
			credentials: { midtransApi: { id: MIDTRANS_CREDENTIAL_ID, name: 'Midtrans' } },
			// The defaults: the signature is checked; no Get Status call, no repeat memory.
			parameters: { routeBy: 'status', options: {} },
		}),
		url: (baseUrl) => `${baseUrl}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`,
	},
	{
		label: 'n8n Webhook node',
		workflow: singleNodeWorkflow('benchN8nWebhook1', 'Bench: n8n Webhook node', {
			id: 'b0a80102-0000-4000-8000-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'b0a80102-0000-4000-8000-0000000000aa',
			parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'onReceived', options: {} },
		}),
		url: (baseUrl) => `${baseUrl}/webhook/${WEBHOOK_PATH}`,
	},
];

/** A settlement notification as Midtrans signs it; each request its own order. */
function signedNotification(index: number): object {
	const orderId = `bench-notify-${index}`;
	const grossAmount = '44000.00';
	const statusCode = '200';
	return {
		transaction_time: '2026-11-22 10:00:00',
		transaction_status: 'settlement',
		transaction_id: randomUUID(),
		status_message: 'midtrans payment notification',
		status_code: statusCode,
		signature_key: signatureFor(orderId, statusCode, grossAmount, DEFAULT_SIMULATOR_SERVER_KEY),
		settlement_time: '2026-11-22 10:05:00',
		payment_type: 'cstore',
		store: 'alfamart',
		order_id: orderId,
		merchant_id: 'G000000001',
		gross_amount: grossAmount,
		fraud_status: 'accept',
		currency: 'IDR',
	};
}

/**
 * Waits until none of the workflow's newest executions is still queued or running; resolves with the time
 * n8n was first seen done.
 */
async function settled(rest: N8nRestClient, workflowId: string): Promise<number> {
	const deadline = Date.now() + SETTLE_TIMEOUT_MS;
	let doneSince: number | undefined;
	for (;;) {
		if (Date.now() > deadline) throw new Error(`executions of ${workflowId} still running after ${SETTLE_TIMEOUT_MS / 1000} s`);
		const executions = await rest.listExecutions(workflowId);
		const busy = executions.some((execution) => ['new', 'running'].includes(execution.status));
		if (busy) doneSince = undefined;
		// Seen done twice in a row: an execution can be about to be recorded when the first look comes.
		else if (doneSince !== undefined) return doneSince;
		else doneSince = Date.now();
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

interface TargetLoad {
	targets: Target[];
	/** A notification for the target, each call a new one. */
	notificationFor: (target: Target) => object;
	/** Run once n8n and its simulator are up, before anything is sent. */
	prepare?: (simulator: Simulator) => Promise<void>;
}

/**
 * Starts a throwaway n8n (with `environment` added to its settings), publishes the targets' workflows and
 * loads them in alternating rounds, each round's executions left to finish before the next.
 */
async function loadInTurns(
	load: TargetLoad,
	settings: WebhookSettings,
	progress: (line: string) => void,
	environment: Record<string, string> = {},
): Promise<TargetResult[]> {
	const throwaway = new ThrowawayN8n('bench');
	// n8n inherits this process's environment when it starts.
	const saved = Object.keys(environment).map((name) => [name, process.env[name]] as const);
	Object.assign(process.env, environment);
	try {
		progress('starting a real n8n with this package installed (builds the package first)…');
		const { n8n, rest, simulator } = await throwaway.launch(
			BENCH_PORTS,
			load.targets.map((target) => target.workflow),
		);
		await load.prepare?.(simulator);
		for (const target of load.targets) await rest.publishWorkflow(target.workflow.id);

		const send = (target: Target, durationMs: number, maxRequests: number) =>
			generateLoad({
				url: target.url(n8n.baseUrl),
				connections: settings.connections,
				durationMs,
				maxRequests,
				bodyFor: () => load.notificationFor(target),
				headers: { 'user-agent': 'Veritrans' },
			});

		for (const target of load.targets) {
			const check = await send(target, 1000, 1);
			if (check.accepted !== 1) throw new Error(`${target.label} did not accept a notification: ${JSON.stringify(check.statuses)}`);
			await send(target, Math.min(settings.durationMs, 3000), settings.maxRequests);
			await settled(rest, target.workflow.id);
		}

		const rounds = new Map<Target, Array<LoadResult & { processedPerSecond: number }>>(
			load.targets.map((target) => [target, []]),
		);
		for (let round = 1; round <= settings.rounds; round++) {
			// Alternating who goes first keeps a slow drift of the instance from favouring one side.
			const order = round % 2 ? load.targets : [...load.targets].reverse();
			for (const target of order) {
				const started = Date.now();
				const result = await send(target, settings.durationMs, settings.maxRequests);
				const processedPerSecond = result.accepted / ((await settled(rest, target.workflow.id)) - started) * 1000;
				rounds.get(target)!.push({ ...result, processedPerSecond });
				progress(
					`round ${round}/${settings.rounds}, ${target.label}: ${result.acceptedPerSecond.toFixed(1)} notifications/s, ${processedPerSecond.toFixed(1)}/s with their executions (${JSON.stringify(result.statuses)})`,
				);
			}
		}

		return load.targets.map((target) => ({
			label: target.label,
			rounds: rounds.get(target)!,
			medianPerSecond: median(rounds.get(target)!.map((result) => result.acceptedPerSecond)),
			medianProcessedPerSecond: median(rounds.get(target)!.map((result) => result.processedPerSecond)),
		}));
	} finally {
		for (const [name, value] of saved) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
		await throwaway.dispose({ keepFolder: false });
	}
}

/** The Midtrans Trigger (signature check only, no Get Status) against n8n's Webhook node, each alone. */
export async function compareTriggerWithWebhook(
	settings: WebhookSettings,
	progress: (line: string) => void,
	environment: Record<string, string> = {},
): Promise<WebhookComparison> {
	let sent = 0;
	const [trigger, webhook] = await loadInTurns(
		{ targets: TARGETS, notificationFor: () => signedNotification(++sent) },
		settings,
		progress,
		environment,
	);
	return {
		n8nVersion: N8N_VERSION,
		environment,
		settings,
		trigger,
		webhook,
		ratio: trigger.medianPerSecond / webhook.medianPerSecond,
	};
}

const CHAIN_WEBHOOK_PATH = 'bench-hand-built-chain';
const CHAIN_TRIGGER_WEBHOOK_ID = '5e1c3a2b-7d4f-4e8a-9b6c-0d2e4f6a8b02';

/** What a user builds without this package to check and route Midtrans's notifications. */
function handBuiltChain(serverKey: string): WorkflowFile {
	const node = (name: string, type: string, typeVersion: number, x: number, parameters: Record<string, unknown>) => ({
		id: `b0a80103-0000-4000-8000-00000000000${x / 220}`,
		name,
		type,
		typeVersion,
		position: [x, 0] as [number, number],
		parameters,
	});
	const equals = (left: string, right: string) => ({
		options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
		conditions: [{ id: randomUUID(), leftValue: left, rightValue: right, operator: { type: 'string', operation: 'equals' } }],
		combinator: 'and',
	});
	const statuses = ['pending', 'settlement', 'capture', 'deny', 'cancel', 'expire'];
	return {
		id: 'benchHandChain01',
		name: 'Bench: Webhook → Crypto SHA-512 → If → Switch',
		nodes: [
			{
				...node('Webhook', 'n8n-nodes-base.webhook', 2, 0, {
					httpMethod: 'POST',
					path: CHAIN_WEBHOOK_PATH,
					responseMode: 'onReceived',
					options: {},
				}),
				webhookId: 'b0a80103-0000-4000-8000-0000000000aa',
			},
			node('Signature', 'n8n-nodes-base.crypto', 1, 220, {
				action: 'hash',
				type: 'SHA512',
				// The server key written into the workflow: a user without the package has nowhere better to keep it.
				value: `={{ $json.body.order_id + $json.body.status_code + $json.body.gross_amount + ${JSON.stringify(serverKey)} }}`,
				dataPropertyName: 'expectedSignature',
				encoding: 'hex',
			}),
			node('Signature matches?', 'n8n-nodes-base.if', 2.2, 440, {
				conditions: equals('={{ $json.expectedSignature }}', '={{ $json.body.signature_key }}'),
				options: {},
			}),
			node('By status', 'n8n-nodes-base.switch', 3.2, 660, {
				rules: {
					values: statuses.map((status) => ({
						conditions: equals('={{ $json.body.transaction_status }}', status),
						renameOutput: true,
						outputKey: status,
					})),
				},
				options: { fallbackOutput: 'extra' },
			}),
		],
		connections: {
			Webhook: { main: [[{ node: 'Signature', type: 'main', index: 0 }]] },
			Signature: { main: [[{ node: 'Signature matches?', type: 'main', index: 0 }]] },
			'Signature matches?': { main: [[{ node: 'By status', type: 'main', index: 0 }], []] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/**
 * The Midtrans Trigger with its default options against the hand-built chain, both given signed settlement
 * notifications of orders paid at the simulator (a new order each: the trigger confirms each with Get Status
 * and would ignore a repeat).
 */
export async function compareTriggerWithHandBuiltChain(
	settings: WebhookSettings,
	progress: (line: string) => void,
	orders: number,
): Promise<ChainComparison> {
	const targets: Target[] = [
		{
			label: 'Midtrans Trigger (default options)',
			workflow: singleNodeWorkflow('benchMidtransDef', 'Bench: Midtrans Trigger, default options', {
				id: 'b0a80104-0000-4000-8000-000000000001',
				name: 'Midtrans Trigger',
				type: NODE_TYPES.midtransTrigger,
				typeVersion: 1,
				position: [0, 0],
				webhookId: CHAIN_TRIGGER_WEBHOOK_ID,
				credentials: { midtransApi: { id: MIDTRANS_CREDENTIAL_ID, name: 'Midtrans' } },
				parameters: {},
			}),
			url: (baseUrl) => `${baseUrl}/webhook/${CHAIN_TRIGGER_WEBHOOK_ID}/webhook`,
		},
		{
			label: 'hand-built chain',
			workflow: handBuiltChain(DEFAULT_SIMULATOR_SERVER_KEY),
			url: (baseUrl) => `${baseUrl}/webhook/${CHAIN_WEBHOOK_PATH}`,
		},
	];
	let pool: PaidOrderPool | undefined;
	const [trigger, chain] = await loadInTurns(
		{
			targets,
			prepare: async (simulator) => {
				progress(`making ${orders} paid orders at the simulator…`);
				pool = await PaidOrderPool.open(simulator, orders, 'bench-chain');
			},
			notificationFor: () => pool!.take().notification,
		},
		{ ...settings, maxRequests: Math.min(settings.maxRequests, Math.floor(orders / (2 * settings.rounds + 4))) },
		progress,
	);
	return {
		n8nVersion: N8N_VERSION,
		settings,
		trigger,
		chain,
		ratio: trigger.medianPerSecond / chain.medianPerSecond,
		processedRatio: trigger.medianProcessedPerSecond / chain.medianProcessedPerSecond,
	};
}
