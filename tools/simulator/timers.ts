/**
 * Every timer the simulator starts (expiry, notification retries, latency, slow faults), so that
 * close() and reset() can stop them all and leave no open handles behind.
 */
export class TimerSet {
	private readonly pending = new Map<NodeJS.Timeout, () => void>();

	/** Runs `task` after `ms`; the returned function cancels it. */
	schedule(ms: number, task: () => void): () => void {
		const handle = setTimeout(() => {
			this.pending.delete(handle);
			task();
		}, ms);
		const cancel = () => {
			clearTimeout(handle);
			this.pending.delete(handle);
		};
		this.pending.set(handle, cancel);
		return cancel;
	}

	/** Waits `ms`; resolves false instead when the wait is cut short by clear(). */
	sleep(ms: number): Promise<boolean> {
		if (ms <= 0) return Promise.resolve(true);
		return new Promise((resolve) => {
			const handle = setTimeout(() => {
				this.pending.delete(handle);
				resolve(true);
			}, ms);
			this.pending.set(handle, () => {
				clearTimeout(handle);
				resolve(false);
			});
		});
	}

	clear(): void {
		const cancels = [...this.pending.values()];
		this.pending.clear();
		for (const cancel of cancels) cancel();
	}
}
