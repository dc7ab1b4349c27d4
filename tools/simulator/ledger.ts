import { randomUUID } from 'crypto';

import type { CardVault } from './cards';
import { validateCharge, validateSnapRequest } from './charge';
import { SimulatorError } from './errors';
import { statusCodeFor, type TransactionStatus } from './midtransRules';
import { rupiah, wholeRupiah } from './money';
import {
	cardDecision,
	type CardState,
	type GoPayWallets,
	type JsonObject,
	savedCardFields,
	type SimulatedPaymentType,
} from './paymentTypes';
import { jakartaTime } from './time';
import type { TimerSet } from './timers';
import type { NotificationDelivery, Transaction } from './types';

/** An order_id may be charged again once its last transaction ended without money moving. */
const REUSABLE_AFTER: ReadonlySet<TransactionStatus> = new Set(['cancel', 'expire', 'deny', 'failure']);
const REFUNDABLE_FROM: ReadonlySet<TransactionStatus> = new Set(['settlement', 'capture', 'partial_refund']);
/** setTimeout cannot wait longer; a longer expiry simply never fires while the simulator runs. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Where a transaction's notifications go, as its charge's headers asked. */
export interface NotificationTargets {
	/** X-Override-Notification: replaces the dashboard URL. */
	override?: string[];
	/** X-Append-Notification: adds to the dashboard URL. */
	append?: string[];
}

export interface RefundRecord {
	refund_chargeback_id: number;
	refund_amount: string;
	created_at: string;
	reason: string;
	refund_key: string;
	refund_method?: string;
}

interface LedgerEntry {
	view: Transaction;
	amount: number;
	refunded: number;
	refunds: RefundRecord[];
	targets: NotificationTargets;
	paymentType: SimulatedPaymentType;
	card?: CardState;
	cancelExpiry?: () => void;
}

interface SnapSession {
	orderId: string;
	token: string;
	body: JsonObject;
	targets: NotificationTargets;
}

/** An operation's answer body, the transaction afterwards, and its notification's first attempts. */
export interface Transition {
	answer: JsonObject;
	transaction: Transaction;
	notified: Promise<NotificationDelivery[]>;
	/** False for charges Midtrans does not replay by Idempotency-Key (Indomaret, Permata VA). */
	replayable: boolean;
}

/** How a charge the simulator makes itself (a payment link's, a subscription's) differs from one sent to /v2/charge. */
export interface InternalCharge {
	/** Its order ID is Midtrans's own (a link's order ID with suffixes, a subscription's name and 32 digits): longer than 50. */
	internal?: boolean;
	/** Fields the transaction carries besides its payment type's (a payment link's custom_field1..3). */
	extraFields?: JsonObject;
	/** Denied whatever the card or wallet. */
	forceDeny?: boolean;
}

export interface LedgerSettings {
	merchantId: string;
	baseUrl: () => string;
	unavailablePaymentTypes: readonly string[];
	cards: CardVault;
	/** Linked GoPay accounts, for tokenized GoPay charges. */
	gopayAccounts?: GoPayWallets;
	timers: TimerSet;
	/** Sends the notification of the transaction's current state to its targets. */
	announce(transaction: Transaction, targets: NotificationTargets): Promise<NotificationDelivery[]>;
}

/** The notification body for a transaction's current state, before signing. */
export function notificationFieldsOf(transaction: Transaction): JsonObject {
	// Actions and redirect URLs are for the customer; Midtrans leaves them out of notifications.
	const { actions: _actions, redirect_url: _redirectUrl, ...fields } = transaction;
	return {
		...fields,
		status_code: statusCodeFor(transaction.transaction_status, transaction.fraud_status),
		status_message: 'midtrans payment notification',
	};
}

/** Every transaction the simulator holds, and the rules by which their statuses may change. */
export class Ledger {
	private entries: LedgerEntry[] = [];
	private snapSessions = new Map<string, SnapSession>();

	constructor(private readonly settings: LedgerSettings) {}

	transactions(): Transaction[] {
		return this.entries.map((entry) => structuredClone(entry.view));
	}

	/** By transaction_id, else the latest transaction of that order_id. */
	transaction(id: string): Transaction | undefined {
		const entry = this.find(id);
		return entry && structuredClone(entry.view);
	}

