/**
 * What `npm start` and the e2e tests both do: install n8n if missing, build and install this package as a
 * community package, import the Midtrans credential and workflows, start n8n and set up its owner account.
 */
import { createHash } from 'crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';

import { startSimulator, type Simulator } from '../simulator';
import { buildPackage, installPackageInto } from './communityPackage';
import {
	credentialsImportFile,
	exampleCredentials,
	importCredentials,
	simulatorIrisCredential,
	simulatorMidtransCredential,
	type CredentialToImport,
} from './credentials';
import { EXAMPLE_ORDERS_TABLE } from './exampleTables';
import { ensureN8nInstalled, type N8nInstallation } from './install';
import { N8nInstance, type N8nPorts } from './instance';
import { MailCatcher, type MailCatcherPorts } from './mailCatcher';
import { stopAllServiceProcesses } from './processes';
import { N8nRestClient, type OwnerAccount } from './rest';
import { exampleWorkflowFiles, type WorkflowFile } from './workflows';
import { elapsedSince, log } from './workspace';

/** The login `npm start` prints and the README documents; that n8n listens on 127.0.0.1 only. */
export const LOCAL_OWNER: OwnerAccount = {
	email: 'owner@example.com',
	password: 'Midtrans-n8n-1',
	firstName: 'Local',
	lastName: 'Owner',
};

export interface LaunchOptions {
	userFolder: string;
	ports: N8nPorts;
	/** See N8nInstanceOptions.publicUrl. */
	publicUrl?: string;
	/** See N8nInstanceOptions.environment: the same for the imports and the server. */
	environment?: Record<string, string>;
	/** Other user folders that get the package too: queue mode's webhook processes and workers. */
	packageFolders?: string[];
	/**
	 * Where the fingerprints of what was imported are kept: beside n8n's database, so that a new database gets
	 * everything imported again. Inside the user folder (where n8n keeps its SQLite database) unless told.
	 */
	importLedgerFile?: string;
	credentials: CredentialToImport[];
	/** Workflow JSON files to import; each is imported again only when its content changed. */
	workflowFiles: string[];
	owner: OwnerAccount;
	/** One of the supported releases (install.ts); the default one when absent. */
	n8nVersion?: string;
}

export interface LaunchedN8n {
	installation: N8nInstallation;
	n8n: N8nInstance;
	/** Logged in as the owner. */
	rest: N8nRestClient;
}

/**
 * Remembers, in the user folder, a fingerprint of everything imported, so that a second start skips the
 * imports (each is an n8n command that takes seconds) unless something changed.
 */
class ImportLedger {
	private readonly file: string;
	private readonly fingerprints: Record<string, string>;

	constructor(file: string) {
		this.file = file;
		this.fingerprints = existsSync(this.file)
			? (JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>)
			: {};
	}

	static fingerprint(content: string): string {
		return createHash('sha256').update(content).digest('hex');
	}

	isCurrent(key: string, content: string): boolean {
		return this.fingerprints[key] === ImportLedger.fingerprint(content);
	}

	record(key: string, content: string): void {
		this.fingerprints[key] = ImportLedger.fingerprint(content);
		writeFileSync(this.file, JSON.stringify(this.fingerprints, null, 2));
	}
}

