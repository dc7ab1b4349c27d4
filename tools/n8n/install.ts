/**
 * Installs a supported n8n release, and the Node.js it needs, into the git-ignored .cache/ folder, once per
 * release. Nothing is installed system-wide: a Node other than the one running this script comes from the npm
 * registry's `node` package.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';

import { runCommand } from './processes';
import { CACHE_DIR, elapsedSince, log } from './workspace';

/** How one n8n release installs and runs on this kind of machine (the npm registry, and nothing else outside). */
export interface N8nRelease {
	version: string;
	/**
	 * The Node.js it runs on: a version from the npm registry's `node` package, or the Node that runs this
	 * script (checked against the oldest that release accepts).
	 */
	node: { fromRegistry: string } | { system: { minimum: string } };
	/** Dependencies replaced by versions the registry has (npm `overrides`), each with the reason. */
	overrides: Record<string, { version: string; why: string }>;
	/** Native modules n8n cannot start without; built from source after an install with scripts off. */
	nativeModules: string[];
	/** Settings n8n needs here, added to its environment. */
	environment: Record<string, string>;
}

const LINKEDOM_OVERRIDE = { version: '0.18.14', why: 'linkedom 0.18.15 needs a package the registry does not have' };
const XLSX_OVERRIDE = {
	version: '0.18.5',
	why: 'n8n-nodes-base 1.x fetches xlsx from cdn.sheetjs.com, not the registry',
};

/** The releases the README claims, each tested by `npm run test:compat`; the first is the default. */
export const N8N_RELEASES: readonly N8nRelease[] = [
	{
		version: '2.41.1',
		node: { fromRegistry: '24.21.0' },
		overrides: { linkedom: LINKEDOM_OVERRIDE },
		nativeModules: ['sqlite3', 'isolated-vm'],
		environment: {},
	},
	{
		version: '1.123.81',
		node: { system: { minimum: '20.19.0' } },
		overrides: { xlsx: XLSX_OVERRIDE },
		// isolated-vm 6.2, which this release's default "vm" expression engine needs, does not compile for
		// Node 20; n8n then refuses to start. Its "legacy" engine (n8n's default before the vm engine) works.
		nativeModules: ['sqlite3'],
		environment: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
];

/** The n8n release `npm start` and `npm run test:e2e` use unless told otherwise. */
export const N8N_VERSION = N8N_RELEASES[0].version;

export interface N8nInstallation {
	release: N8nRelease;
	/** The executable of the Node.js this release runs on. */
	nodeBinary: string;
	/** Its version, as `node --version` prints it. */
	nodeVersion: string;
	/** n8n's command-line entry point, run with nodeBinary. */
	n8nEntry: string;
	/**
	 * The environment under which `node` and `npm` mean that Node and native addons build against its headers,
	 * plus the release's settings. A function: n8n gets this process's environment as it is when n8n starts.
	 */
	environment: () => NodeJS.ProcessEnv;
}

export function findRelease(version: string): N8nRelease {
	const release = N8N_RELEASES.find((candidate) => candidate.version === version);
	if (!release) {
		const supported = N8N_RELEASES.map((candidate) => candidate.version).join(', ');
		throw new Error(`n8n ${version} is not among the supported releases (${supported})`);
	}
	return release;
}

// Written last, so an interrupted install is redone rather than half used.
const COMPLETE_MARKER = '.install-complete';

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

/** The Node a release runs on: where it is, and how to install it when it comes from the registry. */
interface NodeRuntime {
	binary: string;
	/** Prepended to PATH, so that `node` (and npm's scripts) mean this Node; none for the system Node. */
	binFolder?: string;
	/** Its headers, for native builds: the machine's npm config points at the system Node's. */
	headers?: string;
	install: () => Promise<void>;
}

function registryNode(version: string): NodeRuntime {
	const folder = join(CACHE_DIR, `node-${version}`);
	const packageFolder = join(folder, 'node_modules', 'node');
	const binary = join(packageFolder, 'bin', 'node');
	return {
		binary,
		binFolder: join(packageFolder, 'bin'),
		headers: join(packageFolder, 'node_modules', `node-linux-${process.arch}`),
		install: async () => {
			if (isComplete(folder, version)) return;
			const started = Date.now();
			log(`Installing Node.js ${version} from the npm registry into .cache/ (first run only)…`);
			// The node package needs its install script (it installs the platform's binary package), and the
			// project's .npmrc turns install scripts off.
			const logFile = startFreshFolder(folder, { private: true, dependencies: { node: version } });
			await runCommand('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts=false'], {
				cwd: folder,
				logFile,
			});
			const reported = (await runCommand(binary, ['--version'])).stdout.trim();
			if (reported !== `v${version}`) throw new Error(`${binary} reports ${reported}, expected v${version}`);
			writeFileSync(join(folder, COMPLETE_MARKER), version);
			log(`Node.js ${version} installed in ${elapsedSince(started)}.`);
		},
	};
}

