/**
 * `npm run test:compat`: the end-to-end suite once in every n8n release the README claims (install.ts lists
 * them), one after the other, then one line summing all of them.
 */
import { stopSuiteOnSignals, runEndToEndSuite } from './e2e';
import { N8N_RELEASES } from './install';
import { elapsedSince, log } from './workspace';

async function main(): Promise<number> {
	const started = Date.now();
	stopSuiteOnSignals();
	const total = { passed: 0, failed: 0 };
	const lines: string[] = [];
	for (const { version } of N8N_RELEASES) {
		const results = await runEndToEndSuite(version);
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
