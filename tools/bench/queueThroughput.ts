/**
 * Queue mode (tools/queue/): how many notifications per second nginx passes to one and to two n8n webhook
 * processes, with the exactly-once example behind them, and how long a notification takes to become a row in
 * payment_events. The same signed settlement notifications (a new paid order each) in alternating rounds, one
 * cluster, one run; the one-process figure is the baseline of the ratio.
 */
import { execFileSync } from 'child_process';
import { readFileSync, rmSync } from 'fs';
import { join } from 'path';

import { startSimulator } from '../simulator';
import { CACHE_DIR } from '../n8n/workspace';
import { launchQueueCluster, queuePorts, stopQueueCluster, type QueueCluster } from '../queue/cluster';
import { exactlyOnceExample, EXACTLY_ONCE_EXAMPLE_FILE } from '../queue/example';
import { executionsSince, lastExecutionId, UNFINISHED_STATUSES } from '../queue/executions';
import { currentNotification, paidAtSimulator } from '../queue/orders';
import { waitFor } from '../n8n/checks';
import { generateLoad, type LoadResult } from './loadGenerator';
import { median, percentile } from './measure';

/** Apart from `npm run start:queue` (5730–5745) and `npm run test:queue` (5746–5759): 5760–5774. */
const BENCH_FIRST_PORT = 5760;
const FOLDER = join(CACHE_DIR, 'queue-bench');
const SETTLE_TIMEOUT_MS = 300_000;

export interface QueueBenchSettings {
	connections: number;
	durationMs: number;
	rounds: number;
	/** Paid orders made ready beforehand: each notification is a new one, and the load stops when they run out. */
	orders: number;
}

export interface QueueVariantResult {
	label: string;
	webhookProcesses: number;
	rounds: LoadResult[];
	medianPerSecond: number;
	/** From sending the notification to its row in payment_events, over every round. */
	latency: { events: number; medianMs: number; p99Ms: number };
	/** CPU time per accepted notification, over every round: all webhook processes, all workers. */
	cpuPerNotification: { webhooksMs: number; workersMs: number };
}

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** User plus system CPU time a process has used so far, in milliseconds (Linux's /proc). */
function cpuMsOf(pid: number | undefined): number {
	if (pid === undefined) return 0;
	// The command may hold spaces: the fields after it start past its closing parenthesis.
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND) * 1000;
}

export interface QueueComparison {
	n8nVersion: string;
	workers: number;
	settings: QueueBenchSettings;
	one: QueueVariantResult;
	two: QueueVariantResult;
	/** Two webhook processes' median notifications per second over one's. */
	ratio: number;
}

interface Variant {
	label: string;
	webhookProcesses: number;
	url: (cluster: QueueCluster, webhookId: string) => string;
}

const VARIANTS: Variant[] = [
	{
		label: 'one webhook process',
		webhookProcesses: 1,
		url: (cluster, webhookId) => `${cluster.balancer.urlOf(1)}/webhook/${webhookId}/webhook`,
	},
	{ label: 'two webhook processes', webhookProcesses: 2, url: (cluster, webhookId) => cluster.webhookUrl(webhookId) },
];

