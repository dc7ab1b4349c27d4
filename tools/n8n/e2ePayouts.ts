/**
 * The end-to-end checks of Midtrans Payouts in a real n8n: the example "approve payouts by e-mail" run as a person
 * would use it (the approval e-mail read from a local mail catcher, its button's link followed without a browser),
 * then the simulator's bank completing and failing the payouts, and the example's Payouts Trigger reacting.
 */
import { strict as assert } from 'assert';
import { createHash } from 'crypto';

import type { Simulator } from '../simulator';
import { type CheckList, waitFor } from './checks';
import { NODE_TYPES } from './communityPackage';
import { PAYOUTS_EXAMPLE } from './e2eWorkflows';
import type { N8nInstance } from './instance';
import { type CaughtEmail, linksIn, type MailCatcher, sentTo } from './mailCatcher';
import type { ExecutionDetail, N8nRestClient, NodeRun } from './rest';

type Json = Record<string, unknown>;

export interface PayoutsE2eContext {
	n8n: N8nInstance;
	rest: N8nRestClient;
	simulator: Simulator;
	mailCatcher: MailCatcher;
	/** The production URL of the example's Payouts Trigger, where the simulator's Iris sends its notifications. */
	triggerUrl: string;
}

/** What a person's browser sends: n8n answers an approval link opened by a bot (a link preview) with nothing. */
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

function outputsOf(run: NodeRun | undefined): Json[][] {
	return (run?.data?.main ?? []).map((items) => (items ?? []).map((item) => item.json));
}

async function executionsOfExample(rest: N8nRestClient): Promise<ExecutionDetail[]> {
	const summaries = await rest.listExecutions(PAYOUTS_EXAMPLE.id);
	return await Promise.all(summaries.map((summary) => rest.getExecution(summary.id)));
}

