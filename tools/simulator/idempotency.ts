import { IDEMPOTENCY_KEY_MAX_LENGTH } from './midtransRules';

/** Midtrans remembers a successful answer for five minutes. */
export const IDEMPOTENCY_MEMORY_MS = 5 * 60 * 1000;

export interface RememberedAnswer {
	status: number;
	body: unknown;
	headers: Record<string, string>;
}

/** Idempotency-Key → the first successful answer given with it, and keys whose first request is still running. */
export class IdempotencyMemory {
	private readonly answers = new Map<string, RememberedAnswer & { until: number }>();
	private readonly inFlight = new Set<string>();

	/** The key Midtrans would honour: longer keys are silently ignored. */
	static usableKey(header: string | string[] | undefined): string | undefined {
		const key = Array.isArray(header) ? header[0] : header;
		return key && key.length <= IDEMPOTENCY_KEY_MAX_LENGTH ? key : undefined;
	}

	recall(key: string): RememberedAnswer | undefined {
		const remembered = this.answers.get(key);
		if (!remembered) return undefined;
		if (remembered.until < Date.now()) {
			this.answers.delete(key);
			return undefined;
		}
		return remembered;
	}

	isInFlight(key: string): boolean {
		return this.inFlight.has(key);
	}

	begin(key: string): void {
		this.inFlight.add(key);
	}

	end(key: string): void {
		this.inFlight.delete(key);
	}

	/** Remembers a successful answer for `forMs` (Midtrans's five minutes unless an API says otherwise). */
	remember(key: string, answer: RememberedAnswer, forMs: number = IDEMPOTENCY_MEMORY_MS): void {
		this.answers.set(key, { ...answer, until: Date.now() + forMs });
	}

	clear(): void {
		this.answers.clear();
		this.inFlight.clear();
	}
}
