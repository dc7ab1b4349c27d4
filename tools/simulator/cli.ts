/**
 * The simulator's command line: `npm run midtrans -- <command>`. `serve` runs a simulator in the
 * foreground; the other commands talk to a running one through its control API (/_simulator/…).
 */
import { parseArgs } from 'util';

import {
	CHARGE_FAILURES,
	DEFAULT_RETRY_INTERVALS_MS,
	DEFAULT_SCHEDULE_UNIT_MS,
	DEFAULT_SIMULATOR_CLIENT_KEY,
	DEFAULT_SIMULATOR_HOST,
	DEFAULT_SIMULATOR_PORT,
	DEFAULT_SIMULATOR_SERVER_KEY,
	REAL_SCHEDULE_UNIT_MS,
	startSimulator,
} from './index';
import { PAYOUT_USAGE, runPayoutCommand } from './iris/cli';
import type { AccountChange } from './payAccounts';
import type { LinkPayment } from './paymentLinks';
import type { SubscriptionCharge } from './subscriptions';
import type { ActiveFault, NotificationDelivery, ScheduleUnit, Transaction, TransactionChange } from './types';

const DEFAULT_SIMULATOR_URL = `http://${DEFAULT_SIMULATOR_HOST}:${DEFAULT_SIMULATOR_PORT}`;

const USAGE = `Local Midtrans simulator

Usage: npm run midtrans -- <command> [options]

  serve [--port ${DEFAULT_SIMULATOR_PORT}] [--host ${DEFAULT_SIMULATOR_HOST}] [--server-key KEY] [--client-key KEY]
        [--notification-url URL] [--recurring-notification-url URL] [--pay-account-notification-url URL]
        [--schedule-unit-ms month=60000,day=5000,…|real] [--latency-ms N] [--retry-intervals-ms 2000,10000,…] [--quiet]
        [--iris-notification-url URL] [--iris-otp OTP]
                                 run a simulator in the foreground (Ctrl-C stops it)
  pay <order_id>                 the customer pays (at the Indomaret till, in GoPay, through 3DS…)
  expire <order_id>              the customer's time to pay runs out
  cancel <order_id>              the merchant cancels
  refund <order_id> [--amount N] [--reason TEXT]
  notify --status STATUS --url URL [--order-id ID] [--gross-amount 44000.00] [--payment-type TYPE]
         [--fraud-status S] [--status-code C] [--signature-key KEY] [--no-retry]
                                 send a signed notification of any status to any URL
  list                           transactions, newest last
  show <order_id|transaction_id> one transaction as JSON
  deliveries                     notifications sent, with each attempt's answer
  fault --path PATTERN --type http-500|http-503|http-429|body-500|slow|drop
        [--method POST] [--times N] [--after] [--delay-ms N] [--retry-after SECONDS]
  fault list | fault clear
  notification-url <URL|none>    change the dashboard notification URL of the running simulator
  recurring-notification-url <URL|none>     … its Recurring Notification URL (subscriptions)
  pay-account-notification-url <URL|none>   … its Pay Account Notification URL (GoPay account linking)
  link pay <order_id> [--method gopay|bca_va|other_qris|credit_card|…] [--pending]
                                 the customer pays a payment link (a Snap transaction of its own)
  link list | link show <order_id>
  subscription charge <id> [--fail] [--reason deny|token|server]
                                 charge a subscription now; --fail makes this charge and its retries fail
  subscription list | subscription show <id>
  account activate <account_id>  the customer confirms a GoPay account link in the Gojek app
  account unbind <account_id>    the customer unlinks the account in the Gojek app
  account list
  reset                          forget everything
${PAYOUT_USAGE}

Options for commands that talk to a running simulator:
  --simulator URL                default $MIDTRANS_SIMULATOR_URL or ${DEFAULT_SIMULATOR_URL}
  --json                         print the control API's JSON answer
`;

class UsageError extends Error {}

/** The control API answered with an error; its body says why. */
class RefusedError extends Error {}

