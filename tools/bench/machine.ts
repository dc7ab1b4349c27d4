/** What the figures were measured on: the machine, and the versions of Node and n8n. */
import { readFileSync } from 'fs';
import { cpus, loadavg, release, totalmem, type } from 'os';
import { join } from 'path';

import { findRelease, N8N_VERSION } from '../n8n/install';
import { REPO_ROOT } from '../n8n/workspace';

export interface MachineDescription {
	date: string;
	cpu: string;
	cores: number;
	memoryGiB: number;
	os: string;
	/** The 1-minute load average when the benchmark started: other work on the machine skews the figures. */
	loadAverage: number;
	node: string;
	engine: string;
	realN8n: string;
}

function installedVersion(packageName: string): string {
	const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', packageName, 'package.json'), 'utf8')) as {
		version: string;
	};
	return manifest.version;
}

/** The Node the benchmark's n8n release runs on: its own from the registry, or this one. */
function realN8nNode(): string {
	const { node } = findRelease(N8N_VERSION);
	return 'fromRegistry' in node ? `v${node.fromRegistry}` : process.version;
}

export function describeMachine(): MachineDescription {
	const processors = cpus();
	return {
		date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
		cpu: processors[0]?.model.trim() ?? 'unknown',
		cores: processors.length,
		memoryGiB: Math.round(totalmem() / 2 ** 30),
		os: `${type()} ${release()}`,
		loadAverage: loadavg()[0],
		node: process.version,
		engine: `n8n-core ${installedVersion('n8n-core')}, n8n-workflow ${installedVersion('n8n-workflow')}`,
		realN8n: `n8n ${N8N_VERSION} on Node ${realN8nNode()}`,
	};
}
