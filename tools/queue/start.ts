/**
 * `npm run start:queue`: n8n in queue mode on this machine (PostgreSQL, Redis, a main process, two webhook
 * processes behind nginx, two workers), with this package, the examples, and the local Midtrans simulator
 * sending its notifications through nginx. Ctrl-C stops everything it started.
 */
import { randomUUID } from 'crypto';
import { join } from 'path';

import { startSimulator, type Simulator } from '../simulator';
import { LOCAL_OWNER } from '../n8n/launch';
import { isShuttingDown, shutDown, shutDownOnSignals } from '../n8n/processes';
import { exampleWorkflowFiles } from '../n8n/workflows';
import { CACHE_DIR, log } from '../n8n/workspace';
import { launchQueueCluster, queuePorts, WEBHOOK_PROCESSES, WORKERS } from './cluster';
import { exactlyOnceExample } from './example';
import { chargeAtSimulator } from './orders';

/** The first of the sixteen ports it uses (5730–5745 by default): apart from `npm start`'s. */
const FIRST_PORT = Number(process.env.N8N_QUEUE_FIRST_PORT ?? 5730);

let simulator: Simulator | undefined;

async function closeSimulator(): Promise<void> {
	log('Stopping n8n, nginx, the mail catcher, Redis, PostgreSQL and the simulator…');
	await simulator?.close();
}

async function main(): Promise<void> {
	shutDownOnSignals(0, closeSimulator);
	const ports = queuePorts(FIRST_PORT, { mailCatcher: true });
	const example = exactlyOnceExample();

	simulator = await startSimulator({ port: ports.simulator, log: (line) => console.log(`[simulator] ${line}`) });
	log(`Midtrans simulator listening on ${simulator.url}.`);

	const cluster = await launchQueueCluster({
		folder: join(CACHE_DIR, 'queue'),
		ports,
		simulator,
		workflowFiles: exampleWorkflowFiles(),
		publish: [example.workflow.id],
	});
	for (const process of [cluster.main, ...cluster.webhooks, ...cluster.workers]) {
		process.onUnexpectedExit((code) => {
			if (isShuttingDown()) return;
			log(`n8n's ${process.role} process stopped by itself (exit code ${code}). Its last log lines:\n${process.logTail()}`);
			void shutDown(1, closeSimulator);
		});
	}
	const notificationUrl = cluster.webhookUrl(example.webhookId);
	// Stands in for the Payment Notification URL a merchant sets in the Midtrans dashboard.
	simulator.setNotificationUrl(notificationUrl);

	// An order in the shop's table, charged at Midtrans (its "pending" notification is the first event).
	const orderId = `order-${randomUUID().slice(0, 8)}`;
	await cluster.shop.addOrders([{ order_id: orderId, gross_amount: 50000, customer_email: 'customer@example.com' }]);
	await chargeAtSimulator(simulator, [{ order_id: orderId, gross_amount: 50000 }]);

	const { login } = cluster.shop;
	const psql = `psql "postgresql://${login.user}:${login.password}@${cluster.postgres.host}:${cluster.postgres.port}/${login.database}"`;
	console.log(
		[
			'',
			`  n8n editor     ${cluster.main.baseUrl}   (queue mode: ${WEBHOOK_PROCESSES} webhook processes, ${WORKERS} workers)`,
			`  log in with    ${LOCAL_OWNER.email}  /  ${LOCAL_OWNER.password}`,
			`  Midtrans       local simulator at ${simulator.url} (credential "Midtrans (local simulator)")`,
			`  example        "${example.workflow.name}" is published`,
			`  notifications  ${notificationUrl}   (nginx → webhook processes)`,
			...(cluster.mailCatcher ? [`  mail inbox     ${cluster.mailCatcher.inboxUrl}   (the examples' e-mail steps)`] : []),
			`  an order       ${orderId} (50000 IDR, GoPay, pending) is in the shop's "orders" table`,
			`  pay it         npm run midtrans -- --simulator ${simulator.url} pay ${orderId}`,
			`  see the rows   ${psql} -c 'TABLE payment_events; TABLE orders; TABLE receipts'`,
			`  logs           ${cluster.main.logFile} (and n8n-webhook-*, n8n-worker-*, postgres.log beside it)`,
			'',
			'  Ctrl-C stops n8n, nginx, the mail catcher, Redis, PostgreSQL and the simulator.',
			'',
		].join('\n'),
	);
}

main().catch(async (error: Error) => {
	console.error(`\n[n8n-midtrans] npm run start:queue failed: ${error.message}`);
	await shutDown(1, closeSimulator);
});
