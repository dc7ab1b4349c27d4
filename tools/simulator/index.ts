import type { AddressInfo } from 'net';

import { CardVault } from './cards';
import { SimulatorControl } from './control';
import { FaultBook } from './faults';
import { IdempotencyMemory } from './idempotency';
import { createIrisSimulator, type IrisSimulator } from './iris';
import { Ledger, notificationFieldsOf, type NotificationTargets } from './ledger';
import { Notifier, signNotification } from './notifier';
import { PayAccounts, type AccountChange } from './payAccounts';
import { type LinkPayment, PaymentLinks } from './paymentLinks';
import type { JsonObject } from './paymentTypes';
import { SavedCards } from './savedCards';
import { createSimulatorServer, type RuntimeSettings } from './server';
import { type ChargeFailure, DEFAULT_SCHEDULE_UNIT_MS, type SubscriptionCharge, Subscriptions } from './subscriptions';
import { TimerSet } from './timers';
import type {
	ActiveFault,
	Fault,
	NotificationDelivery,
	NotifyOptions,
	RawNotification,
	SimulatorOptions,
	Transaction,
	TransactionChange,
} from './types';

export type {
	ActiveFault,
	DeliveryState,
	Fault,
	FaultType,
	NotificationAttempt,
	NotificationDelivery,
	NotificationKind,
	NotifyOptions,
	RawNotification,
	ScheduleUnit,
	SimulatorOptions,
	Transaction,
	TransactionChange,
} from './types';
export type { AccountChange, AccountStatus } from './payAccounts';
export type { LinkPayment } from './paymentLinks';
export type { ChargeFailure, SubscriptionCharge } from './subscriptions';
export { SANDBOX_CARDS, SANDBOX_OTP } from './cards';
export { payAccountSignature } from './payAccounts';
export { CHARGE_FAILURES, DEFAULT_SCHEDULE_UNIT_MS, REAL_SCHEDULE_UNIT_MS } from './subscriptions';
export { SimulatorError } from './errors';
export { signatureFor } from './signature';
export {
	DEFAULT_IRIS_APPROVER_KEY,
	DEFAULT_IRIS_BALANCE,
	DEFAULT_IRIS_CREATOR_KEY,
	DEFAULT_IRIS_MERCHANT_KEY,
	irisSignature,
	SANDBOX_OTP as IRIS_SANDBOX_OTP,
	type IrisSimulator,
	type IrisSimulatorOptions,
	type PayoutChange,
	type PayoutDetails,
} from './iris';

export const DEFAULT_SIMULATOR_PORT = 3900;
export const DEFAULT_SIMULATOR_HOST = '127.0.0.1';
export const DEFAULT_SIMULATOR_SERVER_KEY = 'SB-Mid-server-simulator';
export const DEFAULT_SIMULATOR_CLIENT_KEY = 'SB-Mid-client-simulator';
export const DEFAULT_MERCHANT_ID = 'G000000001';
/** Midtrans retries after about 2, 10, 30, 90 and 210 minutes; the simulator uses seconds. */
export const DEFAULT_RETRY_INTERVALS_MS = [2_000, 10_000, 30_000, 90_000, 210_000];
/** Midtrans waits up to 15 s for a notification receiver. */
export const DEFAULT_NOTIFICATION_TIMEOUT_MS = 15_000;

