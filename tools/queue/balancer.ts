/**
 * nginx in front of the n8n webhook processes, as n8n's queue-mode guide lays it out: production webhooks
 * (/webhook/…) go round-robin to the webhook processes, everything else (the editor's test webhooks
 * included) to the main process. Each answer names the webhook process that gave it (X-Upstream), so that a
 * test can tell both were reached. Its config, pid file, temp files and logs live under .cache/.
 */
import type { ChildProcess } from 'child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import { waitFor } from '../n8n/checks';
import { spawnServiceProcess, stopServiceProcess } from '../n8n/processes';

const HOST = '127.0.0.1';

/** The header carrying the address of the webhook process that answered. */
export const UPSTREAM_HEADER = 'x-upstream';

export interface BalancerListener {
	port: number;
	/** Ports of the webhook processes this address spreads /webhook/ over. */
	webhookPorts: number[];
}

/** One line of the balancer's access log. */
export interface BalancedRequest {
	status: number;
	/** The webhook process (or processes, comma-separated, when the first failed) nginx passed it to. */
	upstream: string;
	/** Method and path. */
	request: string;
}

export interface BalancerOptions {
	program: string;
	dir: string;
	/** The main process (editor, test webhooks). */
	mainPort: number;
	/** The first is the one users and tests use; more (e.g. one webhook process only) are for the benchmark. */
	listeners: BalancerListener[];
}

function config(options: BalancerOptions): string {
	const { dir, mainPort, listeners } = options;
	const path = (name: string) => join(dir, name);
	const upstreams = listeners.map(
		(listener, index) => `
	upstream webhook_processes_${index} {
		${listener.webhookPorts.map((port) => `server ${HOST}:${port};`).join('\n\t\t')}
		keepalive 32;
		# Below Node's own 5 s: a connection n8n is closing must not be handed a POST (nginx would answer 502).
		keepalive_timeout 4s;
	}`,
	);
	const servers = listeners.map(
		(listener, index) => `
	server {
		listen ${HOST}:${listener.port};
		location /webhook/ {
			proxy_pass http://webhook_processes_${index};
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host $http_host;
			proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
			add_header X-Upstream $upstream_addr always;
		}
		location / {
			proxy_pass http://${HOST}:${mainPort};
			proxy_http_version 1.1;
			proxy_set_header Upgrade $http_upgrade;
			proxy_set_header Connection $connection_upgrade;
			proxy_set_header Host $http_host;
			proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
			proxy_buffering off;
		}
	}`,
	);
	return `# Written by tools/queue/balancer.ts; rewritten at every start.
daemon off;
worker_processes 1;
pid ${path('nginx.pid')};
error_log ${path('error.log')} warn;
events { worker_connections 1024; }
http {
	log_format balancer '$time_iso8601 $status $upstream_addr $request_time "$request"';
	access_log ${path('access.log')} balancer;
	client_body_temp_path ${path('tmp/body')};
	proxy_temp_path ${path('tmp/proxy')};
	fastcgi_temp_path ${path('tmp/fastcgi')};
	uwsgi_temp_path ${path('tmp/uwsgi')};
	scgi_temp_path ${path('tmp/scgi')};
	map $http_upgrade $connection_upgrade { default upgrade; '' close; }
${upstreams.join('\n')}
${servers.join('\n')}
}
`;
}

export class Balancer {
	private server?: ChildProcess;

	constructor(private readonly options: BalancerOptions) {}

	/** The address of the first listener: the one Midtrans (the simulator) and the browser use. */
	get url(): string {
		return this.urlOf(0);
	}

	urlOf(listenerIndex: number): string {
		return `http://${HOST}:${this.options.listeners[listenerIndex].port}`;
	}

	/** What X-Upstream says for the webhook process on this port. */
	static upstreamName(port: number): string {
		return `${HOST}:${port}`;
	}

	private get accessLogFile(): string {
		return join(this.options.dir, 'access.log');
	}

	/** Every request answered so far, oldest first; `fromLine` skips the ones before a mark (see requestCount). */
	requests(fromLine = 0): BalancedRequest[] {
		if (!existsSync(this.accessLogFile)) return [];
		return readFileSync(this.accessLogFile, 'utf8')
			.split('\n')
			.filter(Boolean)
			.slice(fromLine)
			.map((line) => {
				const [, status, upstream, request] = /^\S+ (\d+) (.*) \S+ "(.*)"$/.exec(line) ?? [];
				return { status: Number(status), upstream: upstream ?? '', request: request ?? '' };
			});
	}

	/** How many requests the access log holds: a mark for requests(). */
	requestCount(): number {
		return this.requests().length;
	}

	async start(): Promise<void> {
		const { program, dir } = this.options;
		mkdirSync(join(dir, 'tmp'), { recursive: true });
		const configFile = join(dir, 'nginx.conf');
		writeFileSync(configFile, config(this.options));
		const output = openSync(join(dir, 'nginx.out'), 'a');
		// -e: the error log before the config is read, else nginx tries the system's /var/log/nginx first.
		const server = spawnServiceProcess(program, ['-e', join(dir, 'error.log'), '-p', dir, '-c', configFile], {
			stdio: ['ignore', output, output],
		});
		this.server = server;
		await waitFor(`nginx to listen on ${this.url}`, async () => {
			if (server.exitCode !== null) throw new Error(`nginx exited with ${server.exitCode}; see ${join(dir, 'error.log')}`);
			try {
				await fetch(`${this.url}/`, { method: 'HEAD' });
				return true;
			} catch {
				return undefined;
			}
		});
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (server) await stopServiceProcess(server);
	}
}
