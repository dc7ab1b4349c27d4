/**
 * Checks the package exactly as npm would publish it, before it is published:
 * the tarball holds only what n8n loads, package.json is what a verified community node must have,
 * and both the tarball and the sources pass the linter of n8n's own community-package scanner,
 * with inline `eslint-disable` comments ignored as the scanner ignores them.
 *
 * Run after `npm run build`: `npm run check:package`.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

interface PackResult {
	filename: string;
	files: Array<{ path: string; size: number }>;
}

const root = resolve(__dirname, '../..');
const checks: Array<{ name: string; problems: string[] }> = [];

function check(name: string, problems: string[]) {
	checks.push({ name, problems });
	const mark = problems.length ? 'FAIL' : 'ok  ';
	console.log(`${mark} ${name}`);
	for (const problem of problems) console.log(`     - ${problem}`);
}

/** What a published file may be: the compiled nodes and credential with their icons and codex files, and the docs. */
const ALLOWED_FILE = /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/(index\.js|(credentials|nodes)\/.+\.(js|svg|png|json)))$/;

async function main() {
	const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	const packDir = mkdtempSync(join(tmpdir(), 'midtrans-pack-'));
	try {
		const [pack] = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: root, encoding: 'utf8' }),
		) as PackResult[];
		const files = pack.files.map((file) => file.path).sort();

		check(
			'the tarball holds only dist (compiled nodes, credential, icons, codex), README, LICENSE',
			files.filter((file) => !ALLOWED_FILE.test(file)).map((file) => `unexpected file: ${file}`),
		);
		const declared = [...manifest.n8n.credentials, ...manifest.n8n.nodes] as string[];
		check(
			'every node and credential package.json declares is in the tarball, with its codex file and icons',
			declared.flatMap((path) => {
				const missing = files.includes(path) ? [] : [`missing ${path}`];
				if (path.includes('/nodes/')) {
					const codex = path.replace(/\.js$/, '.json');
					if (!files.includes(codex)) missing.push(`missing codex ${codex}`);
				}
				return missing;
			}),
		);
		const icons = files.filter((file) => file.endsWith('.svg'));
		check(
			'light and dark icons are both shipped',
			icons.some((file) => file.endsWith('.dark.svg')) && icons.some((file) => !file.endsWith('.dark.svg'))
				? []
				: ['need a light and a dark SVG icon'],
		);
		check(
			'no runtime dependencies; peerDependencies only n8n-workflow "*"',
			[
				...Object.keys(manifest.dependencies ?? {}).map((name) => `runtime dependency: ${name}`),
				...(JSON.stringify(manifest.peerDependencies) === JSON.stringify({ 'n8n-workflow': '*' })
					? []
					: [`peerDependencies must be exactly {"n8n-workflow":"*"}, got ${JSON.stringify(manifest.peerDependencies)}`]),
			],
		);
		check(
			'MIT licence, community-node keyword, repository, homepage and bugs',
			[
				manifest.license === 'MIT' ? '' : 'license must be MIT',
				manifest.keywords?.includes('n8n-community-node-package') ? '' : 'keyword n8n-community-node-package missing',
				manifest.repository?.url ? '' : 'repository missing',
				manifest.homepage ? '' : 'homepage missing',
				manifest.bugs?.url ? '' : 'bugs missing',
				files.includes('LICENSE') ? '' : 'LICENSE not in the tarball',
			].filter(Boolean),
		);

		execFileSync('tar', ['-xzf', join(packDir, pack.filename), '-C', packDir], { cwd: packDir });
		// The scanner's own module: the same rules, the same config, inline disables off.
		const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
		const tarballScan = await scanner.analyzePackage(join(packDir, 'package'));
		check(
			'the published files pass n8n’s community-package scanner lint',
			tarballScan.passed ? [] : [`${tarballScan.message}\n${tarballScan.details ?? ''}`],
		);
		const sourceScan = await scanner.analyzePackage(root, scanner.SOURCE_FILE_PATTERNS);
		check(
			'the sources pass n8n’s community-package scanner lint',
			sourceScan.passed ? [] : [`${sourceScan.message}\n${sourceScan.details ?? ''}`],
		);
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}

	const failed = checks.filter((entry) => entry.problems.length).length;
	console.log(`package: ${checks.length - failed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
