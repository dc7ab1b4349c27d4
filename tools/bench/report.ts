/** The issue's targets checked against the figures, and the figures as text and as docs/BENCHMARKS.md. */
import type { LatencyResult, VariantResult } from './actionNode';
import type { MachineDescription } from './machine';
import { describeForgeryFlood, type ForgeryFloodResult } from './forgeryFlood';
import type { QueueComparison } from './queueThroughput';
import type { ChainComparison, WebhookComparison } from './webhookThroughput';

export interface BenchSettings {
	operation: string;
	items: number;
	runs: number;
	warmUpItems: number;
	latencies: number[];
	throughputLatency: number;
	throughputItems: number;
	throughputRuns: number;
	concurrencies: number[];
	forgeries: number;
}

export interface BenchResults {
	machine: MachineDescription;
	settings: BenchSettings;
	/** Plain loop, bare engine call, node at concurrency 1 and 10, per latency. */
	sequential: LatencyResult[];
	/** Plain loop and the node at each concurrency, at the throughput latency. */
	throughput: LatencyResult;
	/** Undefined when skipped, with the reason in notificationsSkipped. */
	notifications?: WebhookComparison;
	/** The same with n8n's head start for its own Webhook node switched off. */
	notificationsEqualFooting?: WebhookComparison;
	notificationsSkipped?: string;
	/** Forged notifications at the trigger, in process: refusals and credential reads. */
	forgeryFlood: ForgeryFloodResult;
	/** The Midtrans Trigger with its defaults against the chain a user builds by hand. */
	handBuilt?: ChainComparison;
	handBuiltSkipped?: string;
	/** Queue mode through nginx: one webhook process against two. */
	queue?: QueueComparison;
	queueSkipped?: string;
}

