/**
 * `npm start`: a real n8n on http://127.0.0.1:5678 with this package installed as a community package, the
 * example workflows, a Midtrans credential pointing at the local simulator (or at Midtrans itself when
 * MIDTRANS_SERVER_KEY is set) and an SMTP credential pointing at a local mail catcher. Ctrl-C stops them all.
 */
import { join } from 'path';

import { DEFAULT_SIMULATOR_PORT, startSimulator, type Simulator } from '../simulator';
import {
	EXAMPLE_CREDENTIAL_TYPES,
	exampleCredentials,
	irisCredentialFromEnvironment,
	midtransCredentialFromEnvironment,
	simulatorIrisCredential,
	simulatorMidtransCredential,
	type CredentialToImport,
} from './credentials';
import { launchN8n, LOCAL_OWNER } from './launch';
import { MailCatcher } from './mailCatcher';
import { isShuttingDown, shutDown, shutDownOnSignals } from './processes';
import type { N8nRestClient } from './rest';
import { exampleWorkflowFiles, findTriggerWorkflow } from './workflows';
import { CACHE_DIR, log } from './workspace';

const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const SIMULATOR_PORT = Number(process.env.MIDTRANS_SIMULATOR_PORT ?? DEFAULT_SIMULATOR_PORT);
// MailDev's own defaults, and its own variable names.
const MAIL_PORTS = {
	smtp: Number(process.env.MAILDEV_SMTP_PORT ?? 1025),
	web: Number(process.env.MAILDEV_WEB_PORT ?? 1080),
};

let simulator: Simulator | undefined;

/**
 * What shutting down adds to stopping the service processes (n8n, even one still starting, and the mail
 * catcher): a word to the user, and the simulator.
 */
async function closeSimulator(): Promise<void> {
	log(simulator ? 'Stopping n8n, the mail catcher and the simulator…' : 'Stopping n8n and the mail catcher…');
	await simulator?.close();
}

/** Publishes an example trigger workflow, so that the simulator's notifications start executions at once. */
async function publishTriggerExample(rest: N8nRestClient, workflowId: string): Promise<boolean> {
	try {
		const workflow = await rest.getWorkflow(workflowId);
		if (!workflow.active) await rest.publishWorkflow(workflowId);
		return true;
	} catch (error) {
		log(`Could not publish the trigger example: ${(error as Error).message}`);
		return false;
	}
}

/** Where the trigger example's notifications go, as seen from `baseUrl` (this machine, or a public tunnel). */
function triggerUrlAt(baseUrl: string, webhookId: string): string {
	return `${baseUrl.replace(/\/+$/, '')}/webhook/${webhookId}/webhook`;
}

