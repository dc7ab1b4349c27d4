/**
 * Installs a pinned n8n, and the Node.js 24 it needs, into the git-ignored .cache/ folder, once.
 * Nothing is installed system-wide: Node 24 comes from the npm registry's `node` package.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';

import { runCommand } from './processes';
import { CACHE_DIR, elapsedSince, log } from './workspace';

export const N8N_VERSION = '2.41.1';
export const NODE_VERSION = '24.21.0';

export interface N8nInstallation {
	/** Node 24's executable. */
	nodeBinary: string;
	/** n8n's command-line entry point, run with nodeBinary. */
	n8nEntry: string;
	/** The environment under which `node` and `npm` mean Node 24 and native addons build against its headers. */
	node24Env: NodeJS.ProcessEnv;
}

const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];

const nodeFolder = join(CACHE_DIR, `node-${NODE_VERSION}`);
const n8nFolder = join(CACHE_DIR, `n8n-${N8N_VERSION}`);
// Written last, so an interrupted install is redone rather than half used.
const COMPLETE_MARKER = '.install-complete';

function node24Paths() {
	const packageFolder = join(nodeFolder, 'node_modules', 'node');
	return {
		binFolder: join(packageFolder, 'bin'),
		binary: join(packageFolder, 'bin', 'node'),
		// The machine's npm config may point native builds at the system Node's headers.
		headers: join(packageFolder, 'node_modules', `node-linux-${process.arch}`),
	};
}

function isComplete(folder: string, expectedContent: string): boolean {
	const marker = join(folder, COMPLETE_MARKER);
	return existsSync(marker) && readFileSync(marker, 'utf8') === expectedContent;
}

/** Empties the folder: npm would prune what an install script added (Node's platform package) on a rerun. */
function startFreshFolder(folder: string, packageJson: object): string {
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	writeFileSync(join(folder, 'package.json'), JSON.stringify(packageJson, null, 2));
	const logFile = join(folder, 'install.log');
	writeFileSync(logFile, '');
	return logFile;
}

async function ensureNode24(): Promise<void> {
	if (isComplete(nodeFolder, NODE_VERSION)) return;
	const started = Date.now();
	log(`Installing Node.js ${NODE_VERSION} from the npm registry into .cache/ (first run only)…`);
	// The node package needs its install script (it installs the platform's binary package), and the
	// project's .npmrc turns install scripts off.
	const logFile = startFreshFolder(nodeFolder, { private: true, dependencies: { node: NODE_VERSION } });
	await runCommand('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts=false'], {
		cwd: nodeFolder,
		logFile,
	});
	const { binary } = node24Paths();
	const version = (await runCommand(binary, ['--version'])).stdout.trim();
	if (version !== `v${NODE_VERSION}`) throw new Error(`${binary} reports ${version}, expected v${NODE_VERSION}`);
	writeFileSync(join(nodeFolder, COMPLETE_MARKER), NODE_VERSION);
	log(`Node.js ${NODE_VERSION} installed in ${elapsedSince(started)}.`);
}

function node24Environment(): NodeJS.ProcessEnv {
	const { binFolder, headers } = node24Paths();
	return {
		...process.env,
		PATH: `${binFolder}:${process.env.PATH ?? ''}`,
		npm_config_nodedir: headers,
	};
}

async function ensureN8n(env: NodeJS.ProcessEnv): Promise<void> {
	if (isComplete(n8nFolder, N8N_VERSION)) return;
	const started = Date.now();
	log(`Installing n8n ${N8N_VERSION} into .cache/ (first run only; about 5 minutes, 3 GB)…`);
	const logFile = startFreshFolder(n8nFolder, {
		private: true,
		dependencies: { n8n: N8N_VERSION },
		// linkedom 0.18.15 depends on a package the registry does not have.
		overrides: { linkedom: '0.18.14' },
	});
	await runCommand('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: n8nFolder, env, logFile });
	// Install scripts stay off above: some fetch binaries from outside the registry (the Kafka node's does).
	// These two native modules are the ones n8n cannot start without, and build from source here.
	log('Building n8n’s native modules (sqlite3, isolated-vm) for Node 24…');
	// Scripts explicitly on: under `npm run`, the project's ignore-scripts=true reaches this npm as an
	// environment variable, and npm rebuild then builds nothing and still reports success.
	await runCommand('npm', ['rebuild', '--ignore-scripts=false', ...NATIVE_MODULES], { cwd: n8nFolder, env, logFile });
	// npm rebuild reports success even when a module's build script failed.
	const loadEach = NATIVE_MODULES.map((name) => `require(${JSON.stringify(name)});`).join('');
	await runCommand('node', ['-e', loadEach], { cwd: n8nFolder, env });
	writeFileSync(join(n8nFolder, COMPLETE_MARKER), N8N_VERSION);
	log(`n8n ${N8N_VERSION} installed in ${elapsedSince(started)}.`);
}

/** Makes sure Node 24 and n8n are in .cache/, installing what is missing; fast when both are there. */
export async function ensureN8nInstalled(): Promise<N8nInstallation> {
	await ensureNode24();
	const node24Env = node24Environment();
	await ensureN8n(node24Env);
	return {
		nodeBinary: node24Paths().binary,
		n8nEntry: join(n8nFolder, 'node_modules', 'n8n', 'bin', 'n8n'),
		node24Env,
	};
}
