import { randomUUID } from 'crypto';

import type { CardVault } from './cards';
import { SimulatorError } from './errors';
import type { FaultBook } from './faults';
import type { IdempotencyMemory } from './idempotency';
import { type Ledger, notificationFieldsOf, type Transition } from './ledger';
import { statusCodeFor, type TransactionStatus } from './midtransRules';
import { signNotification, type Notifier } from './notifier';
import { jakartaTime } from './time';
import type { NotificationDelivery, NotifyOptions, RawNotification, TransactionChange } from './types';

export type ChangeKind = 'pay' | 'expire' | 'cancel' | 'refund';

export interface ControlSettings {
	serverKey: string;
	merchantId: string;
}

/**
 * What a developer does to the simulator from outside Midtrans's API: play the customer (pay), let time
 * pass (expire), act as the merchant (cancel, refund), send any notification, inject faults. The
 * programmatic API and the control HTTP API both call this.
 */
export class SimulatorControl {
	/** What else forgets everything on reset: the products beside the Core API (payment links, subscriptions…). */
	private readonly alsoResetting: Array<{ reset(): void }> = [];

	constructor(
		private readonly ledger: Ledger,
		private readonly notifier: Notifier,
		private readonly faults: FaultBook,
		private readonly cards: CardVault,
		private readonly idempotency: IdempotencyMemory,
		private readonly settings: ControlSettings,
	) {}

	/** Applies a change and waits for its notifications' first attempts. */
	async change(
		kind: ChangeKind,
		id: string,
		refund: { amount?: number; reason?: string } = {},
	): Promise<TransactionChange> {
		const transition = this.transition(kind, id, refund);
		const notifications = await transition.notified;
		return { transaction: transition.transaction, notifications };
	}

	/** A signed notification of any status to any URL; a known order lends its fields. */
	async notify(options: NotifyOptions): Promise<NotificationDelivery> {
		const problems: string[] = [];
		if (typeof options?.url !== 'string' || !/^https?:\/\//.test(options.url))
			problems.push('url must be an http(s) URL');
		if (typeof options?.status !== 'string' || !options.status) problems.push('status is required');
		if (problems.length) throw new SimulatorError('400', 'Invalid notification', problems);

		const status = options.status as TransactionStatus;
		const known = options.orderId ? this.ledger.transaction(options.orderId) : undefined;
		const fraudStatus = options.fraudStatus ?? known?.fraud_status ?? 'accept';
		const base = known
			? notificationFieldsOf({ ...known, transaction_status: status, fraud_status: fraudStatus })
			: {
					transaction_time: jakartaTime(new Date()),
					transaction_status: status,
					transaction_id: randomUUID(),
					status_message: 'midtrans payment notification',
					payment_type: 'gopay',
					order_id: options.orderId ?? `simulator-test-${randomUUID().slice(0, 8)}`,
					merchant_id: this.settings.merchantId,
					gross_amount: '10000.00',
					fraud_status: fraudStatus,
					currency: 'IDR',
					...(status === 'settlement' ? { settlement_time: jakartaTime(new Date()) } : {}),
				};
		const fields = {
			...base,
			...(options.grossAmount !== undefined ? { gross_amount: options.grossAmount } : {}),
			...(options.paymentType !== undefined ? { payment_type: options.paymentType } : {}),
			status_code: options.statusCode ?? statusCodeFor(status, fraudStatus),
			...options.fields,
		};
		const body = signNotification(fields, this.settings.serverKey);
		if (options.signatureKey !== undefined) body.signature_key = options.signatureKey;
		const [delivery] = await this.notifier.send([options.url], body, {
			retry: options.retry ?? true,
			chainKey: known?.transaction_id,
		});
		return delivery;
	}

	/** Any JSON to any URL, delivered as Midtrans delivers notifications: for shapes notify() does not make. */
	async notifyRaw(options: RawNotification): Promise<NotificationDelivery> {
		const problems: string[] = [];
		if (typeof options?.url !== 'string' || !/^https?:\/\//.test(options.url))
			problems.push('url must be an http(s) URL');
		if (!options?.body || typeof options.body !== 'object' || Array.isArray(options.body))
			problems.push('body must be a JSON object');
		if (problems.length) throw new SimulatorError('400', 'Invalid notification', problems);
		const subject =
			options.body.order_id ??
			options.body.account_id ??
			(options.body.subscription as { id?: unknown } | undefined)?.id ??
			options.body.id;
		const [delivery] = await this.notifier.send([options.url], options.body, {
			retry: options.retry ?? true,
			kind: options.kind ?? 'payment',
			subject: subject === undefined ? undefined : String(subject),
			event: String(
				options.body.transaction_status ??
					options.body.event_name ??
					options.body.account_status ??
					options.body.status ??
					'',
			),
		});
		return delivery;
	}

	alsoReset(...resettable: Array<{ reset(): void }>): void {
		this.alsoResetting.push(...resettable);
	}

	reset(): void {
		for (const product of this.alsoResetting) product.reset();
		this.ledger.reset();
		this.notifier.reset();
		this.faults.clear();
		this.cards.reset();
		this.idempotency.clear();
	}

	private transition(kind: ChangeKind, id: string, refund: { amount?: number; reason?: string }): Transition {
		switch (kind) {
			case 'pay':
				return this.ledger.pay(id);
			case 'expire':
				return this.ledger.expire(id);
			case 'cancel':
				return this.ledger.cancel(id);
			case 'refund':
				return this.ledger.refund(
					id,
					{ amount: refund.amount, reason: refund.reason ?? 'Refund from the simulator' },
					false,
				);
		}
	}
}
