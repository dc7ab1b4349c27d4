/**
 * n8n in queue mode on this machine, as a merchant runs it when one process is not enough: PostgreSQL for
 * data, Redis for the queue, a main process for the editor, two `n8n webhook` processes behind nginx receiving
 * Midtrans's notifications, and two `n8n worker` processes running the executions. Everything listens on
 * 127.0.0.1 and lives in one folder under .cache/. `npm run start:queue`, `npm run test:queue` and the
 * benchmark all start it through launchQueueCluster().
 */
import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import type { Simulator } from '../simulator';
import {
	exampleCredentials,
	postgresCredential,
	simulatorIrisCredential,
	simulatorMidtransCredential,
	type CredentialToImport,
} from '../n8n/credentials';
import { N8nInstance, type N8nPorts } from '../n8n/instance';
import { launchN8n, LOCAL_OWNER, type LaunchedN8n } from '../n8n/launch';
import { MailCatcher, type MailCatcherPorts } from '../n8n/mailCatcher';
import type { N8nRestClient } from '../n8n/rest';
import { stopAllServiceProcesses } from '../n8n/processes';
import { elapsedSince, log } from '../n8n/workspace';
import { Balancer } from './balancer';
import { ensureServerPrograms } from './debianPackages';
import { PostgresServer, type PostgresLogin } from './postgres';
import { RedisServer } from './redis';
import { ShopDatabase } from './shop';

export const WEBHOOK_PROCESSES = 2;
export const WORKERS = 2;

export interface QueuePorts {
	/** The main process; its command-line imports run before it starts, so they share its task-broker port. */
	main: N8nPorts;
	postgres: number;
	redis: number;
	/** The balancer's address: webhook processes behind /webhook/, the main process behind the rest. */
	balancer: number;
	simulator: number;
	webhooks: N8nPorts[];
	workers: N8nPorts[];
	/** A second balancer address with the first webhook process only (the benchmark's one-process figure). */
	balancerOneProcess?: number;
	/** A mail catcher for the examples' e-mail steps (start:queue runs them; the test and benchmark do not). */
	mail?: MailCatcherPorts;
}

/**
 * Consecutive ports from `first`: fourteen, then one for a one-process balancer address and two for a mail
 * catcher when asked for.
 */
export function queuePorts(first: number, extras: { oneProcessBalancer?: boolean; mailCatcher?: boolean } = {}): QueuePorts {
	let next = first;
	const take = () => next++;
	const processPorts = (): N8nPorts => {
		const http = take();
		const taskBroker = take();
		return { http, taskBroker, cliTaskBroker: taskBroker };
	};
	const main = processPorts();
	const ports: QueuePorts = {
		main,
		postgres: take(),
		redis: take(),
		balancer: take(),
		simulator: take(),
		webhooks: Array.from({ length: WEBHOOK_PROCESSES }, processPorts),
		workers: Array.from({ length: WORKERS }, processPorts),
	};
	if (extras.oneProcessBalancer) ports.balancerOneProcess = take();
	if (extras.mailCatcher) ports.mail = { smtp: take(), web: take() };
	return ports;
}

/** Where the examples' SMTP credential points when no mail catcher runs: nothing listens, nothing is sent. */
const NO_MAIL_CATCHER_SMTP_PORT = 2525;

/** Passwords and n8n's encryption key (one for every process), made once per folder and kept in it. */
interface ClusterSecrets {
	encryptionKey: string;
	postgresSuperuser: string;
	n8nDatabase: string;
	shopDatabase: string;
}

function loadOrCreateSecrets(folder: string): ClusterSecrets {
	const file = join(folder, 'secrets.json');
	if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ClusterSecrets;
	const secret = () => randomBytes(18).toString('base64url');
	const secrets: ClusterSecrets = {
		encryptionKey: secret(),
		postgresSuperuser: secret(),
		n8nDatabase: secret(),
		shopDatabase: secret(),
	};
	writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
	return secrets;
}

export interface QueueClusterOptions {
	/** Everything the cluster keeps: the database, the n8n user folders, the logs. */
	folder: string;
	ports: QueuePorts;
	/** A running simulator: the Midtrans credential points at it. */
	simulator: Simulator;
	/** Workflow JSON files to import (each again only when it changed). */
	workflowFiles: string[];
	/** IDs of imported workflows to publish. */
	publish: string[];
	/** Settings for every n8n process beyond queue mode's own (the test's faster crash detection, …). */
	environment?: Record<string, string>;
	/** Executions each worker runs at once; n8n's default (10) when absent. */
	workerConcurrency?: number;
}

export interface QueueCluster {
	postgres: PostgresServer;
	redis: RedisServer;
	balancer: Balancer;
	main: N8nInstance;
	webhooks: N8nInstance[];
	workers: N8nInstance[];
	/** Logged in as the owner, on the main process. */
	rest: N8nRestClient;
	/** The example's database. */
	shop: ShopDatabase;
	/** When the ports include one. */
	mailCatcher?: MailCatcher;
	/** n8n's own database (executions, workflows). */
	n8nDatabase: PostgresLogin;
	n8nVersion: string;
	/** The production URL of a webhook trigger, through the balancer. */
	webhookUrl(webhookId: string, path?: string): string;
}

