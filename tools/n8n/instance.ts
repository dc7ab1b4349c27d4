/**
 * One n8n process: a user folder, its ports, its server process and its command-line tool. By default the
 * regular n8n (`n8n start`: editor, REST API, webhooks, executions); in queue mode also a webhook process
 * (`n8n webhook`) or a worker (`n8n worker`).
 */
import type { ChildProcess } from 'child_process';
import { mkdirSync, openSync, readFileSync } from 'fs';
import { join } from 'path';

import type { N8nInstallation } from './install';
import { killServiceProcess, runCommand, spawnServiceProcess, stopServiceProcess } from './processes';

/** main: `n8n start`; webhook: `n8n webhook` (production webhooks only); worker: `n8n worker` (runs executions). */
export type N8nRole = 'main' | 'webhook' | 'worker';

export interface N8nPorts {
	/** The editor, the REST API and the webhooks; a worker's health-check server. */
	http: number;
	/** The server's task broker (its default, 5679, would clash between instances). */
	taskBroker: number;
	/** The task broker of CLI commands run while the server is up. */
	cliTaskBroker: number;
}

export interface N8nInstanceOptions {
	installation: N8nInstallation;
	/** n8n's N8N_USER_FOLDER; n8n keeps its data in the .n8n folder inside. */
	userFolder: string;
	ports: N8nPorts;
	/** The address webhooks are reachable at from outside (a tunnel), when not this machine's loopback. */
	publicUrl?: string;
	/** main unless told otherwise. */
	role?: N8nRole;
	/** Settings added to n8n's environment (queue mode, the database, …), the same for its command-line runs. */
	environment?: Record<string, string>;
	/** A worker's `--concurrency`: how many executions it runs at once (n8n's default, 10, when absent). */
	concurrency?: number;
}

const COMMANDS: Record<N8nRole, string> = { main: 'start', webhook: 'webhook', worker: 'worker' };

const HOST = '127.0.0.1';
const READINESS_TIMEOUT_MS = 120_000;

export class N8nInstance {
	readonly baseUrl: string;
	readonly logFile: string;
	private server?: ChildProcess;
	private unexpectedExitListener?: (code: number | null) => void;

	constructor(private readonly options: N8nInstanceOptions) {
		this.baseUrl = `http://${HOST}:${options.ports.http}`;
		this.logFile = join(options.userFolder, 'n8n.log');
		mkdirSync(options.userFolder, { recursive: true });
	}

	get userFolder(): string {
		return this.options.userFolder;
	}

	get role(): N8nRole {
		return this.options.role ?? 'main';
	}

	/** The server's process ID while it runs. */
	get pid(): number | undefined {
		return this.server?.exitCode === null ? this.server.pid : undefined;
	}

	/** The production URL of a webhook node (a trigger) in an active workflow. */
	productionWebhookUrl(webhookId: string, path = 'webhook'): string {
		return `${this.baseUrl}/webhook/${webhookId}/${path}`;
	}

	private environment(taskBrokerPort: number): NodeJS.ProcessEnv {
		const { ports, userFolder, installation, publicUrl } = this.options;
		return {
			...installation.environment(),
			N8N_USER_FOLDER: userFolder,
			N8N_PORT: String(ports.http),
			N8N_LISTEN_ADDRESS: HOST,
			N8N_HOST: HOST,
			// Webhook URLs shown in the editor must be the ones that reach this listener.
			WEBHOOK_URL: publicUrl ?? `${this.baseUrl}/`,
			N8N_EDITOR_BASE_URL: `${this.baseUrl}/`,
			N8N_RUNNERS_BROKER_PORT: String(taskBrokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			// The editor is served over plain http on the loopback address.
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
			// Publishing a workflow goes through a queue polled every 15 s by default; a second is plenty here.
			N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '1000',
			// A worker's health-check server (readiness: its database and Redis connections) is how we know it is up.
			...(this.role === 'worker'
				? {
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(ports.http),
						N8N_WORKER_SERVER_ADDRESS: HOST,
					}
				: {}),
			...this.options.environment,
		};
	}

	/** Runs an n8n command-line command (import:credentials, execute, …) and returns what it printed. */
	async cli(args: string[]): Promise<string> {
		const { installation, ports } = this.options;
		const { stdout } = await runCommand(installation.nodeBinary, [installation.n8nEntry, ...args], {
			cwd: this.options.userFolder,
			env: this.environment(ports.cliTaskBroker),
		});
		return stdout;
	}

	/** Starts the server, its output going to logFile, and waits until it answers. */
	async start(): Promise<void> {
		const { installation, ports, concurrency } = this.options;
		const output = openSync(this.logFile, 'a');
		const args = [installation.n8nEntry, COMMANDS[this.role]];
		if (this.role === 'worker' && concurrency !== undefined) args.push(`--concurrency=${concurrency}`);
		const server = spawnServiceProcess(installation.nodeBinary, args, {
			cwd: this.options.userFolder,
			env: this.environment(ports.taskBroker),
			stdio: ['ignore', output, output],
		});
		this.server = server;
		server.once('exit', (code) => {
			if (this.server === server) this.unexpectedExitListener?.(code);
		});
		await this.waitUntilReady(server);
	}

	/** Called when the server stops without stop() having been called. */
	onUnexpectedExit(listener: (code: number | null) => void): void {
		this.unexpectedExitListener = listener;
	}

	private async waitUntilReady(server: ChildProcess): Promise<void> {
		const deadline = Date.now() + READINESS_TIMEOUT_MS;
		while (Date.now() < deadline) {
			if (server.exitCode !== null) {
				throw new Error(`n8n exited with code ${server.exitCode} while starting:\n${this.logTail()}`);
			}
			// Readiness means the database is up; the main process's REST API answers a little later.
			const ready =
				(await this.answers('/healthz/readiness')) && (this.role !== 'main' || (await this.answers('/rest/settings')));
			if (ready) return;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n did not become ready within ${READINESS_TIMEOUT_MS / 1000} s:\n${this.logTail()}`);
	}

	private async answers(path: string): Promise<boolean> {
		try {
			const response = await fetch(`${this.baseUrl}${path}`);
			return response.ok;
		} catch {
			return false;
		}
	}

	/** The last lines n8n logged, for error messages. */
	logTail(lines = 30): string {
		try {
			return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
		} catch {
			return '(no log)';
		}
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (server) await stopServiceProcess(server);
	}

	/**
	 * Signals the server by its PID and waits until it has exited: SIGTERM is `kill <PID>` (n8n shuts down
	 * gracefully: a worker finishes the executions it runs, within 30 s), SIGKILL a crash or the kernel's
	 * out-of-memory killer (no shutdown at all).
	 */
	async kill(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (server) await killServiceProcess(server, signal);
	}
}
