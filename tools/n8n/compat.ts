/**
 * `npm run test:compat`: the end-to-end suite once in every n8n release the README claims (install.ts lists
 * them), one after the other, then one line summing all of them. In the default release the editor checks
 * (editor.ts) follow in the same n8n, their screenshots in a temporary folder (`--skip-editor` leaves them out,
 * on a machine without Chromium).
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseArgs } from 'util';

import { stopSuiteOnSignals, runEndToEndSuite } from './e2e';
import { N8N_RELEASES, N8N_VERSION } from './install';
import { elapsedSince, log } from './workspace';

async function main(): Promise<number> {
	const started = Date.now();
	const { values } = parseArgs({ options: { 'skip-editor': { type: 'boolean', default: false } } });
	stopSuiteOnSignals();
	const total = { passed: 0, failed: 0 };
	const lines: string[] = [];
	for (const { version } of N8N_RELEASES) {
		const withEditor = version === N8N_VERSION && !values['skip-editor'];
		const results = await runEndToEndSuite(version, {
			editorScreenshotsDir: withEditor ? mkdtempSync(join(tmpdir(), 'n8n-midtrans-editor-screenshots-')) : undefined,
		});
		total.passed += results.passed;
		total.failed += results.failed;
		lines.push(`  n8n ${version}: ${results.passed} passed, ${results.failed} failed`);
	}
	log(`Compatibility run took ${elapsedSince(started)}.`);
	console.log(`\nEnd-to-end checks by n8n release:\n${lines.join('\n')}`);
	console.log(`${total.passed} passed, ${total.failed} failed`);
	return total.failed ? 1 : 0;
}

void main().then((code) => process.exit(code));
