/**
 * The Midtrans node inside n8n's engine against a plain sequential loop making the same requests, at
 * several simulated Midtrans latencies and concurrencies. After a warm-up, the variants take turns `runs`
 * times at each latency (so that a drift of the machine hits them alike), and each reports its median.
 */
import { runBareCallInEngine } from './bareCall';
import { medianSample, sample, type Sample } from './measure';
import { startSimulatorProcess, type SimulatorProcess } from './simulatorProcess';
import { plainLanes, plainSequentialLoop, runNodeInEngine, type Workload } from './workloads';

/**
 * plain: a sequential axios loop; plainLanes: several of those side by side; bare: the engine's floor
 * (bareCall.ts); node: the Midtrans node.
 */
export interface Variant {
	label: string;
	kind: 'plain' | 'plainLanes' | 'bare' | 'node';
	/** The node's concurrency option, or the number of plain loops side by side. */
	concurrency?: number;
}

export const PLAIN_LOOP: Variant = { label: 'plain sequential loop', kind: 'plain' };
export const BARE_CALL: Variant = { label: 'bare engine call', kind: 'bare' };
export const plainLanesOf = (lanes: number): Variant => ({
	label: `${lanes} plain loops side by side`,
	kind: 'plainLanes',
	concurrency: lanes,
});
export const nodeAt = (concurrency: number): Variant => ({
	label: `node, concurrency ${concurrency}`,
	kind: 'node',
	concurrency,
});

export interface VariantResult {
	variant: Variant;
	/** Median wall and CPU time of a whole run of `items` requests. */
	run: Sample;
	/** The same per item. */
	perItem: Sample;
	itemsPerSecond: number;
}

export interface LatencyResult {
	latencyMs: number;
	items: number;
	runs: number;
	results: VariantResult[];
}

export interface ActionNodeSettings {
	workload: Workload;
	items: number;
	runs: number;
}

let runCounter = 0;

function runVariant(simulator: SimulatorProcess, settings: ActionNodeSettings, variant: Variant, count: number): Promise<void> {
	const orderIds = settings.workload.orderIdsFor(`${process.pid}-${++runCounter}`, count);
	if (variant.kind === 'plain') return plainSequentialLoop(simulator, settings.workload, orderIds);
	if (variant.kind === 'plainLanes') return plainLanes(simulator, settings.workload, orderIds, variant.concurrency ?? 1);
	if (variant.kind === 'bare') return runBareCallInEngine(simulator, settings.workload, orderIds);
	return runNodeInEngine(simulator, settings.workload, orderIds, variant.concurrency ?? 1);
}

/** Measures the variants against one simulator process started with `latencyMs`. */
/** Runs every variant on `items` requests against a zero-latency simulator, so that the JIT has warmed up. */
export async function warmUp(variants: Variant[], settings: ActionNodeSettings, items: number): Promise<void> {
	const simulator = await startSimulatorProcess(0);
	try {
		await settings.workload.setUp(simulator, settings.items);
		for (const variant of variants) await runVariant(simulator, settings, variant, items);
	} finally {
		await simulator.stop();
	}
}

export async function measureAtLatency(
	latencyMs: number,
	variants: Variant[],
	settings: ActionNodeSettings,
	progress: (line: string) => void,
): Promise<LatencyResult> {
	const simulator = await startSimulatorProcess(latencyMs);
	try {
		await settings.workload.setUp(simulator, settings.items);
		// A few requests first: new connections, caches.
		for (const variant of variants) await runVariant(simulator, settings, variant, 5);
		const samples = new Map<Variant, Sample[]>(variants.map((variant) => [variant, []]));
		for (let round = 1; round <= settings.runs; round++) {
			for (const variant of variants) {
				const measured = await sample(() => runVariant(simulator, settings, variant, settings.items));
				samples.get(variant)!.push(measured);
				progress(
					`latency ${latencyMs} ms, run ${round}/${settings.runs}, ${variant.label}: ${(measured.wallMs / 1000).toFixed(2)} s wall, ${(measured.cpuMs / 1000).toFixed(2)} s CPU`,
				);
			}
		}
		const results = variants.map((variant) => {
			const run = medianSample(samples.get(variant)!);
			return {
				variant,
				run,
				perItem: { wallMs: run.wallMs / settings.items, cpuMs: run.cpuMs / settings.items },
				itemsPerSecond: settings.items / (run.wallMs / 1000),
			};
		});
		return { latencyMs, items: settings.items, runs: settings.runs, results };
	} finally {
		await simulator.stop();
	}
}
