/** A Redis server of our own for n8n's queue: 127.0.0.1 only, nothing saved to disk, its log under .cache/. */
import type { ChildProcess } from 'child_process';
import { mkdirSync, openSync } from 'fs';
import { connect } from 'net';

import { waitFor } from '../n8n/checks';
import { spawnServiceProcess, stopServiceProcess } from '../n8n/processes';

const HOST = '127.0.0.1';

/** Whether a Redis server answers PING on the port. */
function answersPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: HOST, port });
		socket.setTimeout(1000);
		let answer = '';
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) {
				socket.destroy();
				resolve(answer.startsWith('+PONG'));
			}
		});
		socket.on('timeout', () => socket.destroy());
		socket.on('error', () => resolve(false));
		socket.on('close', () => resolve(false));
	});
}

export class RedisServer {
	private server?: ChildProcess;

	constructor(
		private readonly options: { program: string; port: number; dir: string; logFile: string },
	) {}

	get host(): string {
		return HOST;
	}

	get port(): number {
		return this.options.port;
	}

	async start(): Promise<void> {
		const { program, port, dir, logFile } = this.options;
		mkdirSync(dir, { recursive: true });
		const output = openSync(logFile, 'a');
		// The queue's jobs need not survive a restart here: every run starts from what Postgres holds.
		const args = ['--bind', HOST, '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no'];
		const server = spawnServiceProcess(program, args, { stdio: ['ignore', output, output] }, { layer: 'infrastructure' });
		this.server = server;
		await waitFor('Redis to answer PING', async () => {
			if (server.exitCode !== null) throw new Error(`redis-server exited with ${server.exitCode}; see ${logFile}`);
			return (await answersPing(port)) || undefined;
		});
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (server) await stopServiceProcess(server);
	}
}