async function main(): Promise<void> {
	shutDownOnSignals(0, closeSimulator);

	const workflowFiles = exampleWorkflowFiles();
	const triggerExample = findTriggerWorkflow(workflowFiles, 'payment', EXAMPLE_CREDENTIAL_TYPES);
	// Subscriptions notify the dashboard's Recurring Notification URL, apart from payments; Iris its own URL.
	const subscriptionExample = findTriggerWorkflow(workflowFiles, 'subscription');
	const payoutsExample = findTriggerWorkflow(workflowFiles, 'payouts');
	const publicUrl = process.env.WEBHOOK_URL;

	let credential: CredentialToImport | undefined = midtransCredentialFromEnvironment(process.env);
	let irisCredential: CredentialToImport | undefined = irisCredentialFromEnvironment(process.env);
	if (!credential || !irisCredential) {
		const localUrl = `http://127.0.0.1:${N8N_PORT}`;
		simulator = await startSimulator({
			port: SIMULATOR_PORT,
			// Stand in for the Payment and Recurring Notification URLs a merchant sets in the Midtrans dashboard, and Iris's.
			notificationUrl: triggerExample && triggerUrlAt(localUrl, triggerExample.webhookId),
			recurringNotificationUrl: subscriptionExample && triggerUrlAt(localUrl, subscriptionExample.webhookId),
			iris: { notificationUrl: payoutsExample && triggerUrlAt(localUrl, payoutsExample.webhookId) },
			log: (line) => console.log(`[simulator] ${line}`),
		});
		credential ??= simulatorMidtransCredential(simulator.url);
		irisCredential ??= simulatorIrisCredential(simulator.url, simulator.iris);
		log(`Midtrans simulator listening on ${simulator.url}.`);
	}

	const mailCatcher = await MailCatcher.start(MAIL_PORTS);
	log(`Mail catcher (MailDev) taking SMTP on 127.0.0.1:${MAIL_PORTS.smtp}, inbox at ${mailCatcher.inboxUrl}.`);

	const { n8n, rest } = await launchN8n({
		userFolder: join(CACHE_DIR, 'n8n-user-folder'),
		ports: { http: N8N_PORT, taskBroker: N8N_PORT + 1, cliTaskBroker: N8N_PORT + 2 },
		publicUrl,
		credentials: exampleCredentials(credential, { iris: irisCredential, smtpPort: MAIL_PORTS.smtp }),
		workflowFiles,
		owner: LOCAL_OWNER,
	});
	n8n.onUnexpectedExit((code) => {
		if (isShuttingDown()) return;
		log(`n8n stopped by itself (exit code ${code}). Its last log lines:\n${n8n.logTail()}`);
		void shutDown(1, closeSimulator);
	});
	const published =
		triggerExample && (await publishTriggerExample(rest, triggerExample.workflow.id)) ? triggerExample : undefined;
	const publishedSubscriptions =
		subscriptionExample && (await publishTriggerExample(rest, subscriptionExample.workflow.id))
			? subscriptionExample
			: undefined;
	const publishedPayouts =
		payoutsExample && (await publishTriggerExample(rest, payoutsExample.workflow.id)) ? payoutsExample : undefined;
	const irisOnSimulator = irisCredential.data.environment === 'custom';
	const publishedNames = [published, publishedSubscriptions, publishedPayouts].flatMap((example) =>
		example ? [example.workflow.name] : [],
	);

	const midtrans =
		simulator && credential.data.environment === 'custom'
			? `local simulator at ${simulator.url}`
			: `${credential.data.environment}, keys from MIDTRANS_SERVER_KEY / MIDTRANS_CLIENT_KEY`;
	const lines = [
		'',
		`  n8n editor     ${n8n.baseUrl}`,
		`  log in with    ${LOCAL_OWNER.email}  /  ${LOCAL_OWNER.password}`,
		`  Midtrans       ${midtrans} (credential "${credential.name}")`,
		`  Iris payouts   ${irisOnSimulator ? `local simulator at ${simulator?.url}` : `${irisCredential.data.environment}, keys from MIDTRANS_IRIS_CREATOR_KEY / _APPROVER_KEY / _MERCHANT_KEY`} (credential "${irisCredential.name}")`,
		`  examples       ${workflowFiles.length} workflows in Overview${publishedNames.length ? `; published: ${publishedNames.map((name) => `"${name}"`).join(', ')}` : ''}`,
		`  mail inbox     ${mailCatcher.inboxUrl}   (every e-mail the examples send; credential "SMTP (local mail catcher)")`,
		...(published ? [`  notifications  ${triggerUrlAt(publicUrl ?? n8n.baseUrl, published.webhookId)}`] : []),
		...(publishedSubscriptions
			? [`  subscriptions  ${triggerUrlAt(publicUrl ?? n8n.baseUrl, publishedSubscriptions.webhookId)}   (Recurring Notification URL)`]
			: []),
		...(publishedPayouts
			? [`  Iris webhook   ${triggerUrlAt(publicUrl ?? n8n.baseUrl, publishedPayouts.webhookId)}${irisOnSimulator ? '' : '  (paste it as the notification URL in the Iris dashboard)'}`]
			: []),
		simulator
			? [
					'  pay an order   npm run midtrans -- pay <order_id>   (in another terminal; also: expire, cancel, list)',
					'  pay a link     npm run midtrans -- link pay <order_id>;  fail a charge: npm run midtrans -- subscription charge <id> --fail',
					'  move a payout  npm run midtrans -- payout complete <reference_no>   (also: process, fail, list, topup)',
				].join('\n')
			: publicUrl
				? '  paste the notifications URL into the Midtrans dashboard: Settings → Configuration → Payment Notification URL'
				: '  Midtrans cannot reach 127.0.0.1: set WEBHOOK_URL to a public tunnel to n8n to receive its notifications',
		`  n8n's log      ${n8n.logFile}`,
		'',
		`  Ctrl-C stops n8n, the mail catcher${simulator ? ' and the simulator' : ''}.`,
		'',
	];
	console.log(lines.join('\n'));
}

main().catch(async (error: Error) => {
	console.error(`\n[n8n-midtrans] npm start failed: ${error.message}`);
	await shutDown(1, closeSimulator);
});