export async function launchQueueCluster(options: QueueClusterOptions): Promise<QueueCluster> {
	const started = Date.now();
	const { folder, ports } = options;
	mkdirSync(folder, { recursive: true });
	const programs = await ensureServerPrograms(join(folder, 'apt-get.log'));
	const secrets = loadOrCreateSecrets(folder);

	const postgres = new PostgresServer({
		binDir: programs.postgresBin,
		dataDir: join(folder, 'postgres'),
		port: ports.postgres,
		logFile: join(folder, 'postgres.log'),
		superuserPassword: secrets.postgresSuperuser,
	});
	if (!postgres.hasCluster()) log(`Creating a PostgreSQL database cluster in ${join(folder, 'postgres')}…`);
	await postgres.ensureCluster();
	await postgres.start();
	const n8nDatabase: PostgresLogin = { database: 'n8n', user: 'n8n', password: secrets.n8nDatabase };
	await postgres.ensureDatabase(n8nDatabase);
	const shop = new ShopDatabase(postgres, { database: 'shop', user: 'shop', password: secrets.shopDatabase });
	await shop.ensure();
	log(`PostgreSQL listening on 127.0.0.1:${ports.postgres}.`);

	const redis = new RedisServer({
		program: programs.redisServer,
		port: ports.redis,
		dir: join(folder, 'redis'),
		logFile: join(folder, 'redis.log'),
	});
	await redis.start();
	log(`Redis listening on 127.0.0.1:${ports.redis}.`);

	const balancer = new Balancer({
		program: programs.nginx,
		dir: join(folder, 'nginx'),
		mainPort: ports.main.http,
		listeners: [
			{ port: ports.balancer, webhookPorts: ports.webhooks.map((webhook) => webhook.http) },
			...(ports.balancerOneProcess ? [{ port: ports.balancerOneProcess, webhookPorts: [ports.webhooks[0].http] }] : []),
		],
	});
	await balancer.start();
	log(`nginx listening on ${balancer.url}, in front of ${WEBHOOK_PROCESSES} webhook processes.`);

	const queueEnvironment: Record<string, string> = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: n8nDatabase.database,
		DB_POSTGRESDB_USER: n8nDatabase.user,
		DB_POSTGRESDB_PASSWORD: n8nDatabase.password,
		N8N_ENCRYPTION_KEY: secrets.encryptionKey,
		// Every execution on a worker, manual ones too (the default from n8n 3 on).
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// Behind nginx: trust its X-Forwarded-For.
		N8N_PROXY_HOPS: '1',
		...options.environment,
	};
	const userFolder = (name: string) => join(folder, `n8n-${name}`);
	const webhookFolders = ports.webhooks.map((_, index) => userFolder(`webhook-${index + 1}`));
	const workerFolders = ports.workers.map((_, index) => userFolder(`worker-${index + 1}`));
	const publicUrl = `${balancer.url}/`;

	const mailCatcher = ports.mail ? await MailCatcher.start(ports.mail) : undefined;
	const credentials: CredentialToImport[] = [
		...exampleCredentials(simulatorMidtransCredential(options.simulator.url), {
			iris: simulatorIrisCredential(options.simulator.url, options.simulator.iris),
			smtpPort: ports.mail?.smtp ?? NO_MAIL_CATCHER_SMTP_PORT,
		}),
		postgresCredential({ host: postgres.host, port: postgres.port, ...shop.login }),
	];
	const launched: LaunchedN8n = await launchN8n({
		userFolder: userFolder('main'),
		ports: ports.main,
		publicUrl,
		// Production webhooks are the webhook processes' work; the main process serves the editor.
		environment: { ...queueEnvironment, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
		packageFolders: [...webhookFolders, ...workerFolders],
		// A new database (a new cluster) gets everything imported again.
		importLedgerFile: join(folder, `imports-${await postgres.systemIdentifier()}.json`),
		credentials,
		workflowFiles: options.workflowFiles,
		owner: LOCAL_OWNER,
	});
	const { installation, n8n: main, rest } = launched;
	for (const workflowId of options.publish) {
		const workflow = await rest.getWorkflow(workflowId);
		if (!workflow.active) await rest.publishWorkflow(workflowId);
	}

	const instance = (role: 'webhook' | 'worker', instanceFolder: string, instancePorts: N8nPorts) =>
		new N8nInstance({
			installation,
			userFolder: instanceFolder,
			ports: instancePorts,
			publicUrl,
			role,
			// A webhook process waits at shutdown for the executions it enqueued, up to 30 s; in n8n 2.41 it keeps
			// counting some that workers finished long ago, so every stop would take the whole 30 s.
			environment: role === 'webhook' ? { ...queueEnvironment, N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5' } : queueEnvironment,
			concurrency: role === 'worker' ? options.workerConcurrency : undefined,
		});
	const webhooks = ports.webhooks.map((webhookPorts, index) => instance('webhook', webhookFolders[index], webhookPorts));
	const workers = ports.workers.map((workerPorts, index) => instance('worker', workerFolders[index], workerPorts));
	log(`Starting ${WEBHOOK_PROCESSES} webhook processes and ${WORKERS} workers…`);
	await Promise.all([...webhooks, ...workers].map((process) => process.start()));
	log(`Queue mode is up after ${elapsedSince(started)}.`);

	return {
		postgres,
		redis,
		balancer,
		main,
		webhooks,
		workers,
		rest,
		shop,
		mailCatcher,
		n8nDatabase,
		n8nVersion: installation.release.version,
		webhookUrl: (webhookId, path = 'webhook') => `${balancer.url}/webhook/${webhookId}/${path}`,
	};
}

/** Stops every process the cluster started (n8n first, then nginx, Redis and PostgreSQL). */
export async function stopQueueCluster(): Promise<void> {
	await stopAllServiceProcesses();
}
