/**
 * `npm run test:editor`: what a merchant sees in n8n's editor, in headless Chromium (Debian's `chromium`
 * package, driven by playwright-core), against a real n8n with this package installed, the simulator and the
 * mail catcher. Every check reads what is on screen (and what the simulator, the mail catcher and n8n's Data
 * table then hold), and names what it saw when it fails. The pictures it takes are the README's screenshots:
 * `npm run screenshots` (this suite with --screenshots) writes them to docs/screenshots/.
 *
 * The same checks run inside `npm run test:compat` in the default n8n release, after the end-to-end checks,
 * in that suite's n8n: CI starts no n8n for them alone.
 */
import { strict as assert } from 'assert';
import { existsSync, mkdirSync } from 'fs';
import { basename, join } from 'path';
import { parseArgs } from 'util';

import { chromium, type Browser, type Page } from 'playwright-core';

import { NODE_PANEL_DESCRIPTION } from '../../nodes/shared/constants';
import { payment } from '../../nodes/Midtrans/actions/payment';
import type { Simulator } from '../simulator';
import { DEFAULT_SIMULATOR_SERVER_KEY } from '../simulator';
import { signatureFor } from '../simulator/signature';
import { EXACTLY_ONCE_EXAMPLE_FILE } from '../queue/example';
import { CheckList, waitFor, type CheckResults } from './checks';
import { pressApprovalButton } from './e2ePayouts';
import { suitePorts } from './ports';
import { NODE_TYPES } from './communityPackage';
import { MIDTRANS_CREDENTIAL_ID } from './credentials';
import { EXAMPLE_ORDERS_TABLE } from './exampleTables';
import type { N8nInstance } from './instance';
import { LOCAL_OWNER, ThrowawayN8n } from './launch';
import { type MailCatcher, sentTo } from './mailCatcher';
import { shutDownOnSignals } from './processes';
import type { N8nRestClient } from './rest';
import { exampleWorkflowFiles, readWorkflow, type WorkflowFile } from './workflows';
import { elapsedSince, log, REPO_ROOT } from './workspace';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// As root Chromium needs --no-sandbox; without the background-networking flags it keeps calling Google's
// hosts, which this machine refuses.
const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
export const README_SCREENSHOTS_DIR = join(REPO_ROOT, 'docs', 'screenshots');

/** Its own ports (EDITOR_N8N_PORT and the four after it), apart from `npm start`, the e2e suite and the bench. */
const EDITOR_HTTP_PORT = Number(process.env.EDITOR_N8N_PORT ?? 5700);

const EXAMPLE_FILES = {
	charge: 'charge-check-and-cancel.json',
	indomaret: 'indomaret-payment-code-by-email.json',
	gopay: 'gopay-qr-link-by-whatsapp.json',
	trigger: 'settlement-marks-paid-expire-sends-reminder.json',
	paymentLink: 'payment-link-by-whatsapp.json',
	subscription: 'monthly-subscription-reminder-on-failed-charge.json',
	payouts: 'approve-payouts-by-email.json',
} as const;

/** How long a workflow run in the editor may take before the check gives up. */
const RUN_TIMEOUT_MS = 60_000;

export interface EditorContext {
	n8n: N8nInstance;
	rest: N8nRestClient;
	simulator: Simulator;
	mailCatcher: MailCatcher;
	/** Where the pictures go. */
	screenshotsDir: string;
}

/** One example workflow, as the checks need it. */
interface Example {
	workflow: WorkflowFile;
	/** Nodes that run when it executes: all but sticky notes and switched-off nodes. */
	runs: string[];
}

function loadExamples(): Record<keyof typeof EXAMPLE_FILES, Example> {
	const byFile = new Map(exampleWorkflowFiles().map((file) => [file.split('/').pop()!, readWorkflow(file)]));
	const entry = (file: string): Example => {
		const workflow = byFile.get(file);
		assert.ok(workflow, `examples/${file} is missing`);
		const runs = workflow.nodes
			.filter((node) => node.type !== 'n8n-nodes-base.stickyNote' && node.disabled !== true)
			.map((node) => node.name);
		return { workflow, runs };
	};
	return {
		charge: entry(EXAMPLE_FILES.charge),
		indomaret: entry(EXAMPLE_FILES.indomaret),
		gopay: entry(EXAMPLE_FILES.gopay),
		trigger: entry(EXAMPLE_FILES.trigger),
		paymentLink: entry(EXAMPLE_FILES.paymentLink),
		subscription: entry(EXAMPLE_FILES.subscription),
		payouts: entry(EXAMPLE_FILES.payouts),
	};
}