export async function compareWebhookProcesses(
	settings: QueueBenchSettings,
	progress: (line: string) => void,
): Promise<QueueComparison> {
	rmSync(FOLDER, { recursive: true, force: true });
	const ports = queuePorts(BENCH_FIRST_PORT, { oneProcessBalancer: true });
	const simulator = await startSimulator({ port: ports.simulator });
	try {
		progress('starting queue mode (PostgreSQL, Redis, nginx, main, 2 webhook processes, 2 workers)…');
		const example = exactlyOnceExample();
		const cluster = await launchQueueCluster({
			folder: FOLDER,
			ports,
			simulator,
			workflowFiles: [EXACTLY_ONCE_EXAMPLE_FILE],
			publish: [example.workflow.id],
		});
		progress(`making ${settings.orders} paid orders…`);
		const orders = Array.from({ length: settings.orders }, (_, index) => ({
			order_id: `bench-${Date.now().toString(36)}-${index}`,
			gross_amount: 44_000,
		}));
		await cluster.shop.addOrders(orders);
		await paidAtSimulator(simulator, orders);

		let next = 0;
		const sentAt = new Map<string, number>();
		const cpu = () => ({
			webhooks: cluster.webhooks.reduce((sum, process) => sum + cpuMsOf(process.pid), 0),
			workers: cluster.workers.reduce((sum, process) => sum + cpuMsOf(process.pid), 0),
		});
		const runRound = async (variant: Variant, durationMs: number, roundsLeft: number) => {
			const executionMark = await lastExecutionId(cluster);
			const cpuBefore = cpu();
			const first = next;
			const result = await generateLoad({
				url: variant.url(cluster, example.webhookId),
				connections: settings.connections,
				durationMs,
				// The orders left, shared among the rounds still to come.
				maxRequests: Math.floor((orders.length - next) / roundsLeft),
				bodyFor: () => {
					const { order_id: orderId } = orders[next++];
					sentAt.set(orderId, Date.now());
					return currentNotification(simulator, orderId);
				},
				headers: { 'user-agent': 'Veritrans' },
			});
			await waitFor(
				'the round’s executions to finish',
				async () => {
					const records = await executionsSince(cluster, example.workflow.id, executionMark);
					return records.some((record) => UNFINISHED_STATUSES.includes(record.status)) ? undefined : true;
				},
				SETTLE_TIMEOUT_MS,
				1000,
			);
			const cpuAfter = cpu();
			const sentOrders = orders.slice(first, next).map((order) => order.order_id);
			const recorded = await cluster.shop.recordingTimes(sentOrders);
			return {
				result,
				latencies: recorded.map((row) => row.recorded_ms - sentAt.get(row.order_id)!),
				cpu: { webhooks: cpuAfter.webhooks - cpuBefore.webhooks, workers: cpuAfter.workers - cpuBefore.workers },
			};
		};

		// A short round each first, so that neither pays for a cold process.
		const totalRounds = settings.rounds * VARIANTS.length + VARIANTS.length;
		let roundsLeft = totalRounds;
		for (const variant of VARIANTS) await runRound(variant, Math.min(settings.durationMs, 3000), roundsLeft--);
		const rounds = new Map<Variant, LoadResult[]>(VARIANTS.map((variant) => [variant, []]));
		const latencies = new Map<Variant, number[]>(VARIANTS.map((variant) => [variant, []]));
		const cpuUsed = new Map<Variant, { webhooks: number; workers: number }>(
			VARIANTS.map((variant) => [variant, { webhooks: 0, workers: 0 }]),
		);
		for (let round = 1; round <= settings.rounds; round++) {
			const order = round % 2 ? VARIANTS : [...VARIANTS].reverse();
			for (const variant of order) {
				const { result, latencies: roundLatencies, cpu: roundCpu } = await runRound(variant, settings.durationMs, roundsLeft--);
				rounds.get(variant)!.push(result);
				latencies.get(variant)!.push(...roundLatencies);
				cpuUsed.get(variant)!.webhooks += roundCpu.webhooks;
				cpuUsed.get(variant)!.workers += roundCpu.workers;
				progress(
					`queue round ${round}/${settings.rounds}, ${variant.label}: ${result.acceptedPerSecond.toFixed(1)} notifications/s (${JSON.stringify(result.statuses)}), median ${median(roundLatencies).toFixed(0)} ms to the recorded event`,
				);
			}
		}
		const summary = (variant: Variant): QueueVariantResult => {
			const all = latencies.get(variant)!;
			const accepted = rounds.get(variant)!.reduce((sum, result) => sum + result.accepted, 0);
			return {
				cpuPerNotification: {
					webhooksMs: cpuUsed.get(variant)!.webhooks / accepted,
					workersMs: cpuUsed.get(variant)!.workers / accepted,
				},
				label: variant.label,
				webhookProcesses: variant.webhookProcesses,
				rounds: rounds.get(variant)!,
				medianPerSecond: median(rounds.get(variant)!.map((result) => result.acceptedPerSecond)),
				latency: { events: all.length, medianMs: median(all), p99Ms: percentile(all, 0.99) },
			};
		};
		const [one, two] = VARIANTS.map(summary);
		return {
			n8nVersion: cluster.n8nVersion,
			workers: cluster.workers.length,
			settings,
			one,
			two,
			ratio: two.medianPerSecond / one.medianPerSecond,
		};
	} finally {
		await stopQueueCluster();
		await simulator.close();
		rmSync(FOLDER, { recursive: true, force: true });
	}
}
