import { spawn, type ChildProcess, type SpawnOptions } from 'child_process';
import { createWriteStream } from 'fs';

export interface CommandOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Where stdout and stderr go; when absent they are captured and returned. */
	logFile?: string;
	/** Text written to the command's standard input. */
	input?: string;
	/** Run as this user (this process must be root): PostgreSQL refuses to run as root. */
	user?: SystemUser;
}

/** A user of this machine, as spawn wants it. */
export interface SystemUser {
	name: string;
	uid: number;
	gid: number;
}

export interface CommandResult {
	code: number;
	stdout: string;
	stderr: string;
}

export class CommandError extends Error {
	constructor(
		readonly command: string,
		readonly result: CommandResult,
		readonly logFile?: string,
	) {
		const where = logFile
			? `see ${logFile}`
			: (result.stderr || result.stdout).trim().split('\n').slice(-15).join('\n');
		super(`${command} exited with ${result.code}: ${where}`);
	}
}

/** Runs a command to its end; rejects with CommandError on a non-zero exit. */
export function runCommand(command: string, args: string[], options: CommandOptions = {}): Promise<CommandResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
			...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
		});
		if (options.input !== undefined) child.stdin!.end(options.input);
		let stdout = '';
		let stderr = '';
		const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
		child.stdout!.on('data', (chunk: Buffer) => (log ? log.write(chunk) : (stdout += chunk.toString())));
		child.stderr!.on('data', (chunk: Buffer) => (log ? log.write(chunk) : (stderr += chunk.toString())));
		child.on('error', reject);
		child.on('close', (code) => {
			log?.end();
			const result = { code: code ?? 1, stdout, stderr };
			const display = [command, ...args].join(' ');
			if (result.code === 0) resolve(result);
			else reject(new CommandError(display, result, options.logFile));
		});
	});
}

export interface ServiceOptions {
	/** What asks it to stop: SIGTERM unless its program wants another (PostgreSQL's fast shutdown is SIGINT). */
	stopSignal?: NodeJS.Signals;
	/**
	 * Infrastructure (a database, a queue) is stopped only after every application process, which would
	 * otherwise log connection errors, or fail executions, while shutting down.
	 */
	layer?: 'application' | 'infrastructure';
}

/** Service processes started and not yet seen to exit, with how each is stopped. */
const liveServices = new Map<ChildProcess, Required<ServiceOptions>>();

// Last resort when this process ends without stopping them (an uncaught error): no orphans left behind.
process.on('exit', () => {
	for (const child of liveServices.keys()) signalGroup(child, 'SIGKILL');
});

/**
 * Starts a long-running process in a process group of its own, so that stopping it also stops whatever it
 * started (n8n starts a task-runner process), and a Ctrl-C in the terminal reaches it only through us.
 */
export function spawnServiceProcess(
	command: string,
	args: string[],
	options: SpawnOptions,
	service: ServiceOptions = {},
): ChildProcess {
	const child = spawn(command, args, { ...options, detached: true });
	liveServices.set(child, { stopSignal: service.stopSignal ?? 'SIGTERM', layer: service.layer ?? 'application' });
	child.once('exit', () => liveServices.delete(child));
	return child;
}

/**
 * Stops every service process still running, e.g. on Ctrl-C while one is still starting: the application
 * processes together, then the infrastructure they use.
 */
export async function stopAllServiceProcesses(): Promise<void> {
	for (const layer of ['application', 'infrastructure'] as const) {
		const inLayer = [...liveServices].filter(([, service]) => service.layer === layer);
		await Promise.allSettled(inLayer.map(([child]) => stopServiceProcess(child)));
	}
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// The group is already gone.
	}
}

/** Asks a process group started by spawnServiceProcess to stop, and kills it when it takes too long. */
export async function stopServiceProcess(child: ChildProcess, graceMs = 15_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) {
		// The leader is gone, but a child it started might not be.
		signalGroup(child, 'SIGKILL');
		return;
	}
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	signalGroup(child, liveServices.get(child)?.stopSignal ?? 'SIGTERM');
	const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
	await Promise.race([exited, timer]);
	signalGroup(child, 'SIGKILL');
	await exited;
}

/**
 * Sends `signal` to the process itself, by its PID, as an operator's `kill <PID>` (SIGTERM) or a crash
 * (SIGKILL) would; waits until it has exited (SIGKILL after graceMs), then ends the rest of its group (what
 * it started, such as n8n's task runner), which a real crash would leave orphaned.
 */
export async function killServiceProcess(
	child: ChildProcess,
	signal: 'SIGTERM' | 'SIGKILL',
	graceMs = 60_000,
): Promise<void> {
	if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		process.kill(child.pid, signal);
		const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
		if ((await Promise.race([exited, timer])) === 'timeout') {
			process.kill(child.pid, 'SIGKILL');
			await exited;
		}
	}
	signalGroup(child, 'SIGKILL');
}

let shuttingDown: Promise<never> | undefined;

export function isShuttingDown(): boolean {
	return shuttingDown !== undefined;
}

/** Stops every service process and runs `cleanup`, then exits with `exitCode`; later calls wait for the first. */
export function shutDown(exitCode: number, cleanup?: () => Promise<unknown>): Promise<never> {
	shuttingDown ??= (async () => {
		await Promise.allSettled([stopAllServiceProcesses(), cleanup?.()]);
		process.exit(exitCode);
	})();
	return shuttingDown;
}

/** Ctrl-C (and SIGTERM, SIGHUP) shut down cleanly: a detached n8n would otherwise outlive this process. */
export function shutDownOnSignals(exitCode: number, cleanup?: () => Promise<unknown>): void {
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => void shutDown(exitCode, cleanup));
	}
}
