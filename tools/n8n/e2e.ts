/**
 * `npm run test:e2e`: the nodes inside a real n8n (the default release, or the one `--n8n <version>` names),
 * installed as a community package, in a throwaway user folder, on ports of its own, against the local Midtrans
 * simulator. Every assertion reads what n8n itself recorded: the command line's run result, or the execution
 * records of its REST API.
 */
import { strict as assert } from 'assert';
import { createHash, randomUUID } from 'crypto';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseArgs } from 'util';

import type { Simulator } from '../simulator';
import type { MailCatcher } from './mailCatcher';
import { CheckList, waitFor, type CheckResults } from './checks';
import { NODE_TYPES } from './communityPackage';
import { EXAMPLE_CREDENTIAL_TYPES, simulatorMidtransCredential } from './credentials';
import { definePayoutChecks } from './e2ePayouts';
import { CHARGE_WORKFLOW, chargeWorkflow, PAYOUTS_EXAMPLE, TRIGGER_WORKFLOW, triggerWorkflow } from './e2eWorkflows';
import { runEditorChecks } from './editor';
import { N8N_VERSION } from './install';
import type { N8nInstance } from './instance';
import { ThrowawayN8n } from './launch';
import { suitePorts } from './ports';
import { shutDownOnSignals } from './processes';
import type { ExecutionDetail, N8nRestClient, NodeRun } from './rest';
import { exampleWorkflowFiles, findTriggerWorkflow, readWorkflow, type WorkflowFile } from './workflows';

/** The payment-link example (examples/payment-link-by-whatsapp.json) and its nodes the checks read. */
const PAYMENT_LINK_EXAMPLE = {
	id: 'mtExamplePayLinkWA',
	linkNode: 'Create payment link',
	messageNode: 'Compose WhatsApp message',
};

/** The subscription example's nodes the checks read (examples/monthly-subscription-reminder-on-failed-charge.json). */
const SUBSCRIPTION_EXAMPLE = {
	triggerNode: 'Subscription notifications',
	createNode: 'Create monthly subscription',
	linkNode: 'Payment link for the missed month',
	emailNode: 'Email the reminder',
};

/** The Midtrans Trigger's outputs when it receives subscription notifications, in order (the trigger's contract). */
const SUBSCRIPTION_OUTPUTS = { created: 0, charged: 1, chargeFailed: 2, other: 3, rejected: 4 } as const;
import { elapsedSince, log } from './workspace';

/**
 * Its own ports (E2E_N8N_PORT and the four after it: n8n, its two task brokers, the mail catcher's SMTP and
 * inbox), so that it can run beside `npm start` and another suite.
 */
const E2E_PORTS = suitePorts(Number(process.env.E2E_N8N_PORT ?? 5688));

/**
 * Node types that reach nothing outside this machine (e-mail goes to the local mail catcher): examples made
 * only of these, not counting switched-off nodes, are run, not just imported. Not the Data table node: `n8n
 * execute` runs without n8n's Data table module, so the examples that keep orders in one run in the editor suite.
 */
const LOCAL_NODE_TYPES = new Set<string>([
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.set',
	'n8n-nodes-base.noOp',
	'n8n-nodes-base.stickyNote',
	'n8n-nodes-base.emailSend',
	NODE_TYPES.midtrans,
]);

/** How long to wait before concluding that no execution started: n8n records one as soon as it starts. */
const EXECUTION_APPEARS_MS = 3000;

type Json = Record<string, unknown>;

interface E2eContext {
	n8n: N8nInstance;
	rest: N8nRestClient;
	simulator: Simulator;
	mailCatcher: MailCatcher;
	examples: WorkflowFile[];
	triggerUrl: string;
}

/** The items a node's run put on each of its outputs. */
function outputsOf(run: NodeRun | undefined): Json[][] {
	return (run?.data?.main ?? []).map((items) => (items ?? []).map((item) => item.json));
}

