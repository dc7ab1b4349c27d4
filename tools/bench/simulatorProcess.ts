/**
 * A Midtrans simulator in a process of its own, so that the benchmark's CPU figures count only the client
 * (the node inside n8n's engine, or the plain loop), never the server answering it.
 */
import { fork, type ChildProcess } from 'child_process';

import { DEFAULT_SIMULATOR_SERVER_KEY, startSimulator } from '../simulator';

export interface SimulatorProcess {
	url: string;
	serverKey: string;
	latencyMs: number;
	/** CPU time (user + system) the simulator process has used so far, in milliseconds. */
	cpuMs(): Promise<number>;
	stop(): Promise<void>;
}

/** Starts the simulator child with `latencyMs` added to every Core API answer. */
export function startSimulatorProcess(latencyMs: number): Promise<SimulatorProcess> {
	const child: ChildProcess = fork(__filename, ['--serve', String(latencyMs)], {
		execArgv: ['--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`the simulator process exited with ${code} before it listened`)));
		child.once('message', (message: { url: string }) => {
			child.removeAllListeners('exit');
			resolve({
				url: message.url,
				serverKey: DEFAULT_SIMULATOR_SERVER_KEY,
				latencyMs,
				cpuMs: () =>
					new Promise((answer) => {
						child.once('message', (usage: { cpuMs: number }) => answer(usage.cpuMs));
						child.send('cpu');
					}),
				stop: () =>
					new Promise<void>((done) => {
						if (child.exitCode !== null) return done();
						child.once('exit', () => done());
						child.disconnect();
					}),
			});
		});
	});
}

/** The child's side: listen on a free loopback port, tell the parent where, stop when it lets go. */
async function serve(latencyMs: number): Promise<void> {
	const simulator = await startSimulator({ port: 0, latencyMs });
	process.send!({ url: simulator.url });
	process.on('message', () => {
		const { user, system } = process.cpuUsage();
		process.send!({ cpuMs: (user + system) / 1000 });
	});
	process.once('disconnect', () => void simulator.close().then(() => process.exit(0)));
}

if (process.argv[2] === '--serve') void serve(Number(process.argv[3]));