export interface Simulator {
	/** Core API base, e.g. http://127.0.0.1:3900 (POST {url}/v2/charge); Snap is under {url}/snap/v1. */
	url: string;
	port: number;
	close(): Promise<void>;
	/** The customer pays: pending → settlement; a card completes 3DS (→ capture), authorize → capture, capture → settlement. */
	pay(orderId: string): Promise<Transaction>;
	/** The customer's time runs out: pending → expire. */
	expire(orderId: string): Promise<Transaction>;
	/** The merchant cancels: pending (or an unsettled card payment) → cancel. */
	cancel(orderId: string): Promise<Transaction>;
	/** The merchant refunds all that is left, or `amount`: → refund / partial_refund. */
	refund(orderId: string, amount?: number, reason?: string): Promise<Transaction>;
	/** A signed notification of any status to any URL; resolves after the first attempt. */
	notify(options: NotifyOptions): Promise<NotificationDelivery>;
	injectFault(fault: Fault): ActiveFault;
	clearFaults(): void;
	faults(): ActiveFault[];
	transactions(): Transaction[];
	/** By transaction_id or order_id (the latest transaction of that order). */
	transaction(id: string): Transaction | undefined;
	/** Every notification sent: where, what, and each attempt's answer. */
	deliveries(): NotificationDelivery[];
	/** Resolves once no notification is being sent or waiting for a retry. */
	idle(): Promise<void>;
	/** The dashboard's notification URL, changeable while running (e.g. once an n8n webhook exists). */
	setNotificationUrl(url: string | undefined): void;
	/** The server key it accepts and signs notifications with. */
	serverKey(): string;
	/**
	 * A new server key, as when a merchant regenerates it in the dashboard: from now on the API accepts only
	 * this one and notifications are signed with it.
	 */
	setServerKey(serverKey: string): void;
	/** The dashboard's Recurring Notification URL (subscriptions), changeable while running. */
	setRecurringNotificationUrl(url: string | undefined): void;
	/** The dashboard's Pay Account Notification URL (GoPay account linking), changeable while running. */
	setPayAccountNotificationUrl(url: string | undefined): void;
	/** Any JSON to any URL, delivered as Midtrans delivers notifications (e.g. a forged subscription notification). */
	notifyRaw(notification: RawNotification): Promise<NotificationDelivery>;
	/** The customer pays a payment link (GoPay unless `method` names another enabled payment); `pending` leaves it unpaid. */
	payLink(orderId: string, options?: { method?: string; pending?: boolean }): Promise<LinkPayment>;
	/** A payment link as GET /v1/payment-links/{order_id} answers it. */
	paymentLink(orderId: string): JsonObject;
	/** Charges a subscription now, as its schedule would; `fail` makes this charge and its retries fail that way. */
	chargeSubscription(id: string, options?: { fail?: ChargeFailure }): Promise<SubscriptionCharge>;
	/** A subscription as GET /v1/subscriptions/{id} answers it. */
	subscription(id: string): JsonObject;
	/** The customer confirms a GoPay account link in the Gojek app: PENDING → ENABLED. */
	activateAccount(accountId: string): Promise<AccountChange>;
	/** The customer unlinks the account in the Gojek app: ENABLED → DISABLED. */
	unlinkAccount(accountId: string): Promise<AccountChange>;
	/** A GoPay account as GET /v2/pay/account/{id} answers it. */
	account(accountId: string): JsonObject;
	/** Forgets transactions, deliveries, faults, spent card tokens and idempotency keys, and every product's state (Iris's too). */
	reset(): void;
	/** Iris (Midtrans Payouts), under {url}/iris/api/v1: its keys, payouts, balance and notifications. */
	iris: IrisSimulator;
}