	reset(): void {
		for (const entry of this.entries) entry.cancelExpiry?.();
		this.entries = [];
		this.snapSessions.clear();
	}

	/** POST /v2/charge, or a charge the simulator makes itself (see InternalCharge). */
	charge(
		body: unknown,
		targets: NotificationTargets,
		{ internal, extraFields, forceDeny }: InternalCharge = {},
	): Transition {
		const charge = validateCharge(body, this.settings.unavailablePaymentTypes, { trustedOrderId: internal });
		this.refuseDuplicate(charge.orderId);
		const transactionId = randomUUID();
		const opening = charge.paymentType.open({
			body: body as JsonObject,
			transactionId,
			baseUrl: this.settings.baseUrl(),
			cards: this.settings.cards,
			gopayAccounts: this.settings.gopayAccounts,
			amount: charge.amount,
			forceDeny,
		});
		const now = new Date();
		const expiresAt =
			opening.status === 'pending'
				? (charge.expiresAt ??
					(opening.defaultExpiryMs ? new Date(now.getTime() + opening.defaultExpiryMs) : undefined))
				: undefined;
		const view: Transaction = {
			status_code: statusCodeFor(opening.status, opening.fraudStatus),
			status_message: 'Success, transaction is found',
			transaction_id: transactionId,
			order_id: charge.orderId,
			merchant_id: this.settings.merchantId,
			gross_amount: rupiah(charge.amount),
			currency: 'IDR',
			payment_type: charge.paymentTypeName,
			transaction_time: jakartaTime(now),
			transaction_status: opening.status,
			...(opening.fraudStatus ? { fraud_status: opening.fraudStatus } : {}),
			...(expiresAt ? { expiry_time: jakartaTime(expiresAt) } : {}),
			...opening.fields,
			...extraFields,
		};
		const entry: LedgerEntry = {
			view,
			amount: charge.amount,
			refunded: 0,
			refunds: [],
			targets,
			paymentType: charge.paymentType,
			card: opening.card,
		};
		this.entries.push(entry);
		if (expiresAt) this.scheduleExpiry(entry, expiresAt);
		return {
			...this.announce(entry, { status_code: opening.statusCode, status_message: opening.statusMessage }),
			replayable: charge.paymentType.honoursIdempotencyKey(body as JsonObject),
		};
	}

	/** GET /v2/{id}/status. */
	status(id: string): JsonObject {
		return structuredClone(this.require(id).view);
	}

	/** GET /v2/{id}/status/b2b: every transaction of the order (an order_id can be charged again after cancel). */
	statusB2b(id: string): JsonObject {
		const entry = this.require(id);
		const transactions = this.entries
			.filter((candidate) => candidate.view.order_id === entry.view.order_id)
			.map((candidate) => structuredClone(candidate.view));
		return { status_code: '200', status_message: 'Success, transaction is found', transactions };
	}

	/** The customer pays: at the till, in the app, or by completing 3DS; a card capture settles. */
	pay(id: string): Transition {
		const entry = this.entryForPayment(id);
		const { view, card } = entry;
		const settle = () => this.move(entry, 'settlement', { settlement_time: jakartaTime(new Date()) });
		if (!card) {
			if (view.transaction_status === 'pending') return settle();
		} else if (view.transaction_status === 'pending') {
			const decision = cardDecision(card);
			const saved = savedCardFields(this.settings.cards, card, decision.status);
			return this.move(entry, decision.status, { ...decision.fields, ...saved, fraud_status: decision.fraudStatus });
		} else if (view.fraud_status === 'accept') {
			if (view.transaction_status === 'authorize') return this.move(entry, 'capture');
			if (view.transaction_status === 'capture') return settle();
		}
		throw this.illegal(entry, 'paid');
	}

	/** POST /v2/{id}/expire, or the customer's time to pay running out. */
	expire(id: string): Transition {
		const entry = this.require(id);
		if (entry.view.transaction_status !== 'pending') throw this.illegal(entry, 'expired');
		return this.move(entry, 'expire', {}, { status_code: '407', status_message: 'Success, transaction has expired' });
	}

