import type { IrisSimulatorOptions } from './iris';
import type { TransactionStatus } from './midtransRules';

/**
 * A transaction as Midtrans's Get Status shows it: snake_case fields, money as "44000.00" strings,
 * times as "yyyy-MM-dd HH:mm:ss" in UTC+7, plus the fields of its payment type (payment_code, va_numbers, actions…).
 */
export interface Transaction {
	transaction_id: string;
	order_id: string;
	gross_amount: string;
	currency: string;
	payment_type: string;
	transaction_time: string;
	transaction_status: TransactionStatus;
	fraud_status?: string;
	status_code: string;
	status_message: string;
	merchant_id: string;
	expiry_time?: string;
	settlement_time?: string;
	[field: string]: unknown;
}

export interface NotificationAttempt {
	/** ISO time the attempt started. */
	at: string;
	/** The receiver's HTTP status; absent when no answer came (refused, timed out, aborted). */
	httpStatus?: number;
	error?: string;
	/** The receiver's answer, cut to 2,000 characters. */
	responseBody?: string;
}

export type DeliveryState = 'sending' | 'retry-scheduled' | 'delivered' | 'failed' | 'cancelled';

/**
 * Which of the dashboard's notification URLs a notification belongs to: payments (signed, per transaction),
 * subscriptions (the Recurring Notification URL) or GoPay account linking (the Pay Account Notification URL).
 */
export type NotificationKind = 'payment' | 'subscription' | 'pay_account' | 'iris';

/** One notification to one URL, with every attempt Midtrans's retry schedule made. */
export interface NotificationDelivery {
	id: string;
	kind: NotificationKind;
	url: string;
	/** The order, or for other kinds the subscription or account it is about. */
	order_id: string;
	/** The transaction status, or for other kinds the event (created, subscription.charge, ENABLED…). */
	transaction_status: string;
	/** Exactly the JSON that was POSTed. */
	body: Record<string, unknown>;
	attempts: NotificationAttempt[];
	state: DeliveryState;
	/** ISO time of the next retry, while one is scheduled. */
	nextAttemptAt?: string;
}

/** `http-500`, `http-503`, `http-429` (with Retry-After) or any other `http-NNN`. */
export type HttpFaultType = `http-${number}`;

export type FaultType =
	| HttpFaultType
	/** HTTP 200 whose body says status_code "500": Midtrans's error-inside-success quirk. */
	| 'body-500'
	/** The answer comes late (delayMs). */
	| 'slow'
	/** The connection is destroyed without an answer. */
	| 'drop';

export interface Fault {
	/** Path pattern: `*` matches within one segment, `**` across segments, e.g. `/v2/charge` or `/v2/**`. */
	path: string;
	/** Only requests with this HTTP method; every method when absent. */
	method?: string;
	type: FaultType;
	/** Only the next N matching requests; every matching request when absent. */
	times?: number;
	/** Perform the operation first and spoil only its answer (a charge happens but its answer is lost). */
	after?: boolean;
	/** For `slow`: how late the answer comes; default 1000. */
	delayMs?: number;
	/** For `http-429`: the Retry-After header in seconds; default 1. */
	retryAfterSeconds?: number;
}

export interface ActiveFault extends Fault {
	id: number;
	/** How many more requests it will hit; absent when unlimited. */
	remaining?: number;
	/** How many requests it has hit so far. */
	hits: number;
}

export interface NotifyOptions {
	/** Where to POST the notification. */
	url: string;
	/** transaction_status to announce: settlement, pending, expire, deny… */
	status: string;
	/** A known order's fields are used when it exists; otherwise a made-up transaction, like the dashboard's test notification. */
	orderId?: string;
	grossAmount?: string;
	paymentType?: string;
	fraudStatus?: string;
	/** Overrides the status_code derived from the status. */
	statusCode?: string;
	/** Sends this signature_key instead of the correct one (to test that forgeries are refused). */
	signatureKey?: string;
	/** Extra or replaced fields of the body, applied before signing. */
	fields?: Record<string, unknown>;
	/** Whether failed deliveries are retried on Midtrans's schedule; default true. */
	retry?: boolean;
}

/** Any JSON to any URL, delivered as Midtrans delivers notifications (headers, retries): for shapes notify() does not make. */
export interface RawNotification {
	url: string;
	body: Record<string, unknown>;
	kind?: NotificationKind;
	retry?: boolean;
}

/** The time one unit of a subscription's schedule (or retry schedule) takes in the simulator. */
export type ScheduleUnit = 'minute' | 'hour' | 'day' | 'week' | 'month';

export interface SimulatorOptions {
	/** Default 3900 (DEFAULT_SIMULATOR_PORT); 0 picks any free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** The server key it accepts; default DEFAULT_SIMULATOR_SERVER_KEY. */
	serverKey?: string;
	/** The client key GET /v2/token accepts; default DEFAULT_SIMULATOR_CLIENT_KEY. */
	clientKey?: string;
	/** The dashboard's Payment Notification URL; notifications go nowhere by default unless a charge names URLs. */
	notificationUrl?: string;
	/** The dashboard's Recurring Notification URL: subscription notifications; none by default. */
	recurringNotificationUrl?: string;
	/** The dashboard's Pay Account Notification URL: GoPay account linking notifications; none by default. */
	payAccountNotificationUrl?: string;
	/**
	 * How long each unit of a subscription schedule lasts, so that a "month" passes in seconds; defaults in
	 * DEFAULT_SCHEDULE_UNIT_MS (REAL_SCHEDULE_UNIT_MS keeps Midtrans's real lengths).
	 */
	scheduleUnitMs?: Partial<Record<ScheduleUnit, number>>;
	/** Added to every API answer (for benchmarks); default 0. */
	latencyMs?: number;
	/** Waits between notification retries: the n-th retry waits the n-th entry (the last one repeats). */
	retryIntervalsMs?: number[];
	/** How long a notification receiver may take to answer; Midtrans waits 15 s. */
	notificationTimeoutMs?: number;
	/** Payment types answered with 402 (no access), as for a merchant who has not activated them. */
	unavailablePaymentTypes?: string[];
	merchantId?: string;
	/** Receives one line per API call and notification (the CLI prints them). */
	log?: (line: string) => void;
	/** Iris (Midtrans Payouts): its keys, notification URL, OTP and starting balance. */
	iris?: IrisSimulatorOptions;
}

/** What a state change did: the transaction afterwards, and where its notification went. */
export interface TransactionChange {
	transaction: Transaction;
	notifications: NotificationDelivery[];
}
