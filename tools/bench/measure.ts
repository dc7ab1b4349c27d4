/** Wall time and CPU time of this process for one piece of work, and the medians of repeated samples. */
import { performance } from 'perf_hooks';

export interface Sample {
	wallMs: number;
	/** User plus system CPU time of this process (the simulator runs in another). */
	cpuMs: number;
}

export async function sample(work: () => Promise<void>): Promise<Sample> {
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	await work();
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The value below which `share` (0.99 for p99) of the values fall: nearest rank, no interpolation. */
export function percentile(values: number[], share: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))];
}

/** The median wall and CPU time of the samples. */
export function medianSample(samples: Sample[]): Sample {
	return { wallMs: median(samples.map((s) => s.wallMs)), cpuMs: median(samples.map((s) => s.cpuMs)) };
}
