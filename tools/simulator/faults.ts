import { SimulatorError } from './errors';
import type { ActiveFault, Fault } from './types';

function patternToRegExp(pattern: string): RegExp {
	const source = pattern
		.split(/(\*\*|\*)/)
		.map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
		.join('');
	return new RegExp(`^${source}$`);
}

/** Checks a fault given through the control API or the CLI; throws a 400 naming what is wrong. */
export function checkFault(raw: unknown): Fault {
	const fault = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
	const problems: string[] = [];
	if (typeof fault.path !== 'string' || !fault.path.startsWith('/'))
		problems.push('path must be a path pattern starting with /');
	if (typeof fault.type !== 'string' || !/^(http-\d{3}|body-500|slow|drop)$/.test(fault.type)) {
		problems.push('type must be http-NNN (e.g. http-500, http-503, http-429), body-500, slow or drop');
	}
	for (const key of ['times', 'delayMs', 'retryAfterSeconds'] as const) {
		const value = fault[key];
		if (value !== undefined && (!Number.isInteger(value) || (value as number) < 0))
			problems.push(`${key} must be a whole number`);
	}
	if (fault.method !== undefined && typeof fault.method !== 'string') problems.push('method must be a string');
	if (problems.length) throw new SimulatorError('400', 'Invalid fault', problems);
	return fault as unknown as Fault;
}

/** The faults in force, matched in the order they were added. */
export class FaultBook {
	private faults: Array<ActiveFault & { matcher: RegExp }> = [];
	private nextId = 1;

	add(fault: Fault): ActiveFault {
		const active = {
			...fault,
			method: fault.method?.toUpperCase(),
			id: this.nextId++,
			hits: 0,
			remaining: fault.times,
			matcher: patternToRegExp(fault.path),
		};
		this.faults.push(active);
		return this.view(active);
	}

	/** The fault this request runs into, counted as used; undefined when none applies. */
	take(method: string, path: string): ActiveFault | undefined {
		const fault = this.faults.find(
			(candidate) =>
				(candidate.remaining === undefined || candidate.remaining > 0) &&
				(!candidate.method || candidate.method === method) &&
				candidate.matcher.test(path),
		);
		if (!fault) return undefined;
		fault.hits++;
		if (fault.remaining !== undefined) fault.remaining--;
		return this.view(fault);
	}

	list(): ActiveFault[] {
		return this.faults.map((fault) => this.view(fault));
	}

	clear(): void {
		this.faults = [];
	}

	private view({ matcher: _matcher, ...fault }: ActiveFault & { matcher: RegExp }): ActiveFault {
		return { ...fault };
	}
}