function isAtLeast(version: string, minimum: string): boolean {
	const [actual, wanted] = [version, minimum].map((text) => text.replace(/^v/, '').split('.').map(Number));
	for (let part = 0; part < wanted.length; part++) {
		if (actual[part] !== wanted[part]) return (actual[part] ?? 0) > wanted[part];
	}
	return true;
}

function systemNode(minimum: string, release: string): NodeRuntime {
	return {
		binary: process.execPath,
		install: async () => {
			if (!isAtLeast(process.version, minimum)) {
				throw new Error(`n8n ${release} needs Node.js ${minimum} or newer; this is Node.js ${process.version}`);
			}
		},
	};
}

function nodeRuntimeFor(release: N8nRelease): NodeRuntime {
	return 'fromRegistry' in release.node
		? registryNode(release.node.fromRegistry)
		: systemNode(release.node.system.minimum, release.version);
}

function nodeEnvironment(runtime: NodeRuntime, release: N8nRelease): NodeJS.ProcessEnv {
	return {
		...process.env,
		...(runtime.binFolder ? { PATH: `${runtime.binFolder}:${process.env.PATH ?? ''}` } : {}),
		...(runtime.headers ? { npm_config_nodedir: runtime.headers } : {}),
		...release.environment,
	};
}

function n8nFolderFor(release: N8nRelease): string {
	return join(CACHE_DIR, `n8n-${release.version}`);
}

/**
 * What the completion marker holds. Native modules built for the system Node must be built again when that
 * Node changes its module ABI; a Node from the registry is pinned, so the version alone identifies those.
 */
function installIdentity(release: N8nRelease): string {
	return 'system' in release.node ? `${release.version} for Node ABI ${process.versions.modules}` : release.version;
}

async function installN8n(release: N8nRelease, runtime: NodeRuntime): Promise<void> {
	const env = nodeEnvironment(runtime, release);
	const folder = n8nFolderFor(release);
	const identity = installIdentity(release);
	if (isComplete(folder, identity)) return;
	const started = Date.now();
	log(`Installing n8n ${release.version} into .cache/ (first run only; about 5 minutes, 2 to 3 GB)…`);
	const overrides = Object.fromEntries(Object.entries(release.overrides).map(([name, { version }]) => [name, version]));
	const logFile = startFreshFolder(folder, { private: true, dependencies: { n8n: release.version }, overrides });
	await runCommand('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: folder, env, logFile });
	// Install scripts stay off above: some fetch binaries from outside the registry (the Kafka node's does).
	// The native modules n8n cannot start without build from source here.
	log(`Building n8n’s native modules (${release.nativeModules.join(', ')})…`);
	// Scripts explicitly on: under `npm run`, the project's ignore-scripts=true reaches this npm as an
	// environment variable, and npm rebuild then builds nothing and still reports success.
	await runCommand('npm', ['rebuild', '--ignore-scripts=false', ...release.nativeModules], {
		cwd: folder,
		env,
		logFile,
	});
	// npm rebuild reports success even when a module's build script failed.
	const loadEach = release.nativeModules.map((name) => `require(${JSON.stringify(name)});`).join('');
	await runCommand(runtime.binary, ['-e', loadEach], { cwd: folder, env });
	writeFileSync(join(folder, COMPLETE_MARKER), identity);
	log(`n8n ${release.version} installed in ${elapsedSince(started)}.`);
}

/** Makes sure the release and its Node are in .cache/, installing what is missing; fast when both are there. */
export async function ensureN8nInstalled(version: string = N8N_VERSION): Promise<N8nInstallation> {
	const release = findRelease(version);
	const runtime = nodeRuntimeFor(release);
	await runtime.install();
	await installN8n(release, runtime);
	return {
		release,
		nodeBinary: runtime.binary,
		nodeVersion: (await runCommand(runtime.binary, ['--version'])).stdout.trim(),
		n8nEntry: join(n8nFolderFor(release), 'node_modules', 'n8n', 'bin', 'n8n'),
		environment: () => nodeEnvironment(runtime, release),
	};
}
