/** A small sequential test runner for scripts that drive real processes, where jest's isolation gets in the way. */
import { elapsedSince } from './workspace';

interface Check {
	name: string;
	run: () => Promise<void>;
}

export interface CheckResults {
	passed: number;
	failed: number;
}

export class CheckList {
	private readonly checks: Check[] = [];

	add(name: string, run: () => Promise<void>): void {
		this.checks.push({ name, run });
	}

	/**
	 * Runs every check in order, each after the one before, and prints one line per check. `only` (a part of
	 * a check's name) runs just the checks that match, for working on one of them.
	 */
	async runAll(only?: string): Promise<CheckResults> {
		const results: CheckResults = { passed: 0, failed: 0 };
		for (const check of this.checks) {
			if (only && !check.name.includes(only)) continue;
			const started = Date.now();
			try {
				await check.run();
				results.passed++;
				console.log(`  PASS  ${check.name} (${elapsedSince(started)})`);
			} catch (error) {
				results.failed++;
				console.log(`  FAIL  ${check.name} (${elapsedSince(started)})\n${describeFailure(error)}`);
			}
		}
		return results;
	}
}

function describeFailure(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message
		.split('\n')
		.map((line) => `        ${line}`)
		.join('\n');
}

/** Polls every `intervalMs` until `probe` returns a value, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	timeoutMs = 30_000,
	intervalMs = 500,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}