/** The first item of a node's first run in an execution, on output 0. */
function firstItem(runData: Record<string, NodeRun[]>, nodeName: string): Json {
	const item = outputsOf(runData[nodeName]?.[0])[0]?.[0];
	assert.ok(item, `node "${nodeName}" produced no item; nodes that ran: ${Object.keys(runData).join(', ')}`);
	return item;
}

/** Output of `n8n execute --rawOutput`: log lines, then the run as pretty-printed JSON. */
function parseCliRun(stdout: string): { runData: Record<string, NodeRun[]>; error?: { message?: string } } {
	const start = stdout.search(/^\{$/m);
	const end = stdout.lastIndexOf('\n}');
	assert.ok(start >= 0 && end > start, `n8n execute printed no run:\n${stdout.slice(-2000)}`);
	const run = JSON.parse(stdout.slice(start, end + 2)) as {
		data: { resultData: { runData: Record<string, NodeRun[]>; error?: { message?: string } } };
	};
	return run.data.resultData;
}

function uniqueOrderId(label: string): string {
	return `e2e-${label}-${randomUUID().slice(0, 8)}`;
}

/** The executions of a workflow, newest first, each with its data. */
async function executionsOf(rest: N8nRestClient, workflowId: string): Promise<ExecutionDetail[]> {
	const summaries = await rest.listExecutions(workflowId);
	return await Promise.all(
		summaries
			.filter((summary) => summary.status !== 'running' && summary.status !== 'new')
			.map((summary) => rest.getExecution(summary.id)),
	);
}

/** Waits for the finished trigger execution that carried this order's notification of this status. */
async function triggerExecutionFor(rest: N8nRestClient, orderId: string, status: string): Promise<ExecutionDetail> {
	return await waitFor(`an execution of the trigger workflow for ${orderId} / ${status}`, async () => {
		const executions = await executionsOf(rest, TRIGGER_WORKFLOW.id);
		return executions.find((execution) =>
			outputsOf(execution.runData[TRIGGER_WORKFLOW.triggerNode]?.[0])
				.flat()
				.some((item) => item.order_id === orderId && item.transaction_status === status),
		);
	});
}

/**
 * Waits for the execution of `workflowId` whose trigger put a notification of subscription `subscriptionId` on
 * `outputIndex`: the flat "created" notification names it as id, a charge's as subscription.id.
 */
async function subscriptionExecution(
	rest: N8nRestClient,
	workflowId: string,
	subscriptionId: string,
	outputIndex: number,
): Promise<ExecutionDetail> {
	return await waitFor(`an execution for subscription ${subscriptionId} on output ${outputIndex}`, async () => {
		const executions = await executionsOf(rest, workflowId);
		return executions.find((execution) =>
			(outputsOf(execution.runData[SUBSCRIPTION_EXAMPLE.triggerNode]?.[0])[outputIndex] ?? []).some(
				(item) => item.id === subscriptionId || (item.subscription as Json | undefined)?.id === subscriptionId,
			),
		);
	});
}

/** Asserts which single branch of the trigger workflow ran, and returns the item the trigger sent down it. */
function assertOnlyBranchRan(execution: ExecutionDetail, branch: keyof typeof TRIGGER_WORKFLOW.branchNodes): Json {
	assert.equal(
		execution.status,
		'success',
		`execution ${execution.id} ended ${execution.status}: ${execution.error?.message ?? ''}`,
	);
	assert.equal(execution.mode, 'webhook');
	const ran = Object.keys(execution.runData);
	for (const [name, node] of Object.entries(TRIGGER_WORKFLOW.branchNodes)) {
		assert.equal(
			ran.includes(node),
			name === branch,
			`branch "${node}" ${name === branch ? 'did not run' : 'ran'}; nodes that ran: ${ran.join(', ')}`,
		);
	}
	const outputIndex = Object.keys(TRIGGER_WORKFLOW.branchNodes).indexOf(branch);
	const item = outputsOf(execution.runData[TRIGGER_WORKFLOW.triggerNode][0])[outputIndex]?.[0];
	assert.ok(item, `the trigger put nothing on its "${branch}" output`);
	return item;
}

/** Runs `deliver` (a notification to the trigger), then checks that the trigger workflow gained no execution. */
async function assertStartsNoTriggerExecution(
	rest: N8nRestClient,
	what: string,
	deliver: () => Promise<void>,
): Promise<void> {
	const before = (await rest.listExecutions(TRIGGER_WORKFLOW.id)).length;
	await deliver();
	await new Promise((resolve) => setTimeout(resolve, EXECUTION_APPEARS_MS));
	assert.equal((await rest.listExecutions(TRIGGER_WORKFLOW.id)).length, before, `${what} started an execution`);
}

async function chargeThroughN8n(context: E2eContext, orderId: string, grossAmount: number): Promise<Response> {
	return await fetch(`${context.n8n.baseUrl}/webhook/${CHARGE_WORKFLOW.webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ order_id: orderId, gross_amount: grossAmount }),
	});
}

function defineChecks(checks: CheckList, context: E2eContext): void {
	const { rest, simulator } = context;
	const paidOrder = uniqueOrderId('paid');
	const expiredOrder = uniqueOrderId('expired');

	checks.add('n8n loads Midtrans and Midtrans Trigger as community-package nodes', async () => {
		const types = await rest.loadedNodeTypes();
		assert.ok(types.includes(NODE_TYPES.midtrans), `${NODE_TYPES.midtrans} is not among n8n's node types`);
		assert.ok(
			types.includes(NODE_TYPES.midtransTrigger),
			`${NODE_TYPES.midtransTrigger} is not among n8n's node types`,
		);
	});

	checks.add(
		`every example workflow imports, with node types n8n knows (${context.examples.length} examples)`,
		async () => {
			const types = new Set(await rest.loadedNodeTypes());
			for (const example of context.examples) {
				const imported = await rest.getWorkflow(example.id);
				assert.equal(imported.name, example.name);
				for (const node of example.nodes) {
					assert.ok(
						types.has(node.type),
						`example "${example.name}": node "${node.name}" has unknown type ${node.type}`,
					);
				}
			}
		},
	);

	for (const example of context.examples.filter((workflow) =>
		workflow.nodes.every((node) => node.disabled === true || LOCAL_NODE_TYPES.has(node.type)),
	)) {
		checks.add(`example "${example.name}" runs with n8n execute, every Midtrans node succeeding`, async () => {
			const mailsBefore = (await context.mailCatcher.emails()).length;
			const { runData, error } = parseCliRun(await context.n8n.cli(['execute', `--id=${example.id}`, '--rawOutput']));
			assert.equal(error, undefined, `the run failed: ${error?.message}`);
			const sendsMail = example.nodes.filter((node) => node.type === 'n8n-nodes-base.emailSend' && !node.disabled);
			if (sendsMail.length) {
				const mails = (await context.mailCatcher.emails()).slice(mailsBefore);
				assert.equal(mails.length, sendsMail.length, `the mail catcher received ${mails.length} e-mail(s)`);
			}
			const midtransNodes = example.nodes.filter((node) => node.type === NODE_TYPES.midtrans);
			const transactions: Json[] = [];
			for (const node of midtransNodes) {
				const answer = firstItem(runData, node.name);
				assert.equal(answer.error, undefined, `"${node.name}" failed: ${answer.error}`);
				// Core API answers carry a status_code; a payment link's answer (order_id, payment_url) does not.
				if (answer.status_code === undefined) continue;
				assert.ok(String(answer.status_code).match(/^20\d$/), `"${node.name}" answered status_code ${answer.status_code}`);
				if (answer.transaction_id) transactions.push(answer);
			}
			// Each transaction the example made is what Midtrans (the simulator) holds, in the state last answered.
			const lastState = new Map(transactions.map((answer) => [String(answer.order_id), answer.transaction_status]));
			for (const [orderId, status] of lastState) {
				assert.equal(simulator.transaction(orderId)?.transaction_status, status, `the simulator's transaction ${orderId}`);
			}
		});
	}

	const triggerExample = findTriggerWorkflow(exampleWorkflowFiles(), 'payment', EXAMPLE_CREDENTIAL_TYPES);
	if (triggerExample) {
		checks.add(`example "${triggerExample.workflow.name}" publishes (its nodes pass n8n's checks)`, async () => {
			const published = await rest.publishWorkflow(triggerExample.workflow.id);
			assert.equal(published.active, true);
			await rest.deactivateWorkflow(triggerExample.workflow.id);
		});
	}

	checks.add('the e2e workflows publish, making their production webhooks live', async () => {
		for (const workflowId of [TRIGGER_WORKFLOW.id, CHARGE_WORKFLOW.id]) {
			const published = await rest.publishWorkflow(workflowId);
			assert.equal(published.active, true, `workflow ${workflowId} is not active after activation`);
		}
	});

	checks.add(
		'a GoPay charge made by the Midtrans node in a production execution answers with the QR link',
		async () => {
			const response = await chargeThroughN8n(context, paidOrder, 25000);
			const answer = (await response.json()) as Json;
			assert.equal(response.status, 200, `the webhook answered ${response.status}: ${JSON.stringify(answer)}`);
			assert.equal(answer.order_id, paidOrder);
			assert.equal(answer.status_code, '201');
			assert.equal(answer.transaction_status, 'pending');
			assert.equal(answer.gross_amount, '25000.00');
			assert.match(String(answer.qr_code_url), /^http:\/\/127\.0\.0\.1:\d+\/.+/);
			assert.equal(simulator.transaction(paidOrder)?.transaction_status, 'pending');

			const [execution] = await executionsOf(rest, CHARGE_WORKFLOW.id);
			assert.equal(execution?.status, 'success');
			assert.equal(firstItem(execution.runData, CHARGE_WORKFLOW.chargeNode).transaction_id, answer.transaction_id);
		},
	);

	checks.add('the charge\'s "pending" notification reaches the trigger and runs only the "other" branch', async () => {
		const execution = await triggerExecutionFor(rest, paidOrder, 'pending');
		const item = assertOnlyBranchRan(execution, 'other');
		assert.equal((item._midtrans as Json).signatureVerified, true);
	});

	checks.add(
		'paying the order sends "settlement" to the production URL and runs only the settlement branch',
		async () => {
			await simulator.pay(paidOrder);
			const execution = await triggerExecutionFor(rest, paidOrder, 'settlement');
			const item = assertOnlyBranchRan(execution, 'settlement');
			assert.equal(item.order_id, paidOrder);
			assert.equal(item.gross_amount, '25000.00');
			assert.equal(item.status_code, '200');
			assert.equal(item.payment_type, 'gopay');
			const derived = item._midtrans as Json;
			assert.equal(derived.signatureVerified, true);
			assert.equal(derived.confirmed, true, 'the trigger did not confirm the status with Midtrans');
			assert.equal(derived.output, 'settlement');
		},
	);

	checks.add(
		'the same "settlement" sent again (a Midtrans retry) is answered 200 and starts no second execution',
		async () => {
			await assertStartsNoTriggerExecution(rest, 'the repeated notification', async () => {
				const delivery = await simulator.notify({
					url: context.triggerUrl,
					status: 'settlement',
					orderId: paidOrder,
					retry: false,
				});
				assert.equal(
					delivery.attempts[0]?.httpStatus,
					200,
					`the trigger answered ${delivery.attempts[0]?.httpStatus ?? delivery.attempts[0]?.error}`,
				);
			});
		},
	);

	checks.add('an order that runs out of time sends "expire" and runs only the expire branch', async () => {
		const response = await chargeThroughN8n(context, expiredOrder, 15000);
		assert.equal(response.status, 200, `the charge webhook answered ${response.status}`);
		// Expiring only after the "pending" notification was handled, so that its confirmation says pending.
		await triggerExecutionFor(rest, expiredOrder, 'pending');
		await simulator.expire(expiredOrder);
		const item = assertOnlyBranchRan(await triggerExecutionFor(rest, expiredOrder, 'expire'), 'expire');
		assert.equal(item.order_id, expiredOrder);
		assert.equal(item.status_code, '202');
	});

	checks.add('a notification signed with another server key is refused and starts no execution', async () => {
		const forgedSignature = createHash('sha512').update(`${paidOrder}20025000.00SB-Mid-server-attacker`).digest('hex');
		await assertStartsNoTriggerExecution(rest, 'the forged notification', async () => {
			const delivery = await simulator.notify({
				url: context.triggerUrl,
				status: 'settlement',
				orderId: paidOrder,
				signatureKey: forgedSignature,
				retry: false,
			});
			const answer = delivery.attempts[0]?.httpStatus;
			assert.ok(
				answer === 401 || answer === 403,
				`the trigger answered ${answer ?? delivery.attempts[0]?.error}, not 401/403`,
			);
		});
	});

	checks.add('a genuine "pending" relabelled "settlement" (its signed status_code "201" kept) is refused with 400 and starts no execution', async () => {
		await assertStartsNoTriggerExecution(rest, 'the relabelled notification', async () => {
			const delivery = await simulator.notify({
				url: context.triggerUrl,
				status: 'settlement',
				statusCode: '201',
				orderId: uniqueOrderId('relabelled'),
				grossAmount: '25000.00',
				retry: false,
			});
			assert.equal(delivery.attempts[0]?.httpStatus, 400, `the trigger answered ${delivery.attempts[0]?.httpStatus ?? delivery.attempts[0]?.error}`);
		});
	});

	checks.add('while Get Status hangs, Midtrans is answered 503 within 4 s and no execution starts', async () => {
		simulator.injectFault({ path: '/v2/*/status', method: 'GET', type: 'slow', delayMs: 10_000 });
		try {
			await assertStartsNoTriggerExecution(rest, 'the unconfirmed notification', async () => {
				const startedAt = Date.now();
				const delivery = await simulator.notify({ url: context.triggerUrl, status: 'settlement', orderId: uniqueOrderId('slow'), grossAmount: '10000.00', retry: false });
				const answeredAfterMs = Date.now() - startedAt;
				assert.equal(delivery.attempts[0]?.httpStatus, 503, `the trigger answered ${delivery.attempts[0]?.httpStatus ?? delivery.attempts[0]?.error}`);
				assert.ok(answeredAfterMs < 4_000, `the trigger answered after ${answeredAfterMs} ms`);
			});
		} finally {
			simulator.clearFaults();
		}
	});

	checks.add('after the server key is changed in the credential, a notification signed with the old key is refused within 5 s', async () => {
		const credential = simulatorMidtransCredential(simulator.url);
		const rotated = { ...credential.data, serverApiKey: 'SB-Mid-server-rotated-e2e' };
		const oldKeyNotification = async () =>
			(await simulator.notify({ url: context.triggerUrl, status: 'expire', orderId: uniqueOrderId('rotation'), grossAmount: '10000.00', retry: false })).attempts[0]?.httpStatus;
		await rest.updateCredential(credential.id, credential.name, credential.type, rotated);
		const changedAt = Date.now();
		try {
			let answer = await oldKeyNotification();
			while (answer !== 403 && Date.now() - changedAt < 5_000) {
				await new Promise((resolve) => setTimeout(resolve, 250));
				answer = await oldKeyNotification();
			}
			assert.equal(answer, 403, `5 s after the change the old key was still answered ${answer}`);
		} finally {
			await rest.updateCredential(credential.id, credential.name, credential.type, credential.data);
		}
	});

	checks.add("a repeated order ID fails the execution with Midtrans's 406, as n8n records it", async () => {
		const response = await chargeThroughN8n(context, paidOrder, 25000);
		assert.notEqual(response.status, 200, 'the duplicate charge was answered 200');
		const failed = await waitFor('the failed charge execution', async () => {
			const executions = await executionsOf(rest, CHARGE_WORKFLOW.id);
			return executions.find((execution) => execution.status === 'error');
		});
		const nodeError = failed.runData[CHARGE_WORKFLOW.chargeNode]?.[0]?.error;
		assert.match(String(nodeError?.message ?? failed.error?.message), /406/);
	});

	const linkExample = context.examples.find((example) => example.id === PAYMENT_LINK_EXAMPLE.id);
	if (linkExample) {
		checks.add(
			`example "${linkExample.name}" makes a payment link the simulator can pay, and the payment reaches the trigger's settlement branch`,
			async () => {
				const { runData, error } = parseCliRun(
					await context.n8n.cli(['execute', `--id=${linkExample.id}`, '--rawOutput']),
				);
				assert.equal(error, undefined, `the run failed: ${error?.message}`);
				const link = firstItem(runData, PAYMENT_LINK_EXAMPLE.linkNode);
				assert.match(String(link.payment_url), new RegExp(`^${simulator.url}/payment-links/[a-z0-9-]+$`));
				const message = firstItem(runData, PAYMENT_LINK_EXAMPLE.messageNode);
				assert.ok(String(message.text).includes(String(link.payment_url)), 'the WhatsApp message lacks the link');
				assert.equal(simulator.paymentLink(String(link.order_id)).usage, 0);

				// Midtrans sends a link's payments to the dashboard's Payment Notification URL: here, the trigger workflow.
				simulator.setNotificationUrl(context.triggerUrl);
				try {
					// The customer picks GoPay; paying only after the trigger handled "pending", so that its confirmation says pending.
					const { transaction } = await simulator.payLink(String(link.order_id), { pending: true });
					await triggerExecutionFor(rest, transaction.order_id, 'pending');
					await simulator.pay(transaction.order_id);
					const item = assertOnlyBranchRan(
						await triggerExecutionFor(rest, transaction.order_id, 'settlement'),
						'settlement',
					);
					assert.ok(String(item.order_id).startsWith(`${String(link.order_id)}-`), `order_id ${item.order_id}`);
					assert.equal((item._midtrans as Json).confirmed, true);
					assert.equal(simulator.paymentLink(String(link.order_id)).usage, 1);
				} finally {
					simulator.setNotificationUrl(undefined);
				}
			},
		);
	}

	const subscriptionExample = findTriggerWorkflow(exampleWorkflowFiles(), 'subscription');
	if (subscriptionExample) {
		const { workflow, webhookId } = subscriptionExample;
		checks.add(
			`example "${workflow.name}": its subscription's "created" notification, then a failed charge's, reach their outputs; the failed charge makes a payment link and reaches the reminder e-mail`,
			async () => {
				const published = await rest.publishWorkflow(workflow.id);
				assert.equal(published.active, true);
				// Midtrans sends subscription notifications to the dashboard's Recurring Notification URL.
				simulator.setRecurringNotificationUrl(`http://127.0.0.1:${E2E_PORTS.http}/webhook/${webhookId}/webhook`);
				try {
					const { runData, error } = parseCliRun(
						await context.n8n.cli(['execute', `--id=${workflow.id}`, '--rawOutput']),
					);
					assert.equal(error, undefined, `the run failed: ${error?.message}`);
					const created = firstItem(runData, SUBSCRIPTION_EXAMPLE.createNode);
					assert.equal(created.status, 'active');
					const subscriptionId = String(created.id);
					await subscriptionExecution(rest, workflow.id, subscriptionId, SUBSCRIPTION_OUTPUTS.created);

					const charge = await simulator.chargeSubscription(subscriptionId, { fail: 'deny' });
					assert.equal(charge.succeeded, false);
					const failed = await subscriptionExecution(
						rest,
						workflow.id,
						subscriptionId,
						SUBSCRIPTION_OUTPUTS.chargeFailed,
					);
					const link = firstItem(failed.runData, SUBSCRIPTION_EXAMPLE.linkNode);
					assert.match(String(link.payment_url), new RegExp(`^${simulator.url}/payment-links/`));
					assert.equal(simulator.paymentLink(String(link.order_id)).gross_amount, 99000);
					// Whether the e-mail is delivered depends on the SMTP credential's server; that the step ran does not.
					assert.ok(failed.runData[SUBSCRIPTION_EXAMPLE.emailNode], 'the reminder e-mail step did not run');
				} finally {
					simulator.setRecurringNotificationUrl(undefined);
					await rest.deactivateWorkflow(workflow.id);
				}
			},
		);
	}
}

