/**
 * The servers queue mode needs beside n8n, from the machine's Debian packages: PostgreSQL, Redis and nginx.
 * Installed with apt-get when missing (as root, or through sudo without a password); where neither works, a
 * message says what to install. Nothing is started by the install: each server runs from .cache/, on loopback,
 * and only while the script that started it runs.
 */
import { existsSync, readdirSync } from 'fs';
import { join } from 'path';

import { runCommand } from '../n8n/processes';
import { elapsedSince, log } from '../n8n/workspace';

export interface ServerPrograms {
	/** The folder of initdb, postgres and psql (Debian keeps them out of PATH, under /usr/lib/postgresql/<major>/bin). */
	postgresBin: string;
	redisServer: string;
	nginx: string;
}

const POSTGRES_ROOT = '/usr/lib/postgresql';

function findPostgresBin(): string | undefined {
	if (!existsSync(POSTGRES_ROOT)) return undefined;
	const majors = readdirSync(POSTGRES_ROOT)
		.filter((entry) => /^\d+$/.test(entry) && existsSync(join(POSTGRES_ROOT, entry, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? join(POSTGRES_ROOT, majors[0], 'bin') : undefined;
}

function firstExisting(paths: string[]): string | undefined {
	return paths.find((path) => existsSync(path));
}

interface Requirement {
	what: string;
	debianPackage: string;
	find: () => string | undefined;
}

const REQUIREMENTS = {
	postgresBin: { what: 'PostgreSQL', debianPackage: 'postgresql', find: findPostgresBin },
	redisServer: {
		what: 'Redis',
		debianPackage: 'redis-server',
		find: () => firstExisting(['/usr/bin/redis-server', '/usr/local/bin/redis-server']),
	},
	nginx: { what: 'nginx', debianPackage: 'nginx', find: () => firstExisting(['/usr/sbin/nginx', '/usr/local/sbin/nginx']) },
} satisfies Record<keyof ServerPrograms, Requirement>;

/**
 * apt-get as Debian's own image builds use it: services are not started by the packages' install scripts
 * (a policy-rc.d that says no, for the length of the install, unless the machine already has one), so that
 * installing starts no system-wide PostgreSQL, Redis or nginx on their usual ports.
 */
function aptInstallScript(packages: string[]): string {
	const list = packages.join(' ');
	return `set -e
created=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && created=yes
fi
trap '[ -n "$created" ] && rm -f /usr/sbin/policy-rc.d' EXIT
if ! apt-cache show ${list} > /dev/null 2>&1; then apt-get update; fi
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${list}
`;
}

async function canSudoWithoutPassword(): Promise<boolean> {
	try {
		await runCommand('sudo', ['-n', 'true']);
		return true;
	} catch {
		return false;
	}
}

/** Finds the three servers, installing the missing ones with apt-get; throws a message saying what to do otherwise. */
export async function ensureServerPrograms(logFile: string): Promise<ServerPrograms> {
	const entries = Object.entries(REQUIREMENTS) as Array<[keyof ServerPrograms, Requirement]>;
	const missing = entries.filter(([, requirement]) => !requirement.find());
	if (missing.length) {
		const packages = missing.map(([, requirement]) => requirement.debianPackage);
		const names = missing.map(([, requirement]) => requirement.what).join(', ');
		const manual = `sudo apt-get install ${packages.join(' ')}`;
		if (!existsSync('/usr/bin/apt-get')) {
			throw new Error(
				`queue mode needs ${names}, which this machine lacks, and it has no apt-get to install them with. Install them with its package manager (Debian: ${manual}), then run this again.`,
			);
		}
		const asRoot = process.getuid?.() === 0;
		if (!asRoot && !(await canSudoWithoutPassword())) {
			throw new Error(`queue mode needs ${names}, which this machine lacks. Install them (${manual}), then run this again.`);
		}
		const started = Date.now();
		log(`Installing ${packages.join(', ')} from Debian's packages (first run only; log: ${logFile})…`);
		const script = aptInstallScript(packages);
		await runCommand(asRoot ? 'sh' : 'sudo', asRoot ? ['-c', script] : ['-n', 'sh', '-c', script], { logFile });
		log(`Installed ${packages.join(', ')} in ${elapsedSince(started)}.`);
	}
	const found = Object.fromEntries(
		entries.map(([key, requirement]) => {
			const path = requirement.find();
			if (!path) throw new Error(`${requirement.what} is still missing after installing ${requirement.debianPackage}`);
			return [key, path];
		}),
	);
	return found as unknown as ServerPrograms;
}