/** Output of `n8n execute --rawOutput`: log lines, then the run as pretty-printed JSON. */
function cliRunData(stdout: string): Record<string, NodeRun[]> {
	const start = stdout.search(/^\{$/m);
	const end = stdout.lastIndexOf('\n}');
	assert.ok(start >= 0 && end > start, `n8n execute printed no run:\n${stdout.slice(-2000)}`);
	return (JSON.parse(stdout.slice(start, end + 2)) as { data: { resultData: { runData: Record<string, NodeRun[]> } } }).data.resultData.runData;
}

/** The Payouts Trigger execution that emitted this payout on this output. */
async function triggerExecutionFor(rest: N8nRestClient, referenceNo: string, output: string): Promise<{ execution: ExecutionDetail; item: Json }> {
	return await waitFor(`a Payouts Trigger execution for ${referenceNo} on "${output}"`, async () => {
		for (const execution of await executionsOfExample(rest)) {
			if (execution.mode !== 'webhook' || execution.status === 'running' || execution.status === 'new') continue;
			for (const items of outputsOf(execution.runData[PAYOUTS_EXAMPLE.triggerNode]?.[0])) {
				const item = items.find((entry) => entry.reference_no === referenceNo && (entry._midtrans as Json | undefined)?.output === output);
				if (item) return { execution, item };
			}
		}
		return undefined;
	});
}

/** Runs the example from its manual trigger with the n8n command line: it creates the payouts and waits for the approver. */
async function runExampleUntilApproval(context: PayoutsE2eContext): Promise<{ references: string[]; mail: CaughtEmail }> {
	const mailsBefore = (await context.mailCatcher.emails()).length;
	const runData = cliRunData(await context.n8n.cli(['execute', `--id=${PAYOUTS_EXAMPLE.id}`, '--rawOutput']));
	const created = outputsOf(runData[PAYOUTS_EXAMPLE.createNode]?.[0])[0] ?? [];
	const references = created.map((payout) => String(payout.reference_no));
	assert.equal(references.length, 2, `"${PAYOUTS_EXAMPLE.createNode}" made ${references.length} payouts`);
	for (const reference of references) assert.equal(context.simulator.iris.payout(reference)?.status, 'queued');
	const mail = await context.mailCatcher.waitForEmail((entry) => sentTo(entry, PAYOUTS_EXAMPLE.approverEmail), { after: mailsBefore });
	await waitFor('the example execution waiting for the approver', async () =>
		(await context.rest.listExecutions(PAYOUTS_EXAMPLE.id)).find((execution) => execution.status === 'waiting'),
	);
	return { references, mail };
}

/**
 * Follows a button of the approval e-mail as the approver's browser would, and waits for the execution the
 * link belongs to (its id is in the link) to finish.
 */
export async function pressApprovalButton(
	{ n8n, rest }: { n8n: N8nInstance; rest: N8nRestClient },
	mail: CaughtEmail,
	approved: boolean,
): Promise<ExecutionDetail> {
	const links = linksIn(mail);
	const link = links.find((href) => href.includes(`approved=${approved}`));
	assert.ok(link, `the approval e-mail has no ${approved ? 'Approve' : 'Decline'} link: ${links.join(', ')}`);
	const executionId = new RegExp(`^${n8n.baseUrl}/webhook-waiting/(\\d+)/`).exec(link)?.[1];
	assert.ok(executionId, `the link does not lead to a waiting execution of this n8n: ${link}`);
	const stepsBefore = Object.keys((await rest.getExecution(executionId)).runData).length;
	const response = await fetch(link, { headers: { 'user-agent': BROWSER } });
	assert.equal(response.status, 200, `n8n answered the link with ${response.status}`);
	// n8n 1.x can show the resumed execution as ended, with the data from before the wait, for a moment: it
	// has finished only once a step after the wait shows in its data.
	return await waitFor(`execution ${executionId}, resumed, to finish`, async () => {
		const execution = await rest.getExecution(executionId);
		const resumed = Object.keys(execution.runData).length > stepsBefore;
		return resumed && !['waiting', 'running', 'new'].includes(execution.status) ? execution : undefined;
	});
}

export function definePayoutChecks(checks: CheckList, context: PayoutsE2eContext): void {
	const { rest, simulator } = context;
	let approvedReferences: string[] = [];

	checks.add('n8n loads Midtrans Payouts and Midtrans Payouts Trigger as community-package nodes', async () => {
		const types = await rest.loadedNodeTypes();
		for (const type of [NODE_TYPES.midtransPayouts, NODE_TYPES.midtransPayoutsTrigger]) {
			assert.ok(types.includes(type), `${type} is not among n8n's node types`);
		}
	});

	checks.add('example "approve payouts by e-mail" publishes, making its Payouts Trigger live', async () => {
		const published = await rest.publishWorkflow(PAYOUTS_EXAMPLE.id);
		assert.equal(published.active, true);
	});

	checks.add('running it creates the payouts in Iris and e-mails the approver Approve and Decline links, then waits', async () => {
		const { references, mail } = await runExampleUntilApproval(context);
		assert.match(mail.subject, /^2 payouts wait for your approval$/);
		assert.ok(linksIn(mail).some((href) => href.includes('approved=true')) && linksIn(mail).some((href) => href.includes('approved=false')));
		const approved = await pressApprovalButton(context, mail, true);
		assert.equal(approved.status, 'success', `the resumed execution ended ${approved.status}: ${approved.error?.message ?? ''}`);
		const answer = outputsOf(approved.runData[PAYOUTS_EXAMPLE.approveNode]?.[0])[0]?.[0];
		assert.deepEqual(answer, { status: 'ok', reference_nos: references, action: 'approve' });
		assert.equal(approved.runData[PAYOUTS_EXAMPLE.rejectNode], undefined, 'the payouts were also rejected');
		for (const reference of references) assert.equal(simulator.iris.payout(reference)?.status, 'approved');
		approvedReferences = references;
	});

	checks.add('the "approved" notifications reach the Payouts Trigger, signed and confirmed, on its "approved" output', async () => {
		for (const reference of approvedReferences) {
			const { execution, item } = await triggerExecutionFor(rest, reference, 'approved');
			assert.equal(execution.status, 'success');
			assert.deepEqual(
				[(item._midtrans as Json).signatureVerified, (item._midtrans as Json).confirmed],
				[true, true],
				`the trigger did not verify and confirm ${reference}`,
			);
		}
	});

	checks.add('the bank completes one payout and fails the other: "Mark the seller paid" and "Alert finance" run', async () => {
		const [completed, failed] = approvedReferences;
		const mailsBefore = (await context.mailCatcher.emails()).length;
		await simulator.iris.complete(completed);
		await simulator.iris.fail(failed, '002');
		const paid = await triggerExecutionFor(rest, completed, 'completed');
		assert.ok(paid.execution.runData[PAYOUTS_EXAMPLE.branchNodes.completed], '"Mark the seller paid" did not run');
		assert.equal(paid.execution.runData[PAYOUTS_EXAMPLE.branchNodes.failed], undefined, '"Alert finance" ran for a completed payout');
		assert.deepEqual(
			outputsOf(paid.execution.runData[PAYOUTS_EXAMPLE.branchNodes.completed][0])[0]?.[0],
			{ reference_no: completed, paid: true, paid_at: paid.item.updated_at },
		);
		const alerted = await triggerExecutionFor(rest, failed, 'failed');
		assert.equal(alerted.execution.status, 'success', `the failed branch ended ${alerted.execution.status}`);
		assert.ok(alerted.execution.runData[PAYOUTS_EXAMPLE.branchNodes.failed], '"Alert finance" did not run');
		const alert = await context.mailCatcher.waitForEmail((mail) => sentTo(mail, PAYOUTS_EXAMPLE.financeEmail), { after: mailsBefore });
		assert.equal(alert.subject, `Payout ${failed} failed`);
		assert.match(alert.text ?? '', /Invalid destination account number \(error 002\)/);
	});

	checks.add('the same "completed" notification sent again with other JSON spacing (signed over its own bytes) starts nothing', async () => {
		const [completed] = approvedReferences;
		const spaced = `{ "reference_no": "${completed}", "amount": "${simulator.iris.payout(completed)?.amount}", "status": "completed" }`;
		const before = (await rest.listExecutions(PAYOUTS_EXAMPLE.id)).length;
		const response = await fetch(context.triggerUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'iris-signature': createHash('sha512').update(spaced + simulator.iris.merchantKey).digest('hex') },
			body: spaced,
		});
		// Verified over the raw bytes (n8n's own parse would not reproduce the spacing), then known as a repeat.
		assert.equal(response.status, 200, `the trigger answered ${response.status}: ${await response.text()}`);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		assert.equal((await rest.listExecutions(PAYOUTS_EXAMPLE.id)).length, before, 'the repeat started an execution');
	});

	checks.add('a payout notification with a forged Iris-Signature is refused (403) and starts no execution', async () => {
		const body = JSON.stringify({ reference_no: approvedReferences[0], amount: '1.00', status: 'completed' });
		const before = (await rest.listExecutions(PAYOUTS_EXAMPLE.id)).length;
		const response = await fetch(context.triggerUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'iris-signature': createHash('sha512').update(`${body}IRIS-merchant-attacker`).digest('hex') },
			body,
		});
		assert.equal(response.status, 403);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		assert.equal((await rest.listExecutions(PAYOUTS_EXAMPLE.id)).length, before, 'the forgery started an execution');
	});

	checks.add('following the Decline link instead rejects the payouts, and the "rejected" notifications arrive', async () => {
		const { references, mail } = await runExampleUntilApproval(context);
		const declined = await pressApprovalButton(context, mail, false);
		assert.equal(declined.status, 'success', `the resumed execution ended ${declined.status}: ${declined.error?.message ?? ''}`);
		assert.ok(declined.runData[PAYOUTS_EXAMPLE.rejectNode], '"Reject payouts" did not run');
		assert.equal(declined.runData[PAYOUTS_EXAMPLE.approveNode], undefined, 'the payouts were also approved');
		for (const reference of references) {
			assert.equal(simulator.iris.payout(reference)?.status, 'rejected');
			await triggerExecutionFor(rest, reference, 'rejected');
		}
	});
}