/** The browser and the page the checks share, signed in as the owner. */
class EditorSession {
	private constructor(
		readonly browser: Browser,
		readonly page: Page,
		private readonly context: EditorContext,
	) {}

	static async open(context: EditorContext): Promise<EditorSession> {
		if (!existsSync(CHROMIUM)) {
			throw new Error(
				`no Chromium at ${CHROMIUM}: install Debian's chromium (npm run setup:browser) or set CHROMIUM_PATH`,
			);
		}
		const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
		try {
			const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
			page.setDefaultTimeout(20_000);
			const session = new EditorSession(browser, page, context);
			await session.signIn();
			return session;
		} catch (error) {
			await browser.close();
			throw error;
		}
	}

	private get baseUrl(): string {
		return this.context.n8n.baseUrl;
	}

	private async signIn(): Promise<void> {
		const { page } = this;
		await page.goto(`${this.baseUrl}/signin`);
		await page.fill('input[name=emailOrLdapLoginId]', LOCAL_OWNER.email);
		await page.fill('input[name=password]', LOCAL_OWNER.password);
		await page.click('[data-test-id=form-submit-button]');
		await page.waitForURL((url) => !url.pathname.includes('signin'));
	}

	/** Hides what n8n pops over the canvas now and then (toasts, "what's new", the production checklist). */
	private async hidePopups(): Promise<void> {
		await this.page.addStyleTag({
			content: '.el-notification, [data-test-id=whats-new-modal] { display: none !important; }',
		});
	}

	async openWorkflow(workflowId: string): Promise<void> {
		const { page } = this;
		await page.goto(`${this.baseUrl}/workflow/${workflowId}`);
		await page.waitForSelector('[data-test-id=canvas-node]');
		await this.hidePopups();
		await page.click('[data-test-id=zoom-to-fit]');
	}

	canvasNode(name: string) {
		return this.page.locator(`[data-test-id=canvas-node][data-node-name="${name.replace(/"/g, '\\"')}"]`);
	}

	/** What the canvas shows for each node: success, error, or nothing yet. */
	async nodeStatuses(names: string[]): Promise<Record<string, 'success' | 'error' | 'none'>> {
		const statuses: Record<string, 'success' | 'error' | 'none'> = {};
		for (const name of names) {
			const node = this.canvasNode(name);
			if (await node.locator('[data-test-id=canvas-node-status-error]').count()) statuses[name] = 'error';
			else if (await node.locator('[data-test-id=canvas-node-status-success]').count()) statuses[name] = 'success';
			else statuses[name] = 'none';
		}
		return statuses;
	}

	/** Waits until every named node shows success on the canvas; fails at the first error, naming what it saw. */
	async waitForGreen(what: string, names: string[]): Promise<void> {
		let last: Record<string, string> = {};
		try {
			await waitFor(
				`${what}: every node green`,
				async () => {
					last = await this.nodeStatuses(names);
					const failed = Object.entries(last).filter(([, status]) => status === 'error');
					if (failed.length) throw new Error(`${what}: ${await this.errorShownFor(failed[0][0])}`);
					return Object.values(last).every((status) => status === 'success') ? true : undefined;
				},
				RUN_TIMEOUT_MS,
			);
		} catch (error) {
			const seen = Object.entries(last)
				.map(([name, status]) => `${name}: ${status}`)
				.join(', ');
			throw new Error(`${(error as Error).message}\nthe canvas showed ${seen}`);
		}
	}

	/** The error n8n shows in a failed node's output panel. */
	private async errorShownFor(nodeName: string): Promise<string> {
		try {
			await this.openNode(nodeName);
			const text = await this.page.locator('[data-test-id=output-panel]').innerText();
			await this.closeNode();
			return `"${nodeName}" failed: ${text.replace(/\s+/g, ' ').slice(0, 400)}`;
		} catch {
			return `"${nodeName}" failed`;
		}
	}