export interface TargetCheck {
	target: string;
	measured: string;
	/** Undefined when this run did not measure it (other flags than the target's). */
	pass?: boolean;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

function find(result: LatencyResult | undefined, label: string): VariantResult | undefined {
	return result?.results.find((entry) => entry.variant.label === label);
}

const PLAIN = 'plain sequential loop';
const BARE = 'bare engine call';
const NODE_1 = 'node, concurrency 1';
const NODE_10 = 'node, concurrency 10';

export function checkTargets(results: BenchResults): TargetCheck[] {
	const at = (latencyMs: number) => results.sequential.find((entry) => entry.latencyMs === latencyMs);
	const checks: TargetCheck[] = [];

	const at20 = at(20);
	const [plain20, node20] = [find(at20, PLAIN), find(at20, NODE_1)];
	checks.push({
		target: 'one at a time, 20 ms latency: node ≤ 1.05 × plain loop per item',
		measured: plain20 && node20 ? `${(node20.perItem.wallMs / plain20.perItem.wallMs).toFixed(3)} ×` : 'not measured (add 20 to --latencies)',
		pass: plain20 && node20 ? node20.perItem.wallMs <= 1.05 * plain20.perItem.wallMs : undefined,
	});

	const at0 = at(0);
	const [plain0, node0] = [find(at0, PLAIN), find(at0, NODE_1)];
	checks.push({
		target: 'one at a time, zero latency: node ≤ plain loop + 1 ms per item',
		measured: plain0 && node0 ? `+${ms(node0.perItem.wallMs - plain0.perItem.wallMs)}` : 'not measured (add 0 to --latencies)',
		pass: plain0 && node0 ? node0.perItem.wallMs - plain0.perItem.wallMs <= 1 : undefined,
	});

	const concurrentVersusPlain = [...results.sequential, results.throughput].flatMap((entry) => {
		const [plain, node] = [find(entry, PLAIN), find(entry, NODE_10)];
		return plain && node ? [{ latencyMs: entry.latencyMs, speedUp: plain.run.wallMs / node.run.wallMs }] : [];
	});
	checks.push({
		target: 'concurrency 10 faster than the plain sequential loop at every latency',
		measured: concurrentVersusPlain.length
			? `speed-up ${concurrentVersusPlain.map(({ latencyMs, speedUp }) => `${speedUp.toFixed(2)} × at ${latencyMs} ms`).join(', ')}`
			: 'not measured',
		pass: concurrentVersusPlain.length ? concurrentVersusPlain.every(({ speedUp }) => speedUp > 1) : undefined,
	});

	const { throughput, settings } = results;
	const ten = find(throughput, NODE_10);
	const asInIssue = settings.operation === 'charge' && throughput.latencyMs === 100 && throughput.items === 200;
	checks.push({
		target: '200 charges at 100 ms latency, concurrency 10: ≤ 2.4 s',
		measured: ten ? `${(ten.run.wallMs / 1000).toFixed(2)} s for ${throughput.items} ${settings.operation} at ${throughput.latencyMs} ms` : 'not measured (add 10 to --concurrencies)',
		pass: ten && asInIssue ? ten.run.wallMs <= 2400 : undefined,
	});

	const { notifications } = results;
	checks.push({
		target: 'Midtrans Trigger within 10 % of the Webhook node (notifications/s)',
		measured: notifications ? `${(notifications.ratio * 100).toFixed(0)} % of the Webhook node` : `not measured: ${results.notificationsSkipped}`,
		pass: notifications ? notifications.ratio >= 0.9 : undefined,
	});
	return checks;
}

const verdict = (pass: boolean | undefined) => (pass === undefined ? 'not measured' : pass ? 'pass' : 'MISS');

function table(header: string[], rows: string[][]): string {
	return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function sequentialTable(results: BenchResults): string {
	const rows = results.sequential.map((entry) => {
		const [plain, bare, one, ten] = [PLAIN, BARE, NODE_1, NODE_10].map((label) => find(entry, label));
		const cell = (variant?: VariantResult) => (variant ? `${ms(variant.perItem.wallMs)} (CPU ${ms(variant.perItem.cpuMs)})` : '–');
		return [
			`${entry.latencyMs} ms`,
			cell(plain),
			cell(bare),
			cell(one),
			plain && one ? `${(one.perItem.wallMs / plain.perItem.wallMs).toFixed(3)} ×, ${one.perItem.wallMs >= plain.perItem.wallMs ? '+' : ''}${ms(one.perItem.wallMs - plain.perItem.wallMs)}` : '–',
			bare && one ? ms(one.perItem.wallMs - bare.perItem.wallMs) : '–',
			cell(ten),
		];
	});
	return table(
		[
			'Midtrans latency',
			'plain loop, per item',
			'bare engine call, per item',
			'node (concurrency 1), per item',
			'node ÷ plain loop',
			'node − bare call: the node’s own code (0 or less: too small for this run to see)',
			'node (concurrency 10), per item',
		],
		rows,
	);
}

function throughputTable(results: BenchResults): string {
	const { throughput } = results;
	const plain = find(throughput, PLAIN);
	return table(
		['', 'wall time', 'requests per second', 'vs plain loop'],
		throughput.results.map((entry) => [
			entry.variant.label,
			`${(entry.run.wallMs / 1000).toFixed(2)} s`,
			entry.itemsPerSecond.toFixed(0),
			plain ? `${(plain.run.wallMs / entry.run.wallMs).toFixed(2)} ×` : '–',
		]),
	);
}

function comparisonTable(comparison: WebhookComparison): string {
	const { trigger, webhook } = comparison;
	const rounds = (target: typeof trigger) => target.rounds.map((round) => round.acceptedPerSecond.toFixed(1)).join(', ');
	return table(
		['', 'notifications/s (median)', 'rounds', 'Midtrans Trigger ÷ Webhook node'],
		[
			[trigger.label, trigger.medianPerSecond.toFixed(1), rounds(trigger), `${(comparison.ratio * 100).toFixed(0)} %`],
			[webhook.label, webhook.medianPerSecond.toFixed(1), rounds(webhook), ''],
		],
	);
}

function notificationsSection(results: BenchResults): string {
	const { notifications, notificationsEqualFooting } = results;
	if (!notifications) return `Not measured in this run: ${results.notificationsSkipped}.`;
	const { settings } = notifications;
	const parts = [
		`${notifications.n8nVersion}, SQLite, default settings; each workflow is its trigger alone (the Midtrans Trigger with its default options: signature check, no Get Status), published. ${settings.connections} connections on loopback, ${settings.rounds} rounds of ${settings.durationMs / 1000} s per workflow taken in turns, the same signed settlement notifications (a new order each).`,
		'',
		comparisonTable(notifications),
	];
	if (notificationsEqualFooting) {
		const settingsText = Object.entries(notificationsEqualFooting.environment)
			.map(([name, value]) => `\`${name}=${value}\``)
			.join(', ');
		parts.push(
			'',
			`n8n 2.x handles a request to its own Webhook node without taking an expression isolate, and every other trigger with one. The same comparison on a second instance with ${settingsText}, so that both pay alike:`,
			'',
			comparisonTable(notificationsEqualFooting),
		);
	}
	return parts.join('\n');
}

function handBuiltSection(results: BenchResults): string {
	const comparison = results.handBuilt;
	if (!comparison) return `Not measured in this run: ${results.handBuiltSkipped}.`;
	const { trigger, chain, settings } = comparison;
	const rounds = (target: typeof trigger) => target.rounds.map((round) => round.acceptedPerSecond.toFixed(1)).join(', ');
	return [
		`${comparison.n8nVersion}, one regular process, SQLite, default settings. **Midtrans Trigger** with its default options (nothing set under Options), alone in its workflow. **Hand-built chain**: Webhook (answers at once) → Crypto (SHA-512 of order_id + status_code + gross_amount + the server key, typed into the node) → If (equal to signature_key) → Switch (one output per status, and a fallback). Both take the same kind of notification: a signed settlement of an order paid at the simulator, a new order each. ${settings.connections} connections, ${settings.rounds} rounds of ${settings.durationMs / 1000} s each taken in turns; "with executions" counts until n8n had also finished every execution the round started.`,
		'',
		table(
			['', 'notifications/s (median)', 'rounds', 'with executions, /s', 'Midtrans Trigger ÷ hand-built chain'],
			[
				[trigger.label, trigger.medianPerSecond.toFixed(1), rounds(trigger), trigger.medianProcessedPerSecond.toFixed(1), `${(comparison.ratio * 100).toFixed(0)} % (with executions ${(comparison.processedRatio * 100).toFixed(0)} %)`],
				[chain.label, chain.medianPerSecond.toFixed(1), rounds(chain), chain.medianProcessedPerSecond.toFixed(1), ''],
			],
		),
		'',
		'What each does per notification: the chain checks the signature and routes by the status the notification claims, after it has answered (a forged notification is answered 200 and runs the workflow). The trigger checks the signature before answering and refuses a bad one, asks Midtrans for the status (Get Status) and routes by that, and answers a notification it has seen with 200 and no run (its defaults).',
	].join('\n');
}

function queueSection(results: BenchResults): string {
	const comparison = results.queue;
	if (!comparison) return `Not measured in this run: ${results.queueSkipped}.`;
	const { one, two, settings } = comparison;
	const cores = results.machine.cores;
	const cpuMs = one.cpuPerNotification.webhooksMs + one.cpuPerNotification.workersMs;
	const ceiling = (cores * 1000) / cpuMs;
	// A round in which n8n never answered some notifications (nginx's 504 after 60 s) is marked: each such
	// answer holds one connection for most of the round.
	const roundFigure = (round: (typeof one.rounds)[number]) => {
		const unanswered = Object.entries(round.statuses)
			.filter(([status]) => status === '504' || status === '502')
			.reduce((sum, [, count]) => sum + count, 0);
		return `${round.acceptedPerSecond.toFixed(1)}${unanswered ? ` (${unanswered} × 504)` : ''}`;
	};
	const row = (variant: typeof one, ratio: string) => [
		variant.label,
		variant.medianPerSecond.toFixed(1),
		variant.rounds.map(roundFigure).join(', '),
		ratio,
		`${(variant.latency.medianMs / 1000).toFixed(2)} s`,
		`${(variant.latency.p99Ms / 1000).toFixed(2)} s`,
		String(variant.latency.events),
		`${variant.cpuPerNotification.webhooksMs.toFixed(0)} ms / ${variant.cpuPerNotification.workersMs.toFixed(0)} ms`,
		String(cores),
	];
	return [
		`n8n ${comparison.n8nVersion} in queue mode (\`npm run start:queue\`'s set-up): PostgreSQL, Redis, a main process, ${comparison.workers} workers, and nginx in front of the webhook processes; all of it, the simulator and the load generator on this machine's ${cores} cores. The workflow is the exactly-once example (Midtrans Trigger answering Midtrans when the workflow has finished → one Postgres statement → If), so each answer waits for its run. The load: signed settlement notifications of orders paid at the simulator, a new order each, ${settings.connections} connections through nginx, ${settings.rounds} rounds of ${settings.durationMs / 1000} s per variant taken in turns, each round's executions left to finish before the next. With one webhook process, nginx's second address passes /webhook/ to the first only and the second idles. "To the recorded event": from sending the notification to its row's recorded_at in payment_events. CPU per notification: the processes' own CPU time (Linux's /proc) over the rounds, divided by the notifications accepted. A round marked "504" had notifications n8n 2.41 never answered (it misses the end of a run now and then, README: *Answer Midtrans*); each holds one of the connections for nginx's 60 s, most of a round, so compare the unmarked rounds.`,
		'',
		table(
			['nginx in front of', 'notifications/s (median)', 'rounds', 'vs one process', 'to the recorded event, median', 'p99', 'events', 'CPU per notification: webhook processes / workers', 'cores'],
			[row(one, '1.00 ×'), row(two, `${comparison.ratio.toFixed(2)} ×`)],
		),
		'',
		`Every notification costs its webhook process and its worker together about ${cpuMs.toFixed(0)} ms of CPU, so ${cores} cores carry at most about ${ceiling.toFixed(1)} notifications per second through n8n, before PostgreSQL, nginx, the simulator and the load generator take their share. A second webhook process helps only where cores are left over: on a machine the first one already fills, the ratio above stays near 1, and it is more cores (or machines) for the webhook processes and workers that raise the figure.`,
	].join('\n');
}

export function renderMarkdown(results: BenchResults, checks: TargetCheck[]): string {
	const { machine, settings } = results;
	return `# Benchmarks

Written by \`npm run bench\` (tools/bench/); run it again to refresh. The figures are medians of repeated runs
on one machine and move with whatever else the machine is doing: compare figures from one run with each other.

## Machine

${table(
	['', ''],
	[
		['date', machine.date],
		['CPU', `${machine.cpu}, ${machine.cores} cores`],
		['memory', `${machine.memoryGiB} GiB`],
		['system', machine.os],
		['load average when started', machine.loadAverage.toFixed(2)],
		['Node (benchmark and engine)', machine.node],
		['engine for the action node', machine.engine],
		['real n8n for the notifications', machine.realN8n],
	],
)}

## Targets

${table(
	['target', 'measured', 'result'],
	checks.map((check) => [check.target, check.measured, verdict(check.pass)]),
)}

## The action node against a plain loop

${settings.items} ${settings.operation} requests per run against the local Midtrans simulator (its own process, so the CPU
figures count only the client), ${settings.runs} runs per variant taken in turns, after a warm-up of ${settings.warmUpItems} requests
each. **Plain loop**: one axios request after the other. **Bare engine call**: a minimal node inside n8n's engine that
makes the same request per item through n8n's \`httpRequestWithAuthentication\` and does nothing else. **Node**: the
Midtrans node in a workflow run by n8n-core's \`WorkflowExecute\`, the order ID an expression per item.

${sequentialTable(results)}

## Concurrency

${settings.throughputItems} ${settings.operation} requests at ${settings.throughputLatency} ms latency, ${settings.throughputRuns} runs each.

${throughputTable(results)}

## Notifications per second in a real n8n

${notificationsSection(results)}

## The Midtrans Trigger against the chain a user builds by hand

${handBuiltSection(results)}

## Queue mode: one and two webhook processes

${queueSection(results)}

## A flood of forged notifications

${settings.forgeries} notifications signed with a wrong key, sent one after another at one Midtrans Trigger in process
(n8n-core's WebhookContext). Each is refused before any other work; the credential, a database read and a
decryption in n8n, is read again at most once a second after a failed check, rather than once per request.

${describeForgeryFlood(results.forgeryFlood).map((line) => `- ${line}`).join('\n')}

## Where the time goes

Profiles (\`node --cpu-prof\`) of the node inside the engine put its own code (validation, body, transport,
pacing) at a small part of a millisecond per item; the column "node − bare call" measures it. The rest is the
engine's: n8n's HTTP helper opens a new connection for every request (it sends \`Connection: close\`) and goes
through axios and follow-redirects, and each per-item expression such as \`{{ $json.orderId }}\` builds a fresh
data proxy. The new connection costs the server too (accepting it, on one thread), which is most of what
separates the node at concurrency 10 from ten plain keep-alive loops side by side in the concurrency table; and
every item is validated before the first request goes out, so that an invalid one stops the run before anything
is charged. The package keeps out of three costs of its own making: the credential authenticates with a
function, where a generic block would be evaluated as an expression for every request; the action node reads
its credential once per run, because in a real n8n 2.x every read queries the database and decrypts; and the
trigger remembers its credential for up to 4 s (a changed key applies within that), because there a read also
takes an expression isolate. What
stays is n8n's head start for its own Webhook node, which handles a request without taking an isolate, where
every community trigger takes one (the second notification table removes it).
`;
}

export function renderConsole(results: BenchResults, checks: TargetCheck[]): string {
	return [
		'',
		'The action node against a plain loop (per item; CPU of this process):',
		sequentialTable(results),
		'',
		`Concurrency (${results.settings.throughputItems} requests at ${results.settings.throughputLatency} ms):`,
		throughputTable(results),
		'',
		'Notifications per second in a real n8n:',
		notificationsSection(results),
		'',
		'The Midtrans Trigger against the hand-built chain:',
		handBuiltSection(results),
		'',
		'Queue mode: one and two webhook processes:',
		queueSection(results),
		'',
		'A flood of forged notifications at the trigger:',
		...describeForgeryFlood(results.forgeryFlood).map((line) => `  ${line}`),
		'',
		'Targets:',
		...checks.map((check) => `  ${verdict(check.pass).padEnd(12)} ${check.target}: ${check.measured}`),
	].join('\n');
}