/** Starts a local Midtrans: Core API, Snap, notifications with retries, and a control API under /_simulator. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const settings: RuntimeSettings = {
		serverKey: options.serverKey ?? DEFAULT_SIMULATOR_SERVER_KEY,
		clientKey: options.clientKey ?? DEFAULT_SIMULATOR_CLIENT_KEY,
		latencyMs: options.latencyMs ?? 0,
		notificationUrl: options.notificationUrl,
		recurringNotificationUrl: options.recurringNotificationUrl,
		payAccountNotificationUrl: options.payAccountNotificationUrl,
		log: options.log ?? (() => {}),
	};
	const merchantId = options.merchantId ?? DEFAULT_MERCHANT_ID;
	let url = '';

	const timers = new TimerSet();
	const cards = new CardVault();
	const faults = new FaultBook();
	const idempotency = new IdempotencyMemory();
	const notifier = new Notifier({
		retryIntervalsMs: options.retryIntervalsMs ?? DEFAULT_RETRY_INTERVALS_MS,
		timeoutMs: options.notificationTimeoutMs ?? DEFAULT_NOTIFICATION_TIMEOUT_MS,
		timers,
		log: settings.log,
	});

	/** X-Override-Notification replaces the dashboard URL; X-Append-Notification adds to it. */
	const urlsFor = (targets: NotificationTargets): string[] => {
		const urls = targets.override ?? [
			...(settings.notificationUrl ? [settings.notificationUrl] : []),
			...(targets.append ?? []),
		];
		return [...new Set(urls)];
	};
	const payAccounts = new PayAccounts({
		notifier,
		merchantId,
		// Read when used, so that setServerKey reaches what it signs.
		get serverKey() {
			return settings.serverKey;
		},
		baseUrl: () => url,
		payAccountNotificationUrl: () => settings.payAccountNotificationUrl,
	});
	const ledger = new Ledger({
		merchantId,
		baseUrl: () => url,
		unavailablePaymentTypes: options.unavailablePaymentTypes ?? [],
		cards,
		gopayAccounts: payAccounts,
		timers,
		announce: (transaction, targets) => {
			const urls = urlsFor(targets);
			if (!urls.length) return Promise.resolve([]);
			const body = signNotification(notificationFieldsOf(transaction), settings.serverKey);
			return notifier.send(urls, body, { chainKey: transaction.transaction_id });
		},
	});
	const control = new SimulatorControl(ledger, notifier, faults, cards, idempotency, {
		// Read when used, so that setServerKey reaches the notifications it signs.
		get serverKey() {
			return settings.serverKey;
		},
		merchantId,
	});
	// The products beside the Core API and Snap, one module each: registered here and reset with the rest.
	const paymentLinks = new PaymentLinks({ ledger, cards, merchantId, baseUrl: () => url });
	const subscriptions = new Subscriptions({
		ledger,
		cards,
		notifier,
		timers,
		merchantId,
		unitMs: { ...DEFAULT_SCHEDULE_UNIT_MS, ...options.scheduleUnitMs },
		recurringNotificationUrl: () => settings.recurringNotificationUrl,
	});
	const savedCards = new SavedCards({
		cards,
		get serverKey() {
			return settings.serverKey;
		},
		clientKey: settings.clientKey,
	});
	const iris = createIrisSimulator(options.iris ?? {}, { notifier, log: settings.log });
	const products = [paymentLinks, subscriptions, payAccounts, savedCards, iris.product];
	control.alsoReset(...products);
	const server = createSimulatorServer({
		ledger,
		control,
		notifier,
		faults,
		cards,
		idempotency,
		timers,
		settings,
		products,
	});

	const host = options.host ?? DEFAULT_SIMULATOR_HOST;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? DEFAULT_SIMULATOR_PORT, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	// A wildcard address is not something a client can call: answer with loopback in URLs.
	const reachableHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
	url = `http://${reachableHost}:${port}`;

	const transactionAfter = async (change: Promise<TransactionChange>) => (await change).transaction;
	let closing: Promise<void> | undefined;

	return {
		url,
		port,
		close() {
			closing ??= new Promise<void>((resolve) => {
				notifier.cancelAll();
				timers.clear();
				server.close(() => resolve());
				server.closeAllConnections();
			});
			return closing;
		},
		pay: (orderId) => transactionAfter(control.change('pay', orderId)),
		expire: (orderId) => transactionAfter(control.change('expire', orderId)),
		cancel: (orderId) => transactionAfter(control.change('cancel', orderId)),
		refund: (orderId, amount, reason) => transactionAfter(control.change('refund', orderId, { amount, reason })),
		notify: (notifyOptions) => control.notify(notifyOptions),
		injectFault: (fault) => faults.add(fault),
		clearFaults: () => faults.clear(),
		faults: () => faults.list(),
		transactions: () => ledger.transactions(),
		transaction: (id) => ledger.transaction(id),
		deliveries: () => notifier.deliveries(),
		idle: () => notifier.idle(),
		setNotificationUrl: (notificationUrl) => {
			settings.notificationUrl = notificationUrl;
		},
		serverKey: () => settings.serverKey,
		setServerKey: (serverKey) => {
			settings.serverKey = serverKey;
		},
		setRecurringNotificationUrl: (recurringUrl) => {
			settings.recurringNotificationUrl = recurringUrl;
		},
		setPayAccountNotificationUrl: (payAccountUrl) => {
			settings.payAccountNotificationUrl = payAccountUrl;
		},
		notifyRaw: (notification) => control.notifyRaw(notification),
		payLink: (orderId, payOptions) => paymentLinks.pay(orderId, payOptions),
		paymentLink: (orderId) => paymentLinks.view(orderId),
		chargeSubscription: (id, chargeOptions) => subscriptions.charge(id, chargeOptions),
		subscription: (id) => subscriptions.view(id),
		activateAccount: (accountId) => payAccounts.activate(accountId),
		unlinkAccount: (accountId) => payAccounts.unbind(accountId),
		account: (accountId) => payAccounts.view(accountId),
		reset: () => control.reset(),
		iris,
	};
}
