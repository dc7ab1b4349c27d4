/**
 * Midtrans's Subscription API (docs.midtrans.com/reference/create-subscription, get-, update-, enable-,
 * disable-, cancel-subscription, and the subscription "http-notification" page), simulated: subscriptions that
 * charge a saved card or a linked GoPay account on a schedule compressed to seconds, retry failed charges, and
 * notify both ways Midtrans does: a signed payment notification per charge attempt (Payment Notification URL),
 * and the subscription's own notifications (Recurring Notification URL). The rules are stated here, never imported.
 */
import { randomInt, randomUUID } from 'crypto';

import type { CardVault } from './cards';
import { SimulatorError } from './errors';
import type { Ledger } from './ledger';
import { ORDER_ID_PATTERN } from './midtransRules';
import type { Notifier } from './notifier';
import { type JsonObject, objectAt } from './paymentTypes';
import { type Answer, json, type Route, type SimulatorProduct } from './server';
import { jakartaTime, parseOrderTime } from './time';
import type { TimerSet } from './timers';
import type { NotificationDelivery, ScheduleUnit, Transaction } from './types';

/** Midtrans's lengths of each unit, a month taken as 30 days. */
export const REAL_SCHEDULE_UNIT_MS: Readonly<Record<ScheduleUnit, number>> = {
	minute: 60_000,
	hour: 3_600_000,
	day: 86_400_000,
	week: 7 * 86_400_000,
	month: 30 * 86_400_000,
};

/** The simulator's by default: a monthly subscription charges every minute, a retry an hour later comes after a second. */
export const DEFAULT_SCHEDULE_UNIT_MS: Readonly<Record<ScheduleUnit, number>> = {
	minute: 250,
	hour: 1_000,
	day: 5_000,
	week: 20_000,
	month: 60_000,
};

/** docs: create-subscription, create-subscription-schedule-object, create-subscription-retry-schedule-object. */
const SUBSCRIPTION_RULES = {
	nameLength: 40,
	paymentTypes: ['credit_card', 'gopay'],
	intervalUnits: ['day', 'week', 'month'],
	retryIntervalUnits: ['minute', 'hour', 'day'],
	maxRetries: 3,
	/** "Midtrans will perform automatic retries 3 times for every one hour by default". */
	defaultRetry: { interval: 1, interval_unit: 'hour', max_interval: 3 },
	metadataBytes: 1024,
	/** Create is deduplicated by Idempotency-Key "for the next 3 minutes". */
	idempotencyMs: 3 * 60_000,
} as const;

/** A charge attempt fails: denied by the bank or wallet (a transaction is made), an unusable token (411), or Midtrans's 500. */
export type ChargeFailure = 'deny' | 'token' | 'server';
export const CHARGE_FAILURES: readonly ChargeFailure[] = ['deny', 'token', 'server'];

/** The documented failure shapes of a subscription notification's transaction (no transaction is made for these). */
const FAILURE_TRANSACTIONS: Record<Exclude<ChargeFailure, 'deny'>, JsonObject> = {
	token: { status_message: 'Token id is missing, invalid, or timed out', status_code: '411' },
	server: { status_message: 'Internal Server Error', status_code: '500' },
};

interface SubscriptionRecord {
	id: string;
	body: JsonObject;
	createdAt: Date;
	status: 'active' | 'inactive';
	currentInterval: number;
	startTime: Date;
	previousExecution?: Date;
	nextExecution?: Date;
	transactionIds: string[];
	cancelNext?: () => void;
	charging: boolean;
	cancelled: boolean;
}

/** What one charge (with its retries) did. */
export interface SubscriptionCharge {
	subscription: JsonObject;
	succeeded: boolean;
	/** Every attempt's transaction (none for a refused token or a server error). */
	transactions: Transaction[];
	/** The payment notifications of the attempts and the subscription notification at the end. */
	notifications: NotificationDelivery[];
}

export interface SubscriptionSettings {
	ledger: Ledger;
	cards: CardVault;
	notifier: Notifier;
	timers: TimerSet;
	merchantId: string;
	unitMs: Record<ScheduleUnit, number>;
	recurringNotificationUrl: () => string | undefined;
}

