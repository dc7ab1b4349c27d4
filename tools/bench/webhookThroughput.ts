/**
 * How many notifications per second a real n8n accepts through the Midtrans Trigger, against n8n's own
 * Webhook node on the same instance: two published workflows, each made of its trigger alone, loaded in
 * turns with the same signed Midtrans notifications by a bounded loopback load generator.
 */
import { randomUUID } from 'crypto';

import { NODE_TYPES } from '../n8n/communityPackage';
import { MIDTRANS_CREDENTIAL_ID } from '../n8n/credentials';
import { N8N_VERSION } from '../n8n/install';
import { ThrowawayN8n } from '../n8n/launch';
import type { N8nRestClient } from '../n8n/rest';
import type { WorkflowFile } from '../n8n/workflows';
import { DEFAULT_SIMULATOR_SERVER_KEY, signatureFor } from '../simulator';
import { median } from './measure';
import { generateLoad, type LoadResult } from './loadGenerator';

/**
 * Apart from `npm start` (5678…), the e2e tests (5688…) and the editor suite (5700…), so that all can run at
 * once: n8n, its two task brokers, then the mail catcher the examples' credentials point at.
 */
const BENCH_PORTS = { http: 5694, taskBroker: 5695, cliTaskBroker: 5696, mail: { smtp: 5697, web: 5698 } };
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
	medianPerSecond: number;
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

/** Waits until none of the workflow's newest executions is still queued or running. */
async function settled(rest: N8nRestClient, workflowId: string): Promise<void> {
	const deadline = Date.now() + SETTLE_TIMEOUT_MS;
	let quietChecks = 0;
	while (quietChecks < 2) {
		if (Date.now() > deadline) throw new Error(`executions of ${workflowId} still running after ${SETTLE_TIMEOUT_MS / 1000} s`);
		const executions = await rest.listExecutions(workflowId);
		const busy = executions.some((execution) => ['new', 'running'].includes(execution.status));
		quietChecks = busy ? 0 : quietChecks + 1;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/**
 * Starts a throwaway n8n (with `environment` added to its settings), publishes both workflows and loads them
 * in turns.
 */
export async function compareTriggerWithWebhook(
	settings: WebhookSettings,
	progress: (line: string) => void,
	environment: Record<string, string> = {},
): Promise<WebhookComparison> {
	const throwaway = new ThrowawayN8n('bench');
	// n8n inherits this process's environment when it starts.
	const saved = Object.keys(environment).map((name) => [name, process.env[name]] as const);
	Object.assign(process.env, environment);
	try {
		progress('starting a real n8n with this package installed (builds the package first)…');
		const { n8n, rest } = await throwaway.launch(
			BENCH_PORTS,
			TARGETS.map((target) => target.workflow),
		);
		for (const target of TARGETS) await rest.publishWorkflow(target.workflow.id);

		let sent = 0;
		const load = (target: Target, durationMs: number, maxRequests: number) =>
			generateLoad({
				url: target.url(n8n.baseUrl),
				connections: settings.connections,
				durationMs,
				maxRequests,
				bodyFor: () => signedNotification(++sent),
				headers: { 'user-agent': 'Veritrans' },
			});

		for (const target of TARGETS) {
			const check = await load(target, 1000, 1);
			if (check.accepted !== 1) throw new Error(`${target.label} did not accept a notification: ${JSON.stringify(check.statuses)}`);
			await load(target, Math.min(settings.durationMs, 3000), settings.maxRequests);
			await settled(rest, target.workflow.id);
		}

		const rounds = new Map<Target, LoadResult[]>(TARGETS.map((target) => [target, []]));
		for (let round = 1; round <= settings.rounds; round++) {
			// Alternating who goes first keeps a slow drift of the instance from favouring one side.
			const order = round % 2 ? TARGETS : [...TARGETS].reverse();
			for (const target of order) {
				const result = await load(target, settings.durationMs, settings.maxRequests);
				rounds.get(target)!.push(result);
				progress(
					`round ${round}/${settings.rounds}, ${target.label}: ${result.acceptedPerSecond.toFixed(0)} notifications/s (${JSON.stringify(result.statuses)})`,
				);
				await settled(rest, target.workflow.id);
			}
		}

		const summary = (target: Target): TargetResult => ({
			label: target.label,
			rounds: rounds.get(target)!,
			medianPerSecond: median(rounds.get(target)!.map((result) => result.acceptedPerSecond)),
		});
		const [trigger, webhook] = TARGETS.map(summary);
		return {
			n8nVersion: N8N_VERSION,
			environment,
			settings,
			trigger,
			webhook,
			ratio: trigger.medianPerSecond / webhook.medianPerSecond,
		};
	} finally {
		for (const [name, value] of saved) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
		await throwaway.dispose({ keepFolder: false });
	}
}