/** The throwaway n8n of the run in progress, for Ctrl-C to stop. */
let runningN8n: ThrowawayN8n | undefined;

/** Ctrl-C (and SIGTERM, SIGHUP) stop the n8n of the run in progress and remove its folder. */
export function stopSuiteOnSignals(): void {
	shutDownOnSignals(130, async () => await runningN8n?.dispose({ keepFolder: false }));
}

export interface SuiteOptions {
	/** Also run the editor checks (editor.ts) in this n8n, after the end-to-end checks; their screenshots go here. */
	editorScreenshotsDir?: string;
}

/** Runs every check in a throwaway n8n of the given release, printing one line per check. */
export async function runEndToEndSuite(n8nVersion: string, options: SuiteOptions = {}): Promise<CheckResults> {
	const started = Date.now();
	const throwaway = new ThrowawayN8n('e2e');
	runningN8n = throwaway;
	let results: CheckResults = { passed: 0, failed: 0 };
	try {
		const triggerUrl = `http://127.0.0.1:${E2E_PORTS.http}/webhook/${TRIGGER_WORKFLOW.webhookId}/webhook`;
		const { installation, n8n, rest, simulator, mailCatcher } = await throwaway.launch(
			E2E_PORTS,
			[chargeWorkflow(triggerUrl), triggerWorkflow()],
			n8nVersion,
		);
		const payoutsTriggerUrl = n8n.productionWebhookUrl(PAYOUTS_EXAMPLE.webhookId);
		simulator.iris.setNotificationUrl(payoutsTriggerUrl);
		console.log(`\nEnd-to-end checks in n8n ${n8nVersion} on Node.js ${installation.nodeVersion}:`);
		const checks = new CheckList();
		defineChecks(checks, {
			n8n,
			rest,
			simulator,
			mailCatcher,
			examples: exampleWorkflowFiles().map(readWorkflow),
			triggerUrl,
		});
		definePayoutChecks(checks, { n8n, rest, simulator, mailCatcher, triggerUrl: payoutsTriggerUrl });
		results = await checks.runAll();
		if (options.editorScreenshotsDir) {
			const editor = await runEditorChecks({
				n8n,
				rest,
				simulator,
				mailCatcher,
				screenshotsDir: options.editorScreenshotsDir,
			});
			results = { passed: results.passed + editor.passed, failed: results.failed + editor.failed };
		}
	} catch (error) {
		console.log(`  FAIL  setting up n8n ${n8nVersion} and the simulator\n        ${(error as Error).message}`);
		results.failed++;
	} finally {
		await throwaway.dispose({ keepFolder: results.failed > 0 });
		runningN8n = undefined;
	}
	if (results.failed) console.log(`\nn8n's log and data are kept in ${throwaway.userFolder} (n8n.log).`);
	log(`End-to-end run in n8n ${n8nVersion} took ${elapsedSince(started)}.`);
	return results;
}

/**
 * `npm run test:e2e [-- --n8n <version>] [-- --editor]`: one release, the default one unless named; with
 * --editor, the editor checks too, in the same n8n (their screenshots stay in a temporary folder).
 */
async function main(): Promise<number> {
	const { values } = parseArgs({
		options: { n8n: { type: 'string', default: N8N_VERSION }, editor: { type: 'boolean', default: false } },
	});
	stopSuiteOnSignals();
	const results = await runEndToEndSuite(values.n8n, {
		editorScreenshotsDir: values.editor ? mkdtempSync(join(tmpdir(), 'n8n-midtrans-editor-screenshots-')) : undefined,
	});
	console.log(`${results.passed} passed, ${results.failed} failed`);
	return results.failed ? 1 : 0;
}

// Only when run as the script: test:compat imports this file to run the suite once per release.
if (require.main === module) void main().then((code) => process.exit(code));