	async executeWorkflow(): Promise<void> {
		await this.page.click('[data-test-id=execute-workflow-button]');
	}

	/** Starts listening for a test event and waits until n8n shows it listens. */
	async listenForTestEvent(): Promise<void> {
		await this.executeWorkflow();
		await this.page.waitForSelector('[data-test-id=stop-execution-waiting-for-webhook-button]');
	}

	/** Runs a workflow of several triggers from one, with the button n8n shows beside each trigger on the canvas. */
	async executeFromTrigger(triggerName: string): Promise<void> {
		await this.canvasNode(triggerName).hover();
		await this.page.click(`[data-test-id="execute-workflow-button-${triggerName.replace(/"/g, '\\"')}"]`);
	}

	async openNode(name: string): Promise<void> {
		await this.canvasNode(name).dblclick();
		await this.page.waitForSelector('[data-test-id=ndv]');
	}

	async closeNode(): Promise<void> {
		await this.page.click('[data-test-id=ndv-close-button]');
		await this.page.waitForSelector('[data-test-id=ndv]', { state: 'hidden' });
	}

	/** The open node's output panel, as JSON text, white space (line breaks, indentation) as single spaces. */
	/** The output panel's JSON view as text, once it shows `drawn` (the view fills in after the switch). */
	async outputAsJson(drawn: string): Promise<string> {
		const output = this.page.locator('[data-test-id=output-panel]');
		await output.locator('[data-test-id=radio-button-json]').click();
		const shown = async () => (await output.innerText()).replace(/\s+/g, ' ');
		await output.getByText(drawn, { exact: false }).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
		return await shown();
	}

	async screenshot(name: string): Promise<void> {
		// Panels slide in and nodes turn green within a second.
		await this.page.waitForTimeout(1000);
		mkdirSync(this.context.screenshotsDir, { recursive: true });
		await this.page.screenshot({ path: join(this.context.screenshotsDir, name) });
	}

	async close(): Promise<void> {
		await this.browser.close();
	}
}

function excerpt(text: string, length = 300): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

/** Waits for the e-mails the mail catcher received after `before` messages, until one matches. */
async function mailMatching(mailCatcher: MailCatcher, before: number, pattern: RegExp) {
	return await waitFor(`an e-mail whose subject matches ${pattern}`, async () => {
		const mails = (await mailCatcher.emails()).slice(before);
		return mails.find((mail) => pattern.test(mail.subject));
	});
}