	/** POST /v2/{id}/cancel: before the money moved (pending, or a card not yet settled). */
	cancel(id: string): Transition {
		const entry = this.require(id);
		const status = entry.view.transaction_status;
		const cancellable = status === 'pending' || (entry.card && (status === 'authorize' || status === 'capture'));
		if (!cancellable) throw this.illegal(entry, 'cancelled');
		return this.move(entry, 'cancel', {}, { status_code: '200', status_message: 'Success, transaction is canceled' });
	}

	/** POST /v2/{id}/approve: accept a payment the fraud system challenged. */
	approve(id: string): Transition {
		const entry = this.challenged(id, 'approved');
		return this.move(
			entry,
			entry.view.transaction_status,
			{ fraud_status: 'accept' },
			{
				status_code: '200',
				status_message: 'Success, transaction is approved',
			},
		);
	}

	/** POST /v2/{id}/deny: refuse a payment the fraud system challenged. */
	deny(id: string): Transition {
		const entry = this.challenged(id, 'denied');
		return this.move(
			entry,
			'deny',
			{ fraud_status: 'deny' },
			{ status_code: '200', status_message: 'Success, transaction is denied' },
		);
	}

	/** POST /v2/capture {transaction_id, gross_amount}: take (part of) a card pre-authorization. */
	capture(body: unknown): Transition {
		const request = (body && typeof body === 'object' ? body : {}) as JsonObject;
		if (!request.transaction_id) throw new SimulatorError('400', undefined, ['transaction_id is required']);
		const entry = this.require(String(request.transaction_id));
		if (entry.view.transaction_status !== 'authorize' || entry.view.fraud_status !== 'accept')
			throw this.illegal(entry, 'captured');
		const amount = request.gross_amount === undefined ? entry.amount : wholeRupiah(request.gross_amount);
		if (amount === undefined || amount < 1 || amount > entry.amount) {
			throw new SimulatorError('400', undefined, [`gross_amount must be a whole number from 1 to ${entry.amount}`]);
		}
		entry.amount = amount;
		return this.move(
			entry,
			'capture',
			{ gross_amount: rupiah(amount) },
			{
				status_code: '200',
				status_message: 'Success, Credit Card capture transaction is successful',
			},
		);
	}

	/** POST /v2/{id}/refund and /refund/online/direct {refund_key, amount, reason}. */
	refund(id: string, body: unknown, direct: boolean): Transition {
		const request = (body && typeof body === 'object' ? body : {}) as JsonObject;
		const entry = this.require(id);
		if (!entry.paymentType.refundable) {
			throw new SimulatorError('412', `Refund is not supported for payment type ${entry.view.payment_type}`);
		}
		if (!REFUNDABLE_FROM.has(entry.view.transaction_status) || (entry.card && entry.view.fraud_status !== 'accept')) {
			throw this.illegal(entry, 'refunded');
		}
		const remaining = entry.amount - entry.refunded;
		const rawAmount = request.amount ?? request.refund_amount;
		const amount = rawAmount === undefined ? remaining : wholeRupiah(rawAmount);
		if (amount === undefined || amount < 1)
			throw new SimulatorError('400', undefined, ['amount must be a positive whole number']);
		if (amount > remaining)
			throw new SimulatorError('414', `Refund amount ${amount} is more than the refundable ${remaining}`);
		entry.refunded += amount;
		const refund: RefundRecord = {
			refund_chargeback_id: entry.refunds.length + 1,
			refund_amount: rupiah(amount),
			created_at: jakartaTime(new Date()),
			reason: typeof request.reason === 'string' ? request.reason : '',
			refund_key: typeof request.refund_key === 'string' && request.refund_key ? request.refund_key : randomUUID(),
			...(direct ? { refund_method: 'online' } : {}),
		};
		entry.refunds.push(refund);
		const status = entry.refunded === entry.amount ? 'refund' : 'partial_refund';
		return this.move(
			entry,
			status,
			{ refund_amount: rupiah(entry.refunded), refunds: structuredClone(entry.refunds) },
			{
				status_code: '200',
				status_message: 'Success, refund request is approved',
				refund_chargeback_id: refund.refund_chargeback_id,
				refund_amount: refund.refund_amount,
				refund_key: refund.refund_key,
			},
		);
	}

