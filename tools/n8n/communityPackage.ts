/** Builds this package and puts it where n8n looks for installed community packages. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { runCommand } from './processes';
import { REPO_ROOT } from './workspace';

export const PACKAGE_NAME = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string })
	.name;

/** Node types as n8n names them once the package is installed as a community package. */
export const NODE_TYPES = {
	midtrans: `${PACKAGE_NAME}.midtrans`,
	midtransTrigger: `${PACKAGE_NAME}.midtransTrigger`,
	midtransPayouts: `${PACKAGE_NAME}.midtransPayouts`,
	midtransPayoutsTrigger: `${PACKAGE_NAME}.midtransPayoutsTrigger`,
} as const;

export async function buildPackage(): Promise<void> {
	await runCommand('npm', ['run', 'build'], { cwd: REPO_ROOT });
}

/**
 * Installs the built package the way n8n's community-package installer leaves it: the `npm pack` tarball,
 * so only the published files, unpacked under each user folder's nodes/node_modules (in queue mode every n8n
 * process has its own user folder, and each needs the package).
 */
export async function installPackageInto(...userFolders: string[]): Promise<void> {
	const packDir = mkdtempSync(join(tmpdir(), 'n8n-midtrans-pack-'));
	try {
		const { stdout } = await runCommand('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: REPO_ROOT });
		const [{ filename }] = JSON.parse(stdout) as Array<{ filename: string }>;
		for (const userFolder of userFolders) {
			const target = join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
			rmSync(target, { recursive: true, force: true });
			mkdirSync(target, { recursive: true });
			await runCommand('tar', ['-xzf', join(packDir, filename), '-C', target, '--strip-components=1']);
		}
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
}