function defineEditorChecks(checks: CheckList, context: EditorContext, session: () => EditorSession): void {
	const examples = loadExamples();
	const { simulator, mailCatcher, rest } = context;
	const testUrl = (workflow: WorkflowFile) => {
		const trigger = workflow.nodes.find((node) => node.type === NODE_TYPES.midtransTrigger);
		assert.ok(trigger?.webhookId, `${workflow.name} has no Midtrans Trigger with a webhook id`);
		return `${context.n8n.baseUrl}/webhook-test/${trigger.webhookId}/webhook`;
	};
	/** Orders the Indomaret example charged, newest last, from the e-mails it sent. */
	const indomaretOrders: string[] = [];

	checks.add('"What happens next?" shows Midtrans with its own description, the Payment actions first', async () => {
		const editor = session();
		const { page } = editor;
		await editor.openWorkflow(examples.charge.workflow.id);
		await page.click('[data-test-id=node-creator-plus-button]');
		await page.getByText('What happens next?').waitFor();
		await page.keyboard.type('Midtrans');
		const entry = page.locator('[data-test-id=node-creator-action-item]', { hasText: /^Midtrans/ }).first();
		const entryText = await entry.innerText();
		assert.ok(
			entryText.replace(/\s+/g, ' ').includes(NODE_PANEL_DESCRIPTION),
			`the entry reads "${excerpt(entryText)}", not the Midtrans node's description`,
		);
		await entry.locator('[data-test-id=node-creator-item-name]').click();
		const expected = (payment.operationProperty.options ?? []).map((option) => (option as { action: string }).action);
		const actions = page.locator('[data-test-id=node-creator-item-name]');
		await actions.filter({ hasText: expected[0] }).first().waitFor();
		// The panel's heading (the node's name) is an item name too, and the package's other node may be listed beside it.
		const nodeNames = new Set(['Midtrans', 'Midtrans Payouts']);
		const shown = (await actions.allInnerTexts()).map((text) => text.trim()).filter((text) => !nodeNames.has(text));
		assert.deepEqual(
			shown.slice(0, expected.length),
			expected,
			`the actions listed first are ${JSON.stringify(shown.slice(0, expected.length + 1))}`,
		);
		await editor.screenshot('node-panel.png');
		await page.keyboard.press('Escape');
	});

	checks.add('a charge run from the editor shows Midtrans\'s answer; "charge, check, cancel" runs green', async () => {
		const editor = session();
		const { workflow, runs } = examples.charge;
		await editor.openWorkflow(workflow.id);
		await editor.executeWorkflow();
		await editor.waitForGreen(workflow.name, runs);
		const chargeNode = workflow.nodes.find((node) => node.type === NODE_TYPES.midtrans)!.name;
		await editor.openNode(chargeNode);
		const output = await editor.outputAsJson('"status_code"');
		// The JSON view draws only the lines in sight: these are the first ones.
		for (const expected of ['"status_code": "201"', '"status_message": "Success, cstore transaction is successful"']) {
			assert.ok(output.includes(expected), `"${chargeNode}"'s output lacks ${expected}: ${excerpt(output)}`);
		}

		await editor.screenshot('charge-output.png');
		await editor.closeNode();
		const subtitle = await editor.canvasNode(chargeNode).innerText();
		assert.match(subtitle, /Charge · Alfamart/, `the canvas shows "${excerpt(subtitle)}" under the charge`);
	});

	checks.add(
		'"charge at Indomaret and e-mail the code" runs green: the code is in the mail catcher, the order in the Data table',
		async () => {
			const editor = session();
			const { workflow, runs } = examples.indomaret;
			const before = (await mailCatcher.emails()).length;
			await editor.openWorkflow(workflow.id);
			await editor.executeWorkflow();
			await editor.waitForGreen(workflow.name, runs);
			const mail = await mailMatching(mailCatcher, before, /Indomaret payment code for order (\S+)/);
			const orderId = /order (\S+)$/.exec(mail.subject)![1];
			assert.match(mail.text ?? '', /payment code/, `the e-mail reads: ${excerpt(mail.text ?? '')}`);
			assert.equal(
				simulator.transaction(orderId)?.transaction_status,
				'pending',
				`the simulator holds no pending ${orderId}`,
			);
			const row = (await rest.dataTableRows(EXAMPLE_ORDERS_TABLE.name)).find(
				(candidate) => candidate.order_id === orderId,
			);
			assert.equal(row?.status, 'pending', `the Data table holds ${JSON.stringify(row)} for ${orderId}`);
			indomaretOrders.push(orderId);
		},
	);

	checks.add('"GoPay charge, QR link by WhatsApp" runs green up to the message, WhatsApp switched off', async () => {
		const editor = session();
		const { workflow, runs } = examples.gopay;
		await editor.openWorkflow(workflow.id);
		await editor.executeWorkflow();
		await editor.waitForGreen(workflow.name, runs);
		const message = workflow.nodes.find((node) => node.name === 'Write the WhatsApp message');
		assert.ok(message, 'the example has no "Write the WhatsApp message" step');
		await editor.openNode(message.name);
		const output = await editor.outputAsJson('scan this QR');
		assert.match(output, /scan this QR with the Gojek app/, `the message step shows: ${excerpt(output)}`);
		await editor.closeNode();
	});

	checks.add('"payment link by WhatsApp" runs green: the link is made and the message carries its URL, WhatsApp switched off', async () => {
		const editor = session();
		const { workflow, runs } = examples.paymentLink;
		await editor.openWorkflow(workflow.id);
		await editor.executeWorkflow();
		await editor.waitForGreen(workflow.name, runs);
		await editor.openNode('Create payment link');
		const output = await editor.outputAsJson('"payment_url"');
		assert.ok(output.includes(`${simulator.url}/payment-links/`), `the link's output: ${excerpt(output)}`);
		await editor.closeNode();
	});

	checks.add('"monthly subscription" runs green: the card is saved and the subscription made; listening, a failed charge e-mails a payment link', async () => {
		const editor = session();
		const { workflow } = examples.subscription;
		await editor.openWorkflow(workflow.id);
		await editor.executeFromTrigger('Start the subscription');
		await editor.waitForGreen(workflow.name, ['Customer', 'Sandbox card token', 'First payment, saving the card', 'Create monthly subscription']);
		const [started] = await rest.listExecutions(workflow.id);
		const created = (await rest.getExecution(started.id)).runData['Create monthly subscription']?.[0]?.data?.main?.[0]?.[0]?.json;
		assert.equal(created?.status, 'active', `the subscription made in the editor: ${JSON.stringify(created)}`);

		// Midtrans sends subscription notifications to the dashboard's Recurring Notification URL: the Test URL here.
		simulator.setRecurringNotificationUrl(testUrl(workflow));
		try {
			const before = (await mailCatcher.emails()).length;
			await editor.executeFromTrigger('Subscription notifications');
			await editor.page.waitForSelector('[data-test-id=stop-execution-waiting-for-webhook-button]');
			await simulator.chargeSubscription(String(created?.id), { fail: 'deny' });
			await editor.waitForGreen(workflow.name, ['Subscription notifications', 'Payment link for the missed month', 'Email the reminder']);
			const reminder = await mailMatching(mailCatcher, before, /could not charge your card/);
			assert.ok(reminder.text?.includes(`${simulator.url}/payment-links/`), `the reminder reads: ${excerpt(reminder.text ?? '')}`);
		} finally {
			simulator.setRecurringNotificationUrl(undefined);
		}
	});

	checks.add('"approve payouts by e-mail" runs green: payouts made, approved from the e-mail, and a completed one marked paid', async () => {
		const editor = session();
		const { workflow } = examples.payouts;
		await editor.openWorkflow(workflow.id);
		const before = (await mailCatcher.emails()).length;
		await editor.executeFromTrigger('When clicking ‘Execute workflow’');
		await editor.waitForGreen(workflow.name, ['Payouts to make', 'Create payouts', 'Collect the batch']);
		const request = await mailCatcher.waitForEmail((email) => sentTo(email, 'approver@example.com'), { after: before });
		// Pressing Approve in the e-mail resumes the run outside the editor: what follows is n8n's record of it.
		const finished = await pressApprovalButton(context, request, true);
		assert.equal(finished.status, 'success', `the approved run ended ${finished.status}: ${finished.error?.message ?? ''}`);
		assert.ok(finished.runData['Approve payouts'], 'the approved run did not approve the payouts');
		const approved = simulator.iris.payouts().filter((payout) => payout.status === 'approved');
		assert.ok(approved.length > 0, 'the simulator holds no approved payout');

		const trigger = workflow.nodes.find((node) => node.type === NODE_TYPES.midtransPayoutsTrigger)!;
		simulator.iris.setNotificationUrl(`${context.n8n.baseUrl}/webhook-test/${trigger.webhookId}/webhook`);
		try {
			await editor.executeFromTrigger(trigger.name);
			await editor.page.waitForSelector('[data-test-id=stop-execution-waiting-for-webhook-button]');
			await simulator.iris.complete(String(approved[0].reference_no));
			await editor.waitForGreen(workflow.name, [trigger.name, 'Mark the seller paid']);
		} finally {
			simulator.iris.setNotificationUrl(undefined);
		}
	});

	checks.add('every example in examples/ is run green by a check of this suite (the PostgreSQL one by test:queue)', async () => {
		const checked = new Set<string>([...Object.values(EXAMPLE_FILES), basename(EXACTLY_ONCE_EXAMPLE_FILE)]);
		const unchecked = exampleWorkflowFiles()
			.map((file) => file.split('/').pop()!)
			.filter((file) => !checked.has(file));
		assert.deepEqual(unchecked, [], `examples no check runs: ${unchecked.join(', ')}`);
	});

	checks.add('the trigger example, listening in the editor, marks a paid order paid in the Data table', async () => {
		const editor = session();
		const orderId = indomaretOrders[0];
		assert.ok(orderId, 'no Indomaret order to pay (the Indomaret check did not run green)');
		await simulator.pay(orderId);
		const { workflow } = examples.trigger;
		await editor.openWorkflow(workflow.id);
		await editor.listenForTestEvent();
		const delivery = await simulator.notify({ url: testUrl(workflow), status: 'settlement', orderId, retry: false });
		assert.equal(delivery.attempts[0]?.httpStatus, 200, `the trigger answered ${JSON.stringify(delivery.attempts[0])}`);
		await editor.waitForGreen(workflow.name, ['Midtrans Trigger', 'Mark order paid']);
		const row = (await rest.dataTableRows(EXAMPLE_ORDERS_TABLE.name)).find(
			(candidate) => candidate.order_id === orderId,
		);
		assert.equal(row?.status, 'paid', `the Data table holds ${JSON.stringify(row)} for ${orderId}`);
		await editor.screenshot('trigger-outputs.png');
		await editor.openNode('Midtrans Trigger');
		const output = await editor.outputAsJson('"signatureVerified"');
		assert.ok(output.includes('"signatureVerified": true'), `the trigger's output: ${excerpt(output)}`);
		await editor.screenshot('trigger-output-data.png');
		await editor.closeNode();
	});

	checks.add('the trigger example, listening in the editor, e-mails a reminder for an expired order', async () => {
		const editor = session();
		// A second order, charged by the Indomaret example in the editor as before.
		const indomaret = examples.indomaret;
		const before = (await mailCatcher.emails()).length;
		await editor.openWorkflow(indomaret.workflow.id);
		await editor.executeWorkflow();
		await editor.waitForGreen(indomaret.workflow.name, indomaret.runs);
		const charged = await mailMatching(mailCatcher, before, /Indomaret payment code for order (\S+)/);
		const orderId = /order (\S+)$/.exec(charged.subject)![1];
		await simulator.expire(orderId);

		const { workflow } = examples.trigger;
		await editor.openWorkflow(workflow.id);
		await editor.listenForTestEvent();
		const reminders = (await mailCatcher.emails()).length;
		const delivery = await simulator.notify({ url: testUrl(workflow), status: 'expire', orderId, retry: false });
		assert.equal(delivery.attempts[0]?.httpStatus, 200, `the trigger answered ${JSON.stringify(delivery.attempts[0])}`);
		await editor.waitForGreen(workflow.name, ['Midtrans Trigger', 'Look up the order', 'Send payment reminder']);
		const reminder = await mailMatching(mailCatcher, reminders, new RegExp(`order ${orderId} has expired`));
		assert.equal(reminder.to[0]?.address, 'budi@example.com', `the reminder went to ${JSON.stringify(reminder.to)}`);
	});

	checks.add(
		'a notification signed with another server key shows on "rejected", with the reason and what to check',
		async () => {
			const editor = session();
			const { workflow } = examples.trigger;
			await editor.openWorkflow(workflow.id);
			await editor.listenForTestEvent();
			const orderId = `editor-forged-${Date.now()}`;
			const signatureKey = signatureFor(orderId, '200', '10000.00', 'SB-Mid-server-another-merchant');
			const delivery = await simulator.notify({
				url: testUrl(workflow),
				status: 'settlement',
				orderId,
				grossAmount: '10000.00',
				signatureKey,
				retry: false,
			});
			assert.equal(
				delivery.attempts[0]?.httpStatus,
				403,
				`the trigger answered ${JSON.stringify(delivery.attempts[0])}`,
			);
			await editor.waitForGreen('the trigger', ['Midtrans Trigger']);
			await editor.openNode('Midtrans Trigger');
			const panel = editor.page.locator('[data-test-id=output-panel]');
			const branches = await panel.locator('[data-test-id=branches]').innerText();
			assert.match(branches, /Rejected Branch \(1 item\)/, `the output's branches read: ${excerpt(branches)}`);
			await panel.getByText(/Rejected Branch/).click();
			const shown = await editor.outputAsJson('signature_key does not match');
			for (const expected of ['signature_key does not match this notification', 'server key', orderId]) {
				assert.ok(shown.includes(expected), `the rejected item lacks "${expected}": ${excerpt(shown, 600)}`);
			}
			assert.ok(!shown.includes(DEFAULT_SIMULATOR_SERVER_KEY), 'the rejected item shows the server key');
			await editor.screenshot('trigger-rejected.png');
			await editor.closeNode();
		},
	);

	checks.add("the credential Test passes with the simulator's key and fails, saying why, with a bad one", async () => {
		const editor = session();
		const { page } = editor;
		await page.goto(`${context.n8n.baseUrl}/home/credentials/${MIDTRANS_CREDENTIAL_ID}`);
		const dialog = page.locator('[data-test-id=editCredential-modal]');
		await dialog.getByText('Connection tested successfully').waitFor();
		const key = dialog.locator('[data-test-id=parameter-input-serverApiKey] input');
		try {
			await key.fill('SB-Mid-server-not-this-merchant');
			await dialog.locator('[data-test-id=credential-save-button]').click();
			await dialog.getByText(/Couldn.t connect with these settings/).waitFor();
			await dialog.getByText('More details').click();
			const banner = await dialog.innerText();
			assert.match(banner, /Midtrans rejected the server key \(401\)/, `the dialog reads: ${excerpt(banner, 600)}`);
			await editor.screenshot('credential-test-failed.png');
		} finally {
			// Put the simulator's key back, whatever happened: the other checks use this credential.
			await key.fill(DEFAULT_SIMULATOR_SERVER_KEY);
			await dialog.locator('[data-test-id=credential-save-button]').click();
		}
		await dialog.getByText('Connection tested successfully').waitFor();
	});
}

