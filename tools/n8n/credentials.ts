/** The credentials the local n8n gets: Midtrans and Midtrans Iris (the simulator's keys, or real ones), and the mail catcher's SMTP. */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { DEFAULT_SIMULATOR_CLIENT_KEY, DEFAULT_SIMULATOR_SERVER_KEY, type IrisSimulator } from '../simulator';
import type { N8nInstance } from './instance';

/** What `n8n import:credentials` reads: plain data, which it encrypts with the instance's key. */
export interface CredentialToImport {
	/** The id the example workflows refer to, so that they open with the credential already chosen. */
	id: string;
	name: string;
	type: string;
	data: Record<string, string | number | boolean>;
}

export const MIDTRANS_CREDENTIAL_ID = 'midtransExample1';
export const IRIS_CREDENTIAL_ID = 'irisExample00001';

const REAL_ENVIRONMENTS = ['sandbox', 'production'] as const;

/**
 * Real Midtrans keys from MIDTRANS_SERVER_KEY, MIDTRANS_CLIENT_KEY and MIDTRANS_ENVIRONMENT (sandbox unless
 * it says production); undefined when no server key is set, which means: use the simulator.
 */
export function midtransCredentialFromEnvironment(env: NodeJS.ProcessEnv): CredentialToImport | undefined {
	const serverKey = env.MIDTRANS_SERVER_KEY?.trim();
	if (!serverKey) return undefined;
	const environment = (env.MIDTRANS_ENVIRONMENT?.trim() || 'sandbox') as (typeof REAL_ENVIRONMENTS)[number];
	if (!REAL_ENVIRONMENTS.includes(environment)) {
		throw new Error(`MIDTRANS_ENVIRONMENT must be sandbox or production (got "${environment}")`);
	}
	return {
		id: MIDTRANS_CREDENTIAL_ID,
		name: `Midtrans (${environment})`,
		type: 'midtransApi',
		data: { environment, serverApiKey: serverKey, clientKey: env.MIDTRANS_CLIENT_KEY?.trim() ?? '' },
	};
}

/** For a simulator started with its default keys. */
export function simulatorMidtransCredential(simulatorUrl: string): CredentialToImport {
	return {
		id: MIDTRANS_CREDENTIAL_ID,
		name: 'Midtrans (local simulator)',
		type: 'midtransApi',
		data: {
			environment: 'custom',
			baseUrl: simulatorUrl,
			serverApiKey: DEFAULT_SIMULATOR_SERVER_KEY,
			clientKey: DEFAULT_SIMULATOR_CLIENT_KEY,
		},
	};
}

/**
 * Real Iris keys from MIDTRANS_IRIS_CREATOR_KEY (and MIDTRANS_IRIS_APPROVER_KEY, MIDTRANS_IRIS_MERCHANT_KEY) in
 * MIDTRANS_ENVIRONMENT; undefined when no creator key is set, which means: use the simulator's Iris.
 */
export function irisCredentialFromEnvironment(env: NodeJS.ProcessEnv): CredentialToImport | undefined {
	const creatorApiKey = env.MIDTRANS_IRIS_CREATOR_KEY?.trim();
	if (!creatorApiKey) return undefined;
	const environment = (env.MIDTRANS_ENVIRONMENT?.trim() || 'sandbox') as (typeof REAL_ENVIRONMENTS)[number];
	if (!REAL_ENVIRONMENTS.includes(environment)) {
		throw new Error(`MIDTRANS_ENVIRONMENT must be sandbox or production (got "${environment}")`);
	}
	return {
		id: IRIS_CREDENTIAL_ID,
		name: `Midtrans Iris (${environment})`,
		type: 'midtransIrisApi',
		data: {
			environment,
			creatorApiKey,
			approverApiKey: env.MIDTRANS_IRIS_APPROVER_KEY?.trim() ?? '',
			merchantSecretKey: env.MIDTRANS_IRIS_MERCHANT_KEY?.trim() ?? '',
		},
	};
}

/** For a simulator's Iris: the same base URL as the Core API, its creator, approver and merchant keys. */
export function simulatorIrisCredential(simulatorUrl: string, iris: Pick<IrisSimulator, 'creatorKey' | 'approverKey' | 'merchantKey'>): CredentialToImport {
	return {
		id: IRIS_CREDENTIAL_ID,
		name: 'Midtrans Iris (local simulator)',
		type: 'midtransIrisApi',
		data: {
			environment: 'custom',
			baseUrl: simulatorUrl,
			creatorApiKey: iris.creatorKey,
			approverApiKey: iris.approverKey,
			merchantSecretKey: iris.merchantKey,
		},
	};
}

/** The id the example workflows' e-mail steps refer to. */
export const SMTP_CREDENTIAL_ID = 'smtpExample00001';

/** The id the queue-mode example's Postgres node refers to. */
export const POSTGRES_CREDENTIAL_ID = 'postgresShop0001';

/** n8n's Postgres credential for a database on this machine (no TLS: loopback only). */
export function postgresCredential(connection: {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
}): CredentialToImport {
	return {
		id: POSTGRES_CREDENTIAL_ID,
		name: `Postgres (${connection.database} on ${connection.host}:${connection.port})`,
		type: 'postgres',
		data: { ...connection, ssl: 'disable', allowUnauthorizedCerts: false, maxConnections: 20 },
	};
}

/**
 * The examples' e-mail steps send through the local mail catcher (mailCatcher.ts): no account needed, and
 * every message shows in its inbox. (n8n also publishes a workflow only when every node has its credentials.)
 */
export function mailCatcherSmtpCredential(smtpPort: number): CredentialToImport {
	return {
		id: SMTP_CREDENTIAL_ID,
		name: 'SMTP (local mail catcher)',
		type: 'smtp',
		data: { host: '127.0.0.1', port: smtpPort, secure: false, user: '', password: '' },
	};
}

/** The credential types exampleCredentials() provides: what `npm start` and the suites' n8n can publish with. */
export const EXAMPLE_CREDENTIAL_TYPES = ['midtransApi', 'midtransIrisApi', 'smtp'];

/** Everything the example workflows refer to: the given Midtrans and Iris credentials, and the mail catcher's SMTP. */
export function exampleCredentials(
	midtrans: CredentialToImport,
	{ iris, smtpPort }: { iris: CredentialToImport; smtpPort: number },
): CredentialToImport[] {
	return [midtrans, iris, mailCatcherSmtpCredential(smtpPort)];
}

export function credentialsImportFile(credentials: CredentialToImport[]): string {
	return JSON.stringify(credentials);
}

/** Imports (or replaces) the credentials. The file holding the keys exists only during the import. */
export async function importCredentials(n8n: N8nInstance, credentials: CredentialToImport[]): Promise<void> {
	const folder = mkdtempSync(join(tmpdir(), 'n8n-midtrans-credentials-'));
	const file = join(folder, 'credentials.json');
	try {
		writeFileSync(file, credentialsImportFile(credentials), { mode: 0o600 });
		await n8n.cli(['import:credentials', `--input=${file}`]);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}