const OPTIONS = {
	port: { type: 'string' },
	host: { type: 'string' },
	'server-key': { type: 'string' },
	'client-key': { type: 'string' },
	'notification-url': { type: 'string' },
	'latency-ms': { type: 'string' },
	'retry-intervals-ms': { type: 'string' },
	'recurring-notification-url': { type: 'string' },
	'pay-account-notification-url': { type: 'string' },
	'schedule-unit-ms': { type: 'string' },
	pending: { type: 'boolean' },
	fail: { type: 'boolean' },
	quiet: { type: 'boolean' },
	simulator: { type: 'string' },
	json: { type: 'boolean' },
	amount: { type: 'string' },
	reason: { type: 'string' },
	status: { type: 'string' },
	url: { type: 'string' },
	'order-id': { type: 'string' },
	'gross-amount': { type: 'string' },
	'payment-type': { type: 'string' },
	'fraud-status': { type: 'string' },
	'status-code': { type: 'string' },
	'signature-key': { type: 'string' },
	'no-retry': { type: 'boolean' },
	path: { type: 'string' },
	type: { type: 'string' },
	method: { type: 'string' },
	times: { type: 'string' },
	after: { type: 'boolean' },
	'delay-ms': { type: 'string' },
	'retry-after': { type: 'string' },
	code: { type: 'string' },
	'iris-notification-url': { type: 'string' },
	'iris-otp': { type: 'string' },
	help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function wholeNumber(name: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const number = Number(value);
	if (!Number.isInteger(number) || number < 0)
		throw new UsageError(`--${name} must be a whole number (got "${value}")`);
	return number;
}

function requireArgument(value: string | undefined, what: string): string {
	if (!value) throw new UsageError(`missing ${what}`);
	return value;
}

async function callControl(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
	let response: Response;
	try {
		response = await fetch(`${base.replace(/\/+$/, '')}/_simulator${path}`, {
			method,
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	} catch (error) {
		throw new RefusedError(
			`No simulator answers at ${base} (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message}). ` +
				'Start one with: npm run midtrans -- serve',
		);
	}
	const answer = (await response.json().catch(() => ({}))) as {
		status_message?: string;
		validation_messages?: string[];
	};
	if (!response.ok) {
		const details = answer.validation_messages?.length ? `: ${answer.validation_messages.join('; ')}` : '';
		throw new RefusedError(`${answer.status_message ?? `HTTP ${response.status}`}${details}`);
	}
	return answer;
}

function describeDelivery(delivery: NotificationDelivery): string {
	const last = delivery.attempts[delivery.attempts.length - 1];
	const outcome = last?.httpStatus !== undefined ? `HTTP ${last.httpStatus}` : (last?.error ?? 'not sent yet');
	const retry = delivery.state === 'retry-scheduled' ? `, retry at ${delivery.nextAttemptAt}` : '';
	return `notification ${delivery.transaction_status} → ${delivery.url}: ${outcome} (${delivery.state}${retry})`;
}

function describeChange({ transaction, notifications }: TransactionChange): string {
	const lines = [
		`${transaction.order_id}: ${transaction.transaction_status} (${transaction.payment_type}, IDR ${transaction.gross_amount})`,
	];
	if (!notifications.length) lines.push('  no notification URL: set one with --notification-url or a charge header');
	for (const delivery of notifications) lines.push(`  ${describeDelivery(delivery)}`);
	return lines.join('\n');
}

function transactionTable(transactions: Transaction[]): string {
	if (!transactions.length) return 'No transactions yet.';
	const rows = transactions.map((transaction) => [
		transaction.order_id,
		transaction.transaction_status,
		transaction.payment_type,
		transaction.gross_amount,
		transaction.transaction_id,
	]);
	const header = ['order_id', 'status', 'payment_type', 'gross_amount', 'transaction_id'];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	return [header, ...rows]
		.map((row) =>
			row
				.map((cell, column) => cell.padEnd(widths[column]))
				.join('  ')
				.trimEnd(),
		)
		.join('\n');
}

/** --schedule-unit-ms: "real", or unit=ms pairs ("month=60000,day=5000") over the defaults. */
function scheduleUnits(value: string | undefined): Partial<Record<ScheduleUnit, number>> | undefined {
	if (value === undefined) return undefined;
	if (value === 'real') return { ...REAL_SCHEDULE_UNIT_MS };
	const units: Partial<Record<ScheduleUnit, number>> = {};
	for (const pair of value.split(',')) {
		const [unit, ms] = pair.split('=').map((part) => part.trim());
		if (!(unit in DEFAULT_SCHEDULE_UNIT_MS)) {
			throw new UsageError(
				`--schedule-unit-ms: "${unit}" is not one of ${Object.keys(DEFAULT_SCHEDULE_UNIT_MS).join(', ')}`,
			);
		}
		units[unit as ScheduleUnit] = wholeNumber('schedule-unit-ms', ms);
	}
	return units;
}

function describeLinkPayment({ transaction, notifications }: LinkPayment): string {
	return describeChange({ transaction, notifications });
}

function describeSubscriptionCharge(charge: SubscriptionCharge): string {
	const subscription = charge.subscription as { id: string; name: string; status: string };
	const lines = [
		`${subscription.name} (${subscription.id}): charge ${charge.succeeded ? 'succeeded' : 'failed'}, subscription ${subscription.status}`,
		...charge.transactions.map((transaction) => `  ${transaction.order_id}: ${transaction.transaction_status}`),
	];
	if (!charge.notifications.length)
		lines.push('  no notification URLs: set them with --notification-url and --recurring-notification-url');
	for (const delivery of charge.notifications) lines.push(`  ${describeDelivery(delivery)}`);
	return lines.join('\n');
}

function describeAccountChange({ account, notifications }: AccountChange): string {
	const lines = [`${String(account.account_id)}: ${String(account.account_status)}`];
	if (!notifications.length)
		lines.push('  no pay account notification URL: set one with --pay-account-notification-url');
	for (const delivery of notifications) lines.push(`  ${describeDelivery(delivery)}`);
	return lines.join('\n');
}

async function serve(values: Values, print: (line: string) => void): Promise<void> {
	const retryIntervalsMs = values['retry-intervals-ms']
		?.split(',')
		.map((part) => wholeNumber('retry-intervals-ms', part.trim()) as number);
	const simulator = await startSimulator({
		port: wholeNumber('port', values.port) ?? DEFAULT_SIMULATOR_PORT,
		host: values.host,
		serverKey: values['server-key'],
		clientKey: values['client-key'],
		notificationUrl: values['notification-url'],
		recurringNotificationUrl: values['recurring-notification-url'],
		payAccountNotificationUrl: values['pay-account-notification-url'],
		scheduleUnitMs: scheduleUnits(values['schedule-unit-ms']),
		latencyMs: wholeNumber('latency-ms', values['latency-ms']),
		retryIntervalsMs,
		iris: { notificationUrl: values['iris-notification-url'], otp: values['iris-otp'] },
		log: values.quiet ? undefined : (line) => print(`${new Date().toISOString()} ${line}`),
	});
	print(`Midtrans simulator listening on ${simulator.url}`);
	print(
		`  n8n credential: Environment "Custom Base URL", Base URL ${simulator.url}, Server Key ${values['server-key'] ?? DEFAULT_SIMULATOR_SERVER_KEY}`,
	);
	print(`  client key (card tokens): ${values['client-key'] ?? DEFAULT_SIMULATOR_CLIENT_KEY}`);
	print(
		`  notifications: ${values['notification-url'] ?? 'only to URLs a charge names (X-Override-Notification / X-Append-Notification)'}`,
	);
	print(
		`  subscription notifications: ${values['recurring-notification-url'] ?? 'none (--recurring-notification-url)'}`,
	);
	print(
		`  GoPay account notifications: ${values['pay-account-notification-url'] ?? 'none (--pay-account-notification-url)'}`,
	);
	const units = { ...DEFAULT_SCHEDULE_UNIT_MS, ...scheduleUnits(values['schedule-unit-ms']) };
	print(`  subscription schedule: a month is ${units.month} ms, a day ${units.day} ms, an hour ${units.hour} ms`);
	print(`  retries after: ${(retryIntervalsMs ?? DEFAULT_RETRY_INTERVALS_MS).join(', ')} ms`);
	const { iris } = simulator;
	print(
		`  Iris credential: Environment "Custom Base URL", Base URL ${simulator.url}, Creator API Key ${iris.creatorKey}, Approver API Key ${iris.approverKey}, Merchant Key ${iris.merchantKey}`,
	);
	print(`  Iris notifications: ${iris.notificationUrl() ?? 'none (set with --iris-notification-url)'}; approvals ${values['iris-otp'] ? `need the OTP ${values['iris-otp']}` : 'need no OTP'}`);
	print(`  pay an order: npm run midtrans -- pay <order_id> --simulator ${simulator.url}`);
	await new Promise<void>((resolve) => {
		const stop = () => {
			print('Stopping the simulator.');
			void simulator.close().then(resolve);
		};
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
	});
}

/** Runs one command, printing its outcome; `serve` prints as it goes and returns once stopped. */
export async function runCommand(argv: string[], print: (line: string) => void): Promise<void> {
	const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
	const [command, argument, third] = positionals;
	if (!command || command === 'help' || values.help) {
		print(USAGE);
		return;
	}
	if (command === 'serve') return serve(values, print);

	const base = values.simulator ?? process.env.MIDTRANS_SIMULATOR_URL ?? DEFAULT_SIMULATOR_URL;
	const control = (method: string, path: string, body?: unknown) => callControl(base, method, path, body);
	const show = (answer: unknown, text: () => string) => print(values.json ? JSON.stringify(answer, null, 2) : text());

	switch (command) {
		case 'pay':
		case 'expire':
		case 'cancel':
		case 'refund': {
			const id = encodeURIComponent(requireArgument(argument, 'order_id'));
			const body = command === 'refund' ? { amount: wholeNumber('amount', values.amount), reason: values.reason } : {};
			const change = (await control('POST', `/transactions/${id}/${command}`, body)) as TransactionChange;
			return show(change, () => describeChange(change));
		}
		case 'notify': {
			const delivery = (await control('POST', '/notify', {
				status: requireArgument(values.status, '--status'),
				url: requireArgument(values.url, '--url'),
				orderId: values['order-id'],
				grossAmount: values['gross-amount'],
				paymentType: values['payment-type'],
				fraudStatus: values['fraud-status'],
				statusCode: values['status-code'],
				signatureKey: values['signature-key'],
				retry: !values['no-retry'],
			})) as NotificationDelivery;
			return show(delivery, () => `${delivery.order_id}: ${describeDelivery(delivery)}`);
		}
		case 'list': {
			const transactions = (await control('GET', '/transactions')) as Transaction[];
			return show(transactions, () => transactionTable(transactions));
		}
		case 'show': {
			const transaction = await control(
				'GET',
				`/transactions/${encodeURIComponent(requireArgument(argument, 'order_id'))}`,
			);
			return print(JSON.stringify(transaction, null, 2));
		}
		case 'deliveries': {
			const deliveries = (await control('GET', '/deliveries')) as NotificationDelivery[];
			return show(deliveries, () =>
				deliveries.length
					? deliveries.map((delivery) => `${delivery.order_id}: ${describeDelivery(delivery)}`).join('\n')
					: 'No notifications yet.',
			);
		}
		case 'fault': {
			if (argument === 'list') {
				const faults = (await control('GET', '/faults')) as ActiveFault[];
				return show(faults, () =>
					faults.length ? faults.map((fault) => JSON.stringify(fault)).join('\n') : 'No faults.',
				);
			}
			if (argument === 'clear') {
				await control('DELETE', '/faults');
				return print('Faults cleared.');
			}
			if (argument !== undefined) throw new UsageError(`unknown fault subcommand "${argument}"`);
			const fault = (await control('POST', '/faults', {
				path: requireArgument(values.path, '--path'),
				type: requireArgument(values.type, '--type'),
				method: values.method,
				times: wholeNumber('times', values.times),
				after: values.after,
				delayMs: wholeNumber('delay-ms', values['delay-ms']),
				retryAfterSeconds: wholeNumber('retry-after', values['retry-after']),
			})) as ActiveFault;
			return show(fault, () => `Fault ${fault.id} added: ${JSON.stringify(fault)}`);
		}
		case 'notification-url': {
			const url = requireArgument(argument, 'URL (or none)');
			const settings = await control('PUT', '/settings', { notificationUrl: url === 'none' ? null : url });
			return show(settings, () => `Notification URL: ${url === 'none' ? 'none' : url}`);
		}
		case 'recurring-notification-url':
		case 'pay-account-notification-url': {
			const url = requireArgument(argument, 'URL (or none)');
			const setting =
				command === 'recurring-notification-url' ? 'recurringNotificationUrl' : 'payAccountNotificationUrl';
			const settings = await control('PUT', '/settings', { [setting]: url === 'none' ? null : url });
			return show(
				settings,
				() => `${command === 'recurring-notification-url' ? 'Recurring' : 'Pay account'} notification URL: ${url}`,
			);
		}
		case 'link': {
			if (argument === 'list') {
				const links = (await control('GET', '/payment-links')) as Array<Record<string, unknown>>;
				return show(links, () =>
					links.length
						? links
								.map(
									(link) =>
										`${String(link.order_id)}  used ${String(link.usage)} of ${String(link.usage_limit)}  ${String(link.payment_link_url)}`,
								)
								.join('\n')
						: 'No payment links yet.',
				);
			}
			const orderId = encodeURIComponent(requireArgument(third, 'order_id'));
			if (argument === 'show') return print(JSON.stringify(await control('GET', `/payment-links/${orderId}`), null, 2));
			if (argument !== 'pay')
				throw new UsageError(`unknown link subcommand "${argument ?? ''}": use pay, list or show`);
			const payment = (await control('POST', `/payment-links/${orderId}/pay`, {
				method: values.method,
				pending: values.pending,
			})) as LinkPayment;
			return show(payment, () => describeLinkPayment(payment));
		}
		case 'subscription': {
			if (argument === 'list') {
				const subscriptions = (await control('GET', '/subscriptions')) as Array<Record<string, unknown>>;
				return show(subscriptions, () =>
					subscriptions.length
						? subscriptions
								.map((subscription) => {
									const schedule = subscription.schedule as Record<string, unknown>;
									return `${String(subscription.id)}  ${String(subscription.name)}  ${String(subscription.status)}  charged ${String(schedule.current_interval)}×, next ${String(schedule.next_execution_at)}`;
								})
								.join('\n')
						: 'No subscriptions yet.',
				);
			}
			const id = requireArgument(third, 'subscription id');
			if (argument === 'show') {
				const subscriptions = (await control('GET', '/subscriptions')) as Array<Record<string, unknown>>;
				const found = subscriptions.find((subscription) => subscription.id === id);
				if (!found) throw new RefusedError(`No subscription ${id}`);
				return print(JSON.stringify(found, null, 2));
			}
			if (argument !== 'charge')
				throw new UsageError(`unknown subscription subcommand "${argument ?? ''}": use charge, list or show`);
			const reason = values.reason;
			if (reason !== undefined && !values.fail) throw new UsageError('--reason goes with --fail');
			if (reason !== undefined && !CHARGE_FAILURES.includes(reason as never)) {
				throw new UsageError(`--reason must be one of ${CHARGE_FAILURES.join(', ')}`);
			}
			const charge = (await control('POST', `/subscriptions/${encodeURIComponent(id)}/charge`, {
				fail: values.fail ? (reason ?? 'deny') : undefined,
			})) as SubscriptionCharge;
			return show(charge, () => describeSubscriptionCharge(charge));
		}
		case 'account': {
			if (argument === 'list') {
				const accounts = (await control('GET', '/accounts')) as Array<Record<string, unknown>>;
				return show(accounts, () =>
					accounts.length
						? accounts.map((account) => `${String(account.account_id)}  ${String(account.account_status)}`).join('\n')
						: 'No GoPay accounts yet.',
				);
			}
			if (argument !== 'activate' && argument !== 'unbind') {
				throw new UsageError(`unknown account subcommand "${argument ?? ''}": use activate, unbind or list`);
			}
			const change = (await control(
				'POST',
				`/accounts/${encodeURIComponent(requireArgument(third, 'account_id'))}/${argument}`,
			)) as AccountChange;
			return show(change, () => describeAccountChange(change));
		}
		case 'payout':
			return runPayoutCommand(
				positionals.slice(1),
				{ code: values.code, amount: wholeNumber('amount', values.amount) },
				control,
				show,
				(message) => new UsageError(message),
			);
		case 'reset':
			await control('POST', '/reset');
			return print('Simulator reset.');
		default:
			throw new UsageError(`unknown command "${command}"`);
	}
}

if (require.main === module) {
	runCommand(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)).then(
		() => process.exit(0),
		(error: Error) => {
			const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
			process.stderr.write(`${usage ? `${error.message}\n\n${USAGE}` : error.message}\n`);
			process.exit(usage ? 2 : 1);
		},
	);
}
