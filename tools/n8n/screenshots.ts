/**
 * `npm run screenshots`: pictures of the n8n editor with the Midtrans nodes, for the README, taken in
 * headless Chromium (Debian's `chromium` package: apt-get install chromium) from a throwaway n8n and simulator.
 */
import { mkdirSync } from 'fs';
import { join } from 'path';

import { chromium, type Page } from 'playwright-core';

import { DEFAULT_SIMULATOR_SERVER_KEY, type Simulator } from '../simulator';
import { NODE_TYPES } from './communityPackage';
import { TRIGGER_WORKFLOW, triggerWorkflow } from './e2eWorkflows';
import { LOCAL_OWNER, ThrowawayN8n } from './launch';
import { shutDownOnSignals } from './processes';
import { readWorkflow } from './workflows';
import { EXAMPLES_DIR, log, REPO_ROOT } from './workspace';

const PORTS = { http: 5698, taskBroker: 5699, cliTaskBroker: 5700, mail: { smtp: 5701, web: 5702 } };
const SCREENSHOTS_DIR = join(REPO_ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps calling Google's hosts, which this machine refuses.
const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const CHARGE_EXAMPLE_FILE = 'charge-check-and-cancel.json';

async function signIn(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	await page.fill('input[name=emailOrLdapLoginId]', LOCAL_OWNER.email);
	await page.fill('input[name=password]', LOCAL_OWNER.password);
	await page.click('[data-test-id=form-submit-button]');
	await page.waitForURL((url) => !url.pathname.includes('signin'));
}

async function openWorkflow(page: Page, baseUrl: string, workflowId: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/${workflowId}`);
	await page.waitForSelector('[data-test-id=canvas-node]');
	// Toasts ("Workflow executed successfully") would cover the output panel.
	await page.addStyleTag({ content: '.el-notification { display: none !important; }' });
	await page.click('[data-test-id=zoom-to-fit]');
}

async function save(page: Page, name: string): Promise<void> {
	// Animations (panels sliding in, nodes turning green) settle within a second.
	await page.waitForTimeout(1000);
	const file = join(SCREENSHOTS_DIR, name);
	await page.screenshot({ path: file });
	log(`Saved ${file.slice(REPO_ROOT.length + 1)}.`);
}

async function shootNodePanel(page: Page): Promise<void> {
	await page.click('[data-test-id=node-creator-plus-button]');
	await page.keyboard.type('Midtrans');
	await page
		.locator('[data-test-id=node-creator-item-name]', { hasText: /^Midtrans$/ })
		.first()
		.click();
	await page.waitForSelector('[data-test-id=node-creator-action-item]');
	await save(page, 'node-panel.png');
	await page.keyboard.press('Escape');
}

async function shootChargeOutput(page: Page, chargeNodeName: string): Promise<void> {
	await page.click('[data-test-id=execute-workflow-button]');
	await page.waitForSelector('[data-test-id=canvas-node-status-success]');
	await page.locator('[data-test-id=canvas-node]', { hasText: chargeNodeName }).dblclick();
	await page.locator('[data-test-id=output-panel] [data-test-id=radio-button-json]').click();
	await save(page, 'charge-output.png');
	await page.click('[data-test-id=ndv-close-button]');
}

/** Listens for a test event in the editor, and has the simulator send a paid order's notification to it. */
async function shootTriggerOutputs(page: Page, baseUrl: string, simulator: Simulator): Promise<void> {
	const orderId = `order-${Date.now()}`;
	const charge = await fetch(`${simulator.url}/v2/charge`, {
		method: 'POST',
		headers: {
			authorization: `Basic ${Buffer.from(`${DEFAULT_SIMULATOR_SERVER_KEY}:`).toString('base64')}`,
			'content-type': 'application/json',
		},
		body: JSON.stringify({ payment_type: 'gopay', transaction_details: { order_id: orderId, gross_amount: 25000 } }),
	});
	if (!charge.ok) throw new Error(`the simulator refused the charge: ${await charge.text()}`);
	await simulator.pay(orderId);

	await page.click('[data-test-id=execute-workflow-button]');
	await page.waitForTimeout(1500);
	await simulator.notify({
		url: `${baseUrl}/webhook-test/${TRIGGER_WORKFLOW.webhookId}/webhook`,
		status: 'settlement',
		orderId,
		retry: false,
	});
	await page.waitForSelector('[data-test-id=canvas-node-status-success]');
	await save(page, 'trigger-outputs.png');
	await page.locator('[data-test-id=canvas-node]', { hasText: TRIGGER_WORKFLOW.triggerNode }).dblclick();
	await page.locator('[data-test-id=output-panel] [data-test-id=radio-button-json]').click();
	await save(page, 'trigger-output-data.png');
}

async function main(): Promise<void> {
	mkdirSync(SCREENSHOTS_DIR, { recursive: true });
	const chargeExample = readWorkflow(join(EXAMPLES_DIR, CHARGE_EXAMPLE_FILE));
	const chargeNode = chargeExample.nodes.find((node) => node.type === NODE_TYPES.midtrans)!;
	const throwaway = new ThrowawayN8n('screenshots');
	shutDownOnSignals(130, () => throwaway.dispose({ keepFolder: false }));
	try {
		const { n8n, simulator } = await throwaway.launch(PORTS, [triggerWorkflow()]);
		const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
		try {
			const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
			await signIn(page, n8n.baseUrl);
			await openWorkflow(page, n8n.baseUrl, chargeExample.id);
			await shootNodePanel(page);
			await shootChargeOutput(page, chargeNode.name);
			await openWorkflow(page, n8n.baseUrl, TRIGGER_WORKFLOW.id);
			await shootTriggerOutputs(page, n8n.baseUrl, simulator);
		} finally {
			await browser.close();
		}
	} finally {
		await throwaway.dispose({ keepFolder: false });
	}
}

main().catch((error: Error) => {
	console.error(`[n8n-midtrans] screenshots failed: ${error.message}`);
	process.exit(1);
});