/**
 * Runs the editor checks in a browser against an n8n that is up (the e2e suite's, or one of this suite's
 * own), printing one line per check.
 */
export async function runEditorChecks(context: EditorContext, only?: string): Promise<CheckResults> {
	const started = Date.now();
	console.log(`\nEditor checks in Chromium (${CHROMIUM}), screenshots in ${context.screenshotsDir}:`);
	let editor: EditorSession;
	try {
		editor = await EditorSession.open(context);
	} catch (error) {
		console.log(`  FAIL  opening n8n's editor in Chromium\n        ${(error as Error).message}`);
		return { passed: 0, failed: 1 };
	}
	try {
		const checks = new CheckList();
		defineEditorChecks(checks, context, () => editor);
		return await checks.runAll(only);
	} finally {
		await editor.close();
		log(`Editor checks took ${elapsedSince(started)}.`);
	}
}

/**
 * `npm run test:editor [-- --screenshots] [-- --only <part of a check's name>]`: a throwaway n8n of the default
 * release, and the editor checks.
 */
async function main(): Promise<number> {
	const { values } = parseArgs({
		options: { screenshots: { type: 'boolean', default: false }, only: { type: 'string' } },
	});
	const throwaway = new ThrowawayN8n('editor');
	shutDownOnSignals(130, () => throwaway.dispose({ keepFolder: false }));
	let results: CheckResults = { passed: 0, failed: 0 };
	const screenshotsDir = values.screenshots ? README_SCREENSHOTS_DIR : join(throwaway.userFolder, 'screenshots');
	try {
		const { n8n, rest, simulator, mailCatcher } = await throwaway.launch(suitePorts(EDITOR_HTTP_PORT), []);
		results = await runEditorChecks({ n8n, rest, simulator, mailCatcher, screenshotsDir }, values.only);
	} catch (error) {
		console.log(`  FAIL  setting up n8n, the simulator and the mail catcher\n        ${(error as Error).message}`);
		results.failed++;
	} finally {
		await throwaway.dispose({ keepFolder: results.failed > 0 });
	}
	if (results.failed) console.log(`\nn8n's log, data and the screenshots are kept in ${throwaway.userFolder}.`);
	console.log(`${results.passed} passed, ${results.failed} failed`);
	return results.failed ? 1 : 0;
}

if (require.main === module) void main().then((code) => process.exit(code));