const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

/** The amount, "a string without decimal" in the docs (the Go SDK sends a number: both are taken). */
function amountOf(value: unknown): number | undefined {
	if (isWhole(value)) return value;
	if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
	return undefined;
}

/** "2022-10-26T04:20:00.000000Z": how the docs' subscription notifications write times. */
function notificationTime(date: Date): string {
	return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function checkRetrySchedule(body: JsonObject, problems: string[]): void {
	if (body.retry_schedule === undefined) return;
	const retry = objectAt(body, 'retry_schedule');
	if (retry.interval !== undefined && (!isWhole(retry.interval) || retry.interval < 1))
		problems.push('retry_schedule.interval must be a positive integer');
	if (
		retry.interval_unit !== undefined &&
		!SUBSCRIPTION_RULES.retryIntervalUnits.includes(retry.interval_unit as never)
	) {
		problems.push('retry_schedule.interval_unit must be one of minute, hour, day');
	}
	if (
		retry.max_interval !== undefined &&
		(!isWhole(retry.max_interval) || retry.max_interval < 0 || retry.max_interval > SUBSCRIPTION_RULES.maxRetries)
	) {
		problems.push('retry_schedule.max_interval must be an integer from 0 to 3');
	}
}

function checkCommon(body: JsonObject, problems: string[]): void {
	const name = body.name;
	if (name === undefined || name === '') problems.push('subscription.name is required');
	else if (String(name).length > SUBSCRIPTION_RULES.nameLength)
		problems.push(`subscription.name must be at most ${SUBSCRIPTION_RULES.nameLength} characters`);
	else if (!ORDER_ID_PATTERN.test(String(name)))
		problems.push('subscription.name may contain only letters, digits and - _ ~ .');
	const amount = amountOf(body.amount);
	if (body.amount === undefined) problems.push('subscription.amount is required');
	else if (amount === undefined || amount < 1)
		problems.push('subscription.amount must be a whole number without decimal');
	if (body.currency === undefined) problems.push('subscription.currency is required');
	else if (body.currency !== 'IDR') problems.push('subscription.currency must be IDR');
	if (body.token === undefined || body.token === '') problems.push('subscription.token is required');
	checkRetrySchedule(body, problems);
}

function checkCreate(body: JsonObject, now: Date): string[] {
	const problems: string[] = [];
	checkCommon(body, problems);
	if (body.payment_type === undefined) problems.push('subscription.payment_type is required');
	else if (!SUBSCRIPTION_RULES.paymentTypes.includes(body.payment_type as never))
		problems.push('subscription.payment_type must be credit_card or gopay');
	if (body.payment_type === 'gopay' && !objectAt(body, 'gopay').account_id)
		problems.push('subscription.gopay.account_id is required for gopay');
	const schedule = objectAt(body, 'schedule');
	if (body.schedule === undefined) problems.push('subscription.schedule is required');
	if (!isWhole(schedule.interval) || schedule.interval < 1)
		problems.push('schedule.interval must be a positive integer');
	if (!SUBSCRIPTION_RULES.intervalUnits.includes(schedule.interval_unit as never))
		problems.push('schedule.interval_unit must be one of day, week, month');
	if (
		schedule.max_interval !== undefined &&
		schedule.max_interval !== null &&
		(!isWhole(schedule.max_interval) || schedule.max_interval < 0)
	) {
		problems.push('schedule.max_interval must be a non-negative integer');
	}
	if (schedule.start_time !== undefined) {
		const start = parseOrderTime(String(schedule.start_time));
		if (!start) problems.push('schedule.start_time must be formatted yyyy-MM-dd HH:mm:ss Z');
		else if (start.getTime() <= now.getTime()) problems.push('schedule.start_time must be after the current time');
	}
	if (body.metadata !== undefined) {
		if (!body.metadata || typeof body.metadata !== 'object' || Array.isArray(body.metadata))
			problems.push('subscription.metadata must be an object');
		else if (Buffer.byteLength(JSON.stringify(body.metadata)) >= SUBSCRIPTION_RULES.metadataBytes)
			problems.push('subscription.metadata must be smaller than 1KB');
	}
	return problems;
}

/** The Subscription API's wording: real HTTP statuses, status_message and validation_messages, no status_code. */
function subscriptionErrorAnswer(error: SimulatorError): Answer {
	const status = Number(error.statusCode);
	return json(status >= 400 && status < 600 ? status : 400, {
		status_message: error.statusMessage,
		...(error.validationMessages?.length ? { validation_messages: error.validationMessages } : {}),
	});
}

const UPDATED = { status_message: 'Subscription is updated.' };

export class Subscriptions implements SimulatorProduct {
	private records: SubscriptionRecord[] = [];

	constructor(private readonly settings: SubscriptionSettings) {}

	/** POST /v1/subscriptions: sends the "created" notification and schedules the first charge. */
	create(rawBody: unknown): JsonObject {
		const body = structuredClone(
			(rawBody && typeof rawBody === 'object' && !Array.isArray(rawBody) ? rawBody : {}) as JsonObject,
		);
		const now = new Date();
		const problems = checkCreate(body, now);
		if (problems.length) throw new SimulatorError('400', 'Invalid parameter.', problems);
		const schedule = objectAt(body, 'schedule');
		// Without start_time the first charge is one interval away; a given start_time is as far away as it says,
		// compressed the way the schedule's days are.
		const firstDelay = schedule.start_time
			? this.compress(parseOrderTime(String(schedule.start_time))!.getTime() - now.getTime())
			: this.intervalMs(body);
		const record: SubscriptionRecord = {
			id: randomUUID(),
			body,
			createdAt: now,
			status: 'active',
			currentInterval: 0,
			startTime: new Date(now.getTime() + firstDelay),
			transactionIds: [],
			charging: false,
			cancelled: false,
		};
		this.records.push(record);
		this.scheduleNext(record, firstDelay);
		void this.notify(record, this.notificationView(record), 'created');
		return this.view(record);
	}

	view(id: string | SubscriptionRecord): JsonObject {
		const record = typeof id === 'string' ? this.require(id) : id;
		const { body } = record;
		const schedule = objectAt(body, 'schedule');
		return {
			id: record.id,
			name: body.name,
			amount: String(amountOf(body.amount)),
			currency: body.currency,
			created_at: jakartaTime(record.createdAt),
			schedule: {
				interval: schedule.interval,
				current_interval: record.currentInterval,
				...(schedule.max_interval !== undefined && schedule.max_interval !== null
					? { max_interval: schedule.max_interval }
					: {}),
				interval_unit: schedule.interval_unit,
				start_time: jakartaTime(record.startTime),
				previous_execution_at: record.previousExecution ? jakartaTime(record.previousExecution) : null,
				next_execution_at: record.nextExecution ? jakartaTime(record.nextExecution) : null,
			},
			...(body.retry_schedule ? { retry_schedule: body.retry_schedule } : {}),
			status: record.status,
			token: body.token,
			payment_type: body.payment_type,
			transaction_ids: [...record.transactionIds],
			...(body.metadata ? { metadata: body.metadata } : {}),
			...(body.customer_details ? { customer_details: body.customer_details } : {}),
			...(body.gopay ? { gopay: body.gopay } : {}),
		};
	}

	list(): JsonObject[] {
		return this.records.map((record) => this.view(record));
	}

	/** PATCH: name, amount, currency, token (required), schedule.interval, retry_schedule, gopay.account_id. */
	update(id: string, rawBody: unknown): JsonObject {
		const record = this.require(id);
		const changes = (rawBody && typeof rawBody === 'object' && !Array.isArray(rawBody) ? rawBody : {}) as JsonObject;
		const problems: string[] = [];
		checkCommon(changes, problems);
		const schedule = objectAt(changes, 'schedule');
		// "Only interval field can be updated."
		if (schedule.interval_unit !== undefined || schedule.max_interval !== undefined) {
			problems.push('schedule.interval_unit and schedule.max_interval can not be updated');
		}
		if (schedule.interval !== undefined && (!isWhole(schedule.interval) || schedule.interval < 1))
			problems.push('schedule.interval must be a positive integer');
		if (changes.payment_type !== undefined && changes.payment_type !== record.body.payment_type) {
			problems.push('Payment method cannot be updated in the middle of subscription');
		}
		if (problems.length) throw new SimulatorError('400', 'Invalid parameter.', problems);
		const { body } = record;
		Object.assign(body, {
			name: changes.name,
			amount: changes.amount,
			currency: changes.currency,
			token: changes.token,
		});
		if (schedule.interval !== undefined) body.schedule = { ...objectAt(body, 'schedule'), interval: schedule.interval };
		if (changes.retry_schedule !== undefined) body.retry_schedule = changes.retry_schedule;
		if (changes.gopay !== undefined) body.gopay = changes.gopay;
		return { ...UPDATED };
	}

	/** Stops future charges; a failed charge's retries under way go on ("does not stop any pending retries"). */
	disable(id: string): JsonObject {
		const record = this.require(id);
		record.status = 'inactive';
		this.unschedule(record);
		return { ...UPDATED };
	}

	/** Charges resume, the next one an interval from now unless one is already due. */
	enable(id: string): JsonObject {
		const record = this.require(id);
		record.status = 'active';
		record.cancelled = false;
		if (!record.cancelNext && !record.charging && this.chargesLeft(record))
			this.scheduleNext(record, this.intervalMs(record.body));
		return { ...UPDATED };
	}

	/** Like disable, and retries under way stop too (docs only; no SDK has it). */
	cancel(id: string): JsonObject {
		const record = this.require(id);
		record.cancelled = true;
		return this.disable(id);
	}

	/**
	 * Charges the subscription now, as its schedule would (a charge already scheduled is replaced): with `fail`,
	 * this charge and its retries fail that way. Resolves once the charge succeeded or its last retry failed.
	 */
	async charge(id: string, { fail }: { fail?: ChargeFailure } = {}): Promise<SubscriptionCharge> {
		const record = this.require(id);
		if (record.charging) throw new SimulatorError('409', 'A charge of this subscription is under way');
		if (fail !== undefined && !CHARGE_FAILURES.includes(fail)) {
			throw new SimulatorError('400', 'Invalid charge', [`fail must be one of ${CHARGE_FAILURES.join(', ')}`]);
		}
		this.unschedule(record);
		return await this.runCharge(record, fail);
	}

	reset(): void {
		for (const record of this.records) {
			record.cancelled = true;
			this.unschedule(record);
		}
		this.records = [];
	}

	routes(): Route[] {
		const core = { area: 'core' as const, errorAnswer: subscriptionErrorAnswer };
		return [
			{
				...core,
				method: 'POST',
				pattern: /^\/v1\/subscriptions$/,
				idempotencyMs: SUBSCRIPTION_RULES.idempotencyMs,
				handle: ({ body }) => json(200, this.create(body)),
			},
			{
				...core,
				method: 'GET',
				pattern: /^\/v1\/subscriptions\/([^/]+)$/,
				handle: ({ params }) => json(200, this.view(params[0])),
			},
			{
				...core,
				method: 'PATCH',
				pattern: /^\/v1\/subscriptions\/([^/]+)$/,
				handle: ({ params, body }) => json(200, this.update(params[0], body)),
			},
			{
				...core,
				method: 'POST',
				pattern: /^\/v1\/subscriptions\/([^/]+)\/(enable|disable|cancel)$/,
				// "Subscription API currently supports idempotency when creating subscription": not for these.
				idempotencyMs: 0,
				handle: ({ params: [id, action] }) => json(200, this[action as 'enable' | 'disable' | 'cancel'](id)),
			},
			{
				method: 'GET',
				pattern: /^\/_simulator\/subscriptions$/,
				area: 'control',
				handle: () => json(200, this.list()),
			},
			{
				method: 'POST',
				pattern: /^\/_simulator\/subscriptions\/([^/]+)\/charge$/,
				area: 'control',
				handle: async ({ params, body }) => json(200, await this.charge(params[0], body as { fail?: ChargeFailure })),
			},
		];
	}

	private require(id: string): SubscriptionRecord {
		const record = this.records.find((candidate) => candidate.id === id);
		if (!record) throw new SimulatorError('404', "Subscription doesn't exist.");
		return record;
	}

	/** A real duration as the simulator's clock runs it: compressed the way days are. */
	private compress(realMs: number): number {
		return Math.max(0, Math.round((realMs * this.settings.unitMs.day) / REAL_SCHEDULE_UNIT_MS.day));
	}

	private intervalMs(body: JsonObject): number {
		const schedule = objectAt(body, 'schedule');
		return Number(schedule.interval) * this.settings.unitMs[schedule.interval_unit as ScheduleUnit];
	}

	private retrySchedule(record: SubscriptionRecord): { waitMs: number; retries: number } {
		const retry = { ...SUBSCRIPTION_RULES.defaultRetry, ...objectAt(record.body, 'retry_schedule') };
		return {
			waitMs: Number(retry.interval) * this.settings.unitMs[retry.interval_unit as ScheduleUnit],
			retries: Number(retry.max_interval),
		};
	}

	/** max_interval charges in all ("set to 0 will be executed once"); without it, no end. */
	private chargesLeft(record: SubscriptionRecord): boolean {
		const max = objectAt(record.body, 'schedule').max_interval;
		if (max === undefined || max === null) return true;
		return record.currentInterval < Math.max(1, Number(max));
	}

	private scheduleNext(record: SubscriptionRecord, delayMs: number): void {
		this.unschedule(record);
		record.nextExecution = new Date(Date.now() + delayMs);
		record.cancelNext = this.settings.timers.schedule(delayMs, () => {
			record.cancelNext = undefined;
			if (record.status === 'active' && !record.charging) void this.runCharge(record);
		});
	}

	private unschedule(record: SubscriptionRecord): void {
		record.cancelNext?.();
		record.cancelNext = undefined;
		record.nextExecution = undefined;
	}

	/** One charge: attempts until one succeeds or the retries run out; notifies as Midtrans does at the end. */
	private async runCharge(record: SubscriptionRecord, fail?: ChargeFailure): Promise<SubscriptionCharge> {
		record.charging = true;
		const transactions: Transaction[] = [];
		const notifications: NotificationDelivery[] = [];
		try {
			const { waitMs, retries } = this.retrySchedule(record);
			for (let attempt = 0; ; attempt++) {
				const outcome = await this.attempt(record, fail);
				if (outcome.transaction) transactions.push(outcome.transaction);
				notifications.push(...outcome.notifications);
				if (outcome.succeeded) {
					record.currentInterval++;
					record.previousExecution = new Date();
					record.transactionIds.push(outcome.transaction!.transaction_id);
					if (record.status === 'active' && this.chargesLeft(record))
						this.scheduleNext(record, this.intervalMs(record.body));
					else this.unschedule(record);
					notifications.push(
						...(await this.notify(record, this.chargeNotification(record, outcome.summary), 'subscription.charge')),
					);
					return { subscription: this.view(record), succeeded: true, transactions, notifications };
				}
				if (attempt >= retries || record.cancelled || !(await this.settings.timers.sleep(waitMs)) || record.cancelled) {
					// The docs' failed-charge notifications show the subscription inactive after its last retry failed.
					record.status = 'inactive';
					this.unschedule(record);
					notifications.push(
						...(await this.notify(record, this.chargeNotification(record, outcome.summary), 'subscription.charge')),
					);
					return { subscription: this.view(record), succeeded: false, transactions, notifications };
				}
			}
		} finally {
			record.charging = false;
		}
	}

	/** One charge attempt: a transaction (paid or denied, with its signed payment notification), or a refusal. */
	private async attempt(
		record: SubscriptionRecord,
		fail?: ChargeFailure,
	): Promise<{
		succeeded: boolean;
		summary: JsonObject;
		transaction?: Transaction;
		notifications: NotificationDelivery[];
	}> {
		const { body } = record;
		const cardUnusable = body.payment_type === 'credit_card' && !this.settings.cards.isSaved(String(body.token));
		const refusal = fail === 'token' || fail === 'server' ? fail : cardUnusable ? 'token' : undefined;
		if (refusal) return { succeeded: false, summary: { ...FAILURE_TRANSACTIONS[refusal] }, notifications: [] };

		// "Generated order ID will contain subscription name and 32 digits of unique number."
		const orderId = `${String(body.name)}-${Array.from({ length: 32 }, () => randomInt(10)).join('')}`;
		const charge: JsonObject = {
			payment_type: body.payment_type,
			transaction_details: { order_id: orderId, gross_amount: amountOf(body.amount) },
			...(body.customer_details ? { customer_details: body.customer_details } : {}),
			...(body.payment_type === 'gopay'
				? { gopay: { account_id: objectAt(body, 'gopay').account_id, payment_option_token: body.token } }
				: { credit_card: { token_id: body.token, authentication: false } }),
		};
		let transition;
		try {
			transition = this.settings.ledger.charge(charge, {}, { internal: true, forceDeny: fail === 'deny' });
		} catch (error) {
			// A GoPay account no longer ENABLED, or a payment option token it does not have.
			if (error instanceof SimulatorError)
				return { succeeded: false, summary: { ...FAILURE_TRANSACTIONS.token }, notifications: [] };
			throw error;
		}
		const { transaction } = transition;
		const notifications = await transition.notified;
		const succeeded = transaction.transaction_status === 'capture' || transaction.transaction_status === 'settlement';
		const summary: JsonObject = {
			transaction_status: transaction.transaction_status,
			transaction_id: transaction.transaction_id,
			status_code: transaction.status_code,
			...(succeeded ? {} : { status_message: transition.answer.status_message }),
			...(transaction.channel_response_code !== undefined
				? {
						channel_response_message: transaction.channel_response_message,
						channel_response_code: transaction.channel_response_code,
					}
				: {}),
		};
		return { succeeded, summary, transaction, notifications };
	}

	/** The subscription as its notifications carry it: the docs' created sample, with merchant_id and ISO times. */
	private notificationView(record: SubscriptionRecord): JsonObject {
		const { body } = record;
		const schedule = objectAt(body, 'schedule');
		return {
			token: body.token,
			status: record.status,
			schedule: {
				start_time: notificationTime(record.startTime),
				...(record.previousExecution ? { previous_execution_at: notificationTime(record.previousExecution) } : {}),
				...(record.nextExecution ? { next_execution_at: notificationTime(record.nextExecution) } : {}),
				...(schedule.max_interval !== undefined && schedule.max_interval !== null
					? { max_interval: schedule.max_interval }
					: {}),
				interval_unit: schedule.interval_unit,
				interval: schedule.interval,
				current_interval: record.currentInterval,
			},
			payment_type: body.payment_type,
			name: body.name,
			...(body.metadata ? { metadata: body.metadata } : {}),
			merchant_id: this.settings.merchantId,
			id: record.id,
			...(body.customer_details ? { customer_details: body.customer_details } : {}),
			...(body.gopay ? { gopay: body.gopay } : {}),
			currency: body.currency,
			amount: String(amountOf(body.amount)),
		};
	}

	private chargeNotification(record: SubscriptionRecord, transaction: JsonObject): JsonObject {
		return { transaction, subscription: this.notificationView(record), event_name: 'subscription.charge' };
	}

	/** To the Recurring Notification URL, unsigned (Midtrans documents no signature for these), in order per subscription. */
	private async notify(record: SubscriptionRecord, body: JsonObject, event: string): Promise<NotificationDelivery[]> {
		const url = this.settings.recurringNotificationUrl();
		if (!url) return [];
		return await this.settings.notifier.send([url], body, {
			kind: 'subscription',
			subject: record.id,
			event,
			chainKey: `subscription:${record.id}`,
		});
	}
}
