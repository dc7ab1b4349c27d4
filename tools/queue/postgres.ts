/**
 * A PostgreSQL server of our own: a data folder under .cache/, TCP on 127.0.0.1 only (no Unix socket),
 * password logins. PostgreSQL refuses to run as root, so when we are root it runs as the `postgres` user the
 * Debian package creates. Queries go through psql, which comes with the server.
 */
import type { ChildProcess } from 'child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { waitFor } from '../n8n/checks';
import { runCommand, spawnServiceProcess, stopServiceProcess, type SystemUser } from '../n8n/processes';

const HOST = '127.0.0.1';
const SUPERUSER = 'postgres';
const READY_TIMEOUT_MS = 60_000;

export interface PostgresLogin {
	database: string;
	user: string;
	password: string;
}

export interface PostgresOptions {
	/** Folder of initdb, postgres and psql. */
	binDir: string;
	dataDir: string;
	port: number;
	logFile: string;
	/** The superuser's password, set when the data folder is made. */
	superuserPassword: string;
}

async function systemUser(name: string): Promise<SystemUser> {
	const { stdout } = await runCommand('getent', ['passwd', name]).catch(() => ({ stdout: '' }));
	const [, , uid, gid] = stdout.trim().split(':');
	if (!uid) {
		throw new Error(
			`PostgreSQL will not run as root, and this machine has no "${name}" user to run it as (Debian's postgresql package creates one)`,
		);
	}
	return { name, uid: Number(uid), gid: Number(gid) };
}

/** psql's output of `SELECT coalesce(json_agg(…), '[]')`: one line of JSON. */
function parseJsonLine<T>(stdout: string): T {
	return JSON.parse(stdout.trim() || '[]') as T;
}

export class PostgresServer {
	private server?: ChildProcess;
	/** The user the server runs as: `postgres` when we are root, else ourselves. */
	private runAs?: SystemUser;

	constructor(private readonly options: PostgresOptions) {}

	get port(): number {
		return this.options.port;
	}

	get host(): string {
		return HOST;
	}

	/** Whether the data folder already holds a database cluster. */
	hasCluster(): boolean {
		return existsSync(join(this.options.dataDir, 'PG_VERSION'));
	}

	private async owner(): Promise<SystemUser | undefined> {
		if (process.getuid?.() !== 0) return undefined;
		this.runAs ??= await systemUser(SUPERUSER);
		return this.runAs;
	}

	/** Creates the cluster (initdb) unless the data folder has one. */
	async ensureCluster(): Promise<void> {
		if (this.hasCluster()) return;
		const { binDir, dataDir, superuserPassword, logFile } = this.options;
		const user = await this.owner();
		rmSync(dataDir, { recursive: true, force: true });
		mkdirSync(dataDir, { recursive: true, mode: 0o700 });
		// initdb reads the password from a file, which must be readable by the user it runs as.
		const secretDir = mkdtempSync(join(tmpdir(), 'n8n-midtrans-pg-'));
		const passwordFile = join(secretDir, 'password');
		writeFileSync(passwordFile, superuserPassword, { mode: 0o600 });
		try {
			if (user) for (const path of [dataDir, secretDir, passwordFile]) chownSync(path, user.uid, user.gid);
			await runCommand(
				join(binDir, 'initdb'),
				[
					`--pgdata=${dataDir}`,
					`--username=${SUPERUSER}`,
					`--pwfile=${passwordFile}`,
					'--auth-host=scram-sha-256',
					'--auth-local=reject',
					'--encoding=UTF8',
					'--no-locale',
				],
				{ user, logFile },
			);
		} finally {
			rmSync(secretDir, { recursive: true, force: true });
		}
	}

	async start(): Promise<void> {
		const { binDir, dataDir, port, logFile } = this.options;
		const user = await this.owner();
		const output = openSync(logFile, 'a');
		if (user) chownSync(logFile, user.uid, user.gid);
		const server = spawnServiceProcess(
			join(binDir, 'postgres'),
			[
				'-D',
				dataDir,
				'-p',
				String(port),
				'-c',
				`listen_addresses=${HOST}`,
				'-c',
				'unix_socket_directories=',
				// n8n's processes each keep a pool, and every worker's Postgres node its own.
				'-c',
				'max_connections=200',
			],
			{ stdio: ['ignore', output, output], ...(user ? { uid: user.uid, gid: user.gid } : {}) },
			{ stopSignal: 'SIGINT', layer: 'infrastructure' },
		);
		this.server = server;
		await waitFor(
			'PostgreSQL to accept connections',
			async () => {
				if (server.exitCode !== null) throw new Error(`PostgreSQL exited with ${server.exitCode}:\n${this.logTail()}`);
				try {
					await this.query('SELECT 1');
					return true;
				} catch {
					return undefined;
				}
			},
			READY_TIMEOUT_MS,
		);
	}

	logTail(lines = 20): string {
		try {
			return readFileSync(this.options.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
		} catch {
			return '(no log)';
		}
	}

	private superuserLogin(): PostgresLogin {
		return { database: 'postgres', user: SUPERUSER, password: this.options.superuserPassword };
	}

	/** Runs SQL (one or more statements) and returns what psql printed: unaligned, tuples only. */
	async query(sql: string, login: PostgresLogin = this.superuserLogin()): Promise<string> {
		const { stdout } = await runCommand(
			join(this.options.binDir, 'psql'),
			[
				`host=${HOST} port=${this.options.port} dbname=${login.database} user=${login.user}`,
				'--no-psqlrc',
				'--quiet',
				'--tuples-only',
				'--no-align',
				'--set=ON_ERROR_STOP=1',
				'--file=-',
			],
			{ env: { ...process.env, PGPASSWORD: login.password, PGCONNECT_TIMEOUT: '5' }, input: sql },
		);
		return stdout;
	}

	/** The rows of a SELECT, as objects. */
	async rows<T>(select: string, login?: PostgresLogin): Promise<T[]> {
		return parseJsonLine<T[]>(await this.query(`SELECT coalesce(json_agg(r), '[]') FROM (${select}) r`, login));
	}

	/** A login role that owns a database of its own name… unless both exist already. */
	async ensureDatabase(login: PostgresLogin): Promise<void> {
		const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;
		const roles = await this.rows<{ rolname: string }>(`SELECT rolname FROM pg_roles WHERE rolname = ${quoted(login.user)}`);
		if (!roles.length) {
			await this.query(`CREATE ROLE "${login.user}" LOGIN PASSWORD ${quoted(login.password)}`);
		}
		const databases = await this.rows<{ datname: string }>(
			`SELECT datname FROM pg_database WHERE datname = ${quoted(login.database)}`,
		);
		if (!databases.length) await this.query(`CREATE DATABASE "${login.database}" OWNER "${login.user}"`);
	}

	/** Identifies this cluster: a new data folder gets a new one. */
	async systemIdentifier(): Promise<string> {
		return (await this.query('SELECT system_identifier FROM pg_control_system()')).trim();
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (server) await stopServiceProcess(server);
	}
}
