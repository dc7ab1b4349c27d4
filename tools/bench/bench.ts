/**
 * `npm run bench`: how much the Midtrans node adds to Midtrans's own latency, what concurrency buys, how
 * many notifications a real n8n takes through the Midtrans Trigger against its own Webhook node and against
 * the chain a user builds by hand, and, in queue mode, through nginx to one and to two webhook processes.
 * Prints the figures and writes them, with the machine and versions, to docs/BENCHMARKS.md. A benchmark,
 * not a test.
 */
import './nodeSources';

import { writeFileSync } from 'fs';
import { join } from 'path';
import { parseArgs } from 'util';

import { REPO_ROOT } from '../n8n/workspace';
import { BARE_CALL, measureAtLatency, nodeAt, PLAIN_LOOP, plainLanesOf, warmUp } from './actionNode';
import { describeForgeryFlood, measureForgeryFlood } from './forgeryFlood';
import { describeMachine } from './machine';
import { checkTargets, renderConsole, renderMarkdown, type BenchResults, type BenchSettings } from './report';
import { compareWebhookProcesses, type QueueBenchSettings } from './queueThroughput';
import { compareTriggerWithHandBuiltChain, compareTriggerWithWebhook, type WebhookSettings } from './webhookThroughput';
import { workloads, type OperationName } from './workloads';

const USAGE = `npm run bench -- [options]

  --operation charge|status     the request measured (default charge: Alfamart charges)
  --items N                     requests per run, one-at-a-time comparison (default 200)
  --runs N                      runs per variant, medians reported (default 5)
  --warm-up N                   requests per variant before measuring (default 1000)
  --latencies 0,20              simulated Midtrans latencies in ms for the comparison (default 0,20)
  --concurrencies 1,5,10,20     node concurrencies for the throughput table (default 1,5,10,20)
  --throughput-latency MS       latency for the throughput table (default 100)
  --throughput-items N          requests per throughput run (default 200)
  --throughput-runs N           runs per throughput variant (default 3)
  --notify-seconds S            length of one notification load round (default 10)
  --notify-rounds N             rounds per workflow (default 3)
  --notify-connections N        concurrent connections of the load generator (default 10)
  --forgeries N                 forged notifications sent at the trigger in process (default 1000)
  --chain-orders N              paid orders for the trigger against the hand-built chain (default 2000)
  --queue-seconds S             length of one queue-mode load round (default 20)
  --queue-rounds N              rounds per number of webhook processes (default 3)
  --queue-connections N         concurrent connections through nginx (default 10)
  --queue-orders N              paid orders made ready for queue mode (default 2000)
  --skip-n8n                    leave out everything that runs a real n8n (the three sections below)
  --skip-equal-footing          leave out the Webhook-node comparison's second run, without n8n's head start
  --skip-hand-built             leave out the Midtrans Trigger against the hand-built chain
  --skip-queue                  leave out queue mode (PostgreSQL, Redis, nginx, webhook processes, workers)
  --no-write                    print only; leave docs/BENCHMARKS.md as it is
  --quick                       a short run to try the benchmark out (fewer items and runs)
`;

const numberList = (text: string) => text.split(',').filter(Boolean).map((part) => wholeNumber(part, text));

function wholeNumber(text: string, name: string): number {
	const value = Number(text);
	if (!Number.isInteger(value) || value < 0) throw new Error(`${name}: expected a whole number, got "${text}"`);
	return value;
}