async function importWorkflows(n8n: N8nInstance, ledger: ImportLedger, files: string[]): Promise<void> {
	const changed = files.filter((file) => !ledger.isCurrent(`workflow:${basename(file)}`, readFileSync(file, 'utf8')));
	if (!changed.length) return;
	// One command for all files: each n8n command spends seconds starting up.
	const folder = mkdtempSync(join(tmpdir(), 'n8n-midtrans-workflows-'));
	try {
		for (const file of changed) copyFileSync(file, join(folder, basename(file)));
		await n8n.cli(['import:workflow', '--separate', `--input=${folder}`]);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
	for (const file of changed) ledger.record(`workflow:${basename(file)}`, readFileSync(file, 'utf8'));
	log(`Imported ${changed.length} workflow(s): ${changed.map((file) => basename(file)).join(', ')}.`);
}

async function loginOrSetupOwner(rest: N8nRestClient, owner: OwnerAccount): Promise<void> {
	if (await rest.needsOwnerSetup()) {
		await rest.setupOwner(owner);
		log(`Owner account created: ${owner.email}.`);
	} else {
		await rest.login(owner);
	}
}

export async function launchN8n(options: LaunchOptions): Promise<LaunchedN8n> {
	const started = Date.now();
	const installation = await ensureN8nInstalled(options.n8nVersion);

	log('Building and packing n8n-nodes-midtrans…');
	await buildPackage();
	const n8n = new N8nInstance({
		installation,
		userFolder: options.userFolder,
		ports: options.ports,
		publicUrl: options.publicUrl,
		environment: options.environment,
	});
	await installPackageInto(options.userFolder, ...(options.packageFolders ?? []));

	// Beside n8n's SQLite database by default, so that removing the one removes the other.
	const ledger = new ImportLedger(options.importLedgerFile ?? join(options.userFolder, '.n8n', 'midtrans-imports.json'));
	const credentialsContent = credentialsImportFile(options.credentials);
	if (!ledger.isCurrent('credentials', credentialsContent)) {
		await importCredentials(n8n, options.credentials);
		ledger.record('credentials', credentialsContent);
		log(`Credentials created: ${options.credentials.map(({ name }) => `"${name}"`).join(', ')}.`);
	}
	await importWorkflows(n8n, ledger, options.workflowFiles);

	log('Starting n8n…');
	await n8n.start();
	try {
		const rest = new N8nRestClient(n8n.baseUrl, installation.release.version);
		await loginOrSetupOwner(rest, options.owner);
		// n8n 1.x cannot find a Data table by name; the examples that keep orders run on 2.x only.
		if (Number(installation.release.version.split('.')[0]) >= 2) await rest.ensureDataTable(EXAMPLE_ORDERS_TABLE);
		log(
			`n8n ${installation.release.version} (Node.js ${installation.nodeVersion}) is up after ${elapsedSince(started)}.`,
		);
		return { installation, n8n, rest };
	} catch (error) {
		await n8n.stop();
		throw error;
	}
}

export interface ThrowawayLaunch extends LaunchedN8n {
	simulator: Simulator;
	mailCatcher: MailCatcher;
}

/**
 * An n8n for the e2e and editor suites: a fresh temporary user folder, its own ports, a simulator on a free
 * port, a mail catcher, the examples plus the given workflows.
 */
export class ThrowawayN8n {
	readonly userFolder: string;
	private simulator?: Simulator;

	constructor(purpose: string) {
		this.userFolder = mkdtempSync(join(tmpdir(), `n8n-midtrans-${purpose}-`));
	}

	async launch(
		ports: N8nPorts & { mail: MailCatcherPorts },
		workflows: WorkflowFile[],
		n8nVersion?: string,
	): Promise<ThrowawayLaunch> {
		// A month of ten minutes: no subscription charges on its own schedule while the checks charge it.
		const simulator = await startSimulator({ port: 0, scheduleUnitMs: { month: 600_000 } });
		this.simulator = simulator;
		// A service process: dispose() stops it with n8n.
		const mailCatcher = await MailCatcher.start(ports.mail);
		const workflowFiles = workflows.map((workflow) => {
			const file = join(this.userFolder, `${workflow.id}.json`);
			writeFileSync(file, JSON.stringify(workflow));
			return file;
		});
		const launched = await launchN8n({
			userFolder: this.userFolder,
			ports,
			credentials: exampleCredentials(simulatorMidtransCredential(simulator.url), {
				iris: simulatorIrisCredential(simulator.url, simulator.iris),
				smtpPort: ports.mail.smtp,
			}),
			workflowFiles: [...exampleWorkflowFiles(), ...workflowFiles],
			owner: LOCAL_OWNER,
			n8nVersion,
		});
		return { ...launched, simulator, mailCatcher };
	}

	/** Stops n8n, the mail catcher and the simulator; the folder stays when asked, for a look at n8n.log after a failure. */
	async dispose({ keepFolder }: { keepFolder: boolean }): Promise<void> {
		await stopAllServiceProcesses();
		await this.simulator?.close();
		if (!keepFolder) rmSync(this.userFolder, { recursive: true, force: true });
	}
}