	/** Snap POST /transactions: a payment page for the order; no transaction exists until the customer pays. */
	openSnap(body: unknown, targets: NotificationTargets): { token: string; redirect_url: string } {
		const { orderId } = validateSnapRequest(body);
		const latest = this.latestOf(orderId);
		if (this.snapSessions.has(orderId) || (latest && !REUSABLE_AFTER.has(latest.view.transaction_status))) {
			throw new SimulatorError('400', 'transaction_details.order_id has already been taken', [
				'transaction_details.order_id has already been taken',
			]);
		}
		const session: SnapSession = { orderId, token: randomUUID(), body: body as JsonObject, targets };
		this.snapSessions.set(orderId, session);
		return { token: session.token, redirect_url: this.snapPageUrl(session.token) };
	}

	snapSession(token: string): SnapSession | undefined {
		return [...this.snapSessions.values()].find((session) => session.token === token);
	}

	private snapPageUrl(token: string): string {
		return `${this.settings.baseUrl()}/snap/v4/redirection/${token}`;
	}

	private find(id: string): LedgerEntry | undefined {
		return this.entries.find((entry) => entry.view.transaction_id === id) ?? this.latestOf(id);
	}

	private latestOf(orderId: string): LedgerEntry | undefined {
		for (let index = this.entries.length - 1; index >= 0; index--) {
			if (this.entries[index].view.order_id === orderId) return this.entries[index];
		}
		return undefined;
	}

	private require(id: string): LedgerEntry {
		const entry = this.find(id);
		if (!entry) throw new SimulatorError('404');
		return entry;
	}

	/** A Snap order is paid by charging it first, as the customer's choice on the payment page would. */
	private entryForPayment(id: string): LedgerEntry {
		const entry = this.find(id);
		if (entry) return entry;
		const session = this.snapSessions.get(id) ?? this.snapSession(id);
		if (!session) throw new SimulatorError('404');
		const enabled = Array.isArray(session.body.enabled_payments) ? session.body.enabled_payments : [];
		const paymentType =
			['gopay', 'qris', 'shopeepay'].find((type) => !enabled.length || enabled.includes(type)) ?? 'gopay';
		const { transaction } = this.charge({ ...session.body, payment_type: paymentType }, session.targets);
		return this.require(transaction.transaction_id);
	}

	private challenged(id: string, change: string): LedgerEntry {
		const entry = this.require(id);
		if (entry.view.fraud_status !== 'challenge') throw this.illegal(entry, change);
		return entry;
	}

	private refuseDuplicate(orderId: string): void {
		const latest = this.latestOf(orderId);
		if (latest && !REUSABLE_AFTER.has(latest.view.transaction_status)) throw new SimulatorError('406');
	}

	private illegal(entry: LedgerEntry, change: string): SimulatorError {
		return new SimulatorError(
			'412',
			`Transaction status cannot be updated: a ${entry.view.payment_type} transaction in status ${entry.view.transaction_status} cannot be ${change}`,
		);
	}

	private scheduleExpiry(entry: LedgerEntry, expiresAt: Date): void {
		const waitMs = Math.max(0, expiresAt.getTime() - Date.now());
		if (waitMs > LONGEST_TIMER_MS) return;
		entry.cancelExpiry = this.settings.timers.schedule(waitMs, () => {
			if (entry.view.transaction_status === 'pending') this.expire(entry.view.transaction_id);
		});
	}

	/** Applies a status change, notifies, and builds the operation's answer from the new state. */
	private move(
		entry: LedgerEntry,
		status: TransactionStatus,
		fields: JsonObject = {},
		answerFields: JsonObject = {},
	): Transition {
		if (status !== 'pending') entry.cancelExpiry?.();
		Object.assign(entry.view, fields, { transaction_status: status });
		if (entry.view.fraud_status === undefined) delete entry.view.fraud_status;
		entry.view.status_code = statusCodeFor(status, entry.view.fraud_status);
		return { ...this.announce(entry, answerFields), replayable: true };
	}

	private announce(entry: LedgerEntry, answerFields: JsonObject): Omit<Transition, 'replayable'> {
		const transaction = structuredClone(entry.view);
		return {
			transaction,
			answer: { ...transaction, ...answerFields },
			notified: this.settings.announce(transaction, entry.targets),
		};
	}
}
