/** What the nodes wrote to n8n's log during a test, read through n8n's own Logger in its DI container. */
import { createRequire } from 'module';

// n8n-core keeps its own copies of these packages: the container the nodes' contexts read is n8n-core's.
const requireFromN8nCore = createRequire(require.resolve('n8n-core'));
const { Container } = requireFromN8nCore('@n8n/di') as typeof import('@n8n/di');
const { Logger } = requireFromN8nCore('@n8n/backend-common') as typeof import('@n8n/backend-common');

export interface LogLine {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: unknown;
}

/** Replaces n8n's logger for the current test file; `lines` collects what nodes log. */
export function captureLogs(): { lines: LogLine[] } {
	const captured = { lines: [] as LogLine[] };
	let original: InstanceType<typeof Logger> | undefined;
	beforeAll(() => {
		original = Container.get(Logger);
		const record = (level: LogLine['level']) => (message: string, meta?: unknown) => captured.lines.push({ level, message, meta });
		const recorder = { error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug') };
		Container.set(Logger, Object.assign(Object.create(original), recorder));
	});
	beforeEach(() => (captured.lines.length = 0));
	afterAll(() => original && Container.set(Logger, original));
	return captured;
}