function readFlags() {
	const { values } = parseArgs({
		options: {
			operation: { type: 'string', default: 'charge' },
			items: { type: 'string' },
			runs: { type: 'string' },
			'warm-up': { type: 'string' },
			latencies: { type: 'string', default: '0,20' },
			concurrencies: { type: 'string', default: '1,5,10,20' },
			'throughput-latency': { type: 'string', default: '100' },
			'throughput-items': { type: 'string', default: '200' },
			'throughput-runs': { type: 'string' },
			'notify-seconds': { type: 'string' },
			'notify-rounds': { type: 'string' },
			forgeries: { type: 'string' },
			'notify-connections': { type: 'string', default: '10' },
			'chain-orders': { type: 'string', default: '2000' },
			'queue-seconds': { type: 'string' },
			'queue-rounds': { type: 'string' },
			'queue-connections': { type: 'string', default: '10' },
			'queue-orders': { type: 'string', default: '2000' },
			'skip-n8n': { type: 'boolean', default: false },
			'skip-equal-footing': { type: 'boolean', default: false },
			'skip-hand-built': { type: 'boolean', default: false },
			'skip-queue': { type: 'boolean', default: false },
			'no-write': { type: 'boolean', default: false },
			quick: { type: 'boolean', default: false },
			help: { type: 'boolean', default: false },
		},
	});
	if (values.help) {
		console.log(USAGE);
		process.exit(0);
	}
	const operation = values.operation as OperationName;
	if (!workloads[operation]) throw new Error(`--operation must be one of ${Object.keys(workloads).join(', ')}`);
	const quick = values.quick;
	const flag = (name: keyof typeof values, full: number, short: number) =>
		values[name] === undefined ? (quick ? short : full) : wholeNumber(String(values[name]), `--${name}`);
	const settings: BenchSettings = {
		operation,
		items: flag('items', 200, 50),
		runs: flag('runs', 5, 2),
		warmUpItems: flag('warm-up', 1000, 200),
		latencies: numberList(values.latencies!),
		concurrencies: numberList(values.concurrencies!),
		throughputLatency: wholeNumber(values['throughput-latency']!, '--throughput-latency'),
		throughputItems: wholeNumber(values['throughput-items']!, '--throughput-items'),
		throughputRuns: flag('throughput-runs', 3, 1),
		forgeries: flag('forgeries', 1000, 1000),
	};
	const notify: WebhookSettings = {
		connections: wholeNumber(values['notify-connections']!, '--notify-connections'),
		durationMs: flag('notify-seconds', 10, 3) * 1000,
		rounds: flag('notify-rounds', 3, 1),
		maxRequests: 50_000,
	};
	const queue: QueueBenchSettings = {
		connections: wholeNumber(values['queue-connections']!, '--queue-connections'),
		durationMs: flag('queue-seconds', 20, 5) * 1000,
		rounds: flag('queue-rounds', 3, 1),
		orders: wholeNumber(values['queue-orders']!, '--queue-orders'),
	};
	return {
		settings,
		notify,
		queue,
		chainOrders: wholeNumber(values['chain-orders']!, '--chain-orders'),
		skipN8n: values['skip-n8n']!,
		skipEqualFooting: values['skip-equal-footing']!,
		skipHandBuilt: values['skip-hand-built']!,
		skipQueue: values['skip-queue']!,
		write: !values['no-write'],
	};
}

const progress = (line: string) => console.log(`[bench] ${line}`);

/** n8n 2.x lets only its own Webhook node skip the expression isolate while a request is handled. */
const EQUAL_FOOTING = { N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP: 'false' };

async function main(): Promise<void> {
	const { settings, notify, queue, chainOrders, skipN8n, skipEqualFooting, skipHandBuilt, skipQueue, write } = readFlags();
	const machine = describeMachine();
	const workload = workloads[settings.operation as OperationName];
	const sequentialVariants = [PLAIN_LOOP, BARE_CALL, nodeAt(1), nodeAt(10)];
	// Ten plain loops side by side: what concurrency 10 can reach without n8n's engine.
	const throughputVariants = [PLAIN_LOOP, plainLanesOf(10), ...settings.concurrencies.map(nodeAt)];

	progress(`warming up: ${settings.warmUpItems} requests per variant`);
	const everyVariant = [...new Map([...sequentialVariants, ...throughputVariants].map((variant) => [variant.label, variant])).values()];
	await warmUp(everyVariant, { workload, items: settings.items, runs: 1 }, settings.warmUpItems);

	const sequential = [];
	for (const latencyMs of settings.latencies) {
		sequential.push(await measureAtLatency(latencyMs, sequentialVariants, { workload, items: settings.items, runs: settings.runs }, progress));
	}
	const throughput = await measureAtLatency(
		settings.throughputLatency,
		throughputVariants,
		{ workload, items: settings.throughputItems, runs: settings.throughputRuns },
		progress,
	);

	progress('a flood of forged notifications at the Midtrans Trigger');
	const forgeryFlood = await measureForgeryFlood(settings.forgeries);
	for (const line of describeForgeryFlood(forgeryFlood)) progress(line);

	const results: BenchResults = { machine, settings, sequential, throughput, forgeryFlood };
	if (skipN8n) results.notificationsSkipped = 'left out with --skip-n8n';
	else {
		results.notifications = await compareTriggerWithWebhook(notify, progress);
		if (!skipEqualFooting) {
			progress('again, with the webhook phase taking an expression isolate for every trigger alike');
			results.notificationsEqualFooting = await compareTriggerWithWebhook(notify, progress, EQUAL_FOOTING);
		}
	}
	if (skipN8n || skipHandBuilt) results.handBuiltSkipped = `left out with --skip-${skipN8n ? 'n8n' : 'hand-built'}`;
	else {
		progress('the Midtrans Trigger with its default options against the hand-built chain');
		results.handBuilt = await compareTriggerWithHandBuiltChain(notify, progress, chainOrders);
	}
	if (skipN8n || skipQueue) results.queueSkipped = `left out with --skip-${skipN8n ? 'n8n' : 'queue'}`;
	else results.queue = await compareWebhookProcesses(queue, progress);

	const checks = checkTargets(results);
	console.log(renderConsole(results, checks));
	if (write) {
		const file = join(REPO_ROOT, 'docs', 'BENCHMARKS.md');
		writeFileSync(file, renderMarkdown(results, checks));
		progress(`written to ${file}`);
	}
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		console.error(`[bench] failed: ${error.stack ?? error.message}`);
		process.exit(1);
	},
);
