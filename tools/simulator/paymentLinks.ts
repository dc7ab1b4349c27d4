/**
 * Midtrans's Payment Link API (docs.midtrans.com/reference/create-payment-link, get-payment-link-details,
 * delete-payment-link), simulated: links the node creates, a page and a control call that pay them, and the
 * Snap-style payment notifications a payment makes. The rules are stated here from the docs, never imported.
 */
import { randomBytes, randomUUID } from 'crypto';

import type { CardVault } from './cards';
import { SimulatorError } from './errors';
import type { Ledger, Transition } from './ledger';
import { ORDER_ID_MAX_LENGTH, ORDER_ID_PATTERN } from './midtransRules';
import { wholeRupiah } from './money';
import { escapeHtml, page, summary } from './pages';
import { type JsonObject, objectAt } from './paymentTypes';
import { type Answer, html, json, type Route, type SimulatorProduct } from './server';
import { jakartaTime, parseOrderTime } from './time';
import type { NotificationDelivery, Transaction } from './types';

/** The field table of create-payment-link. */
const LINK_RULES = {
	paymentLinkIdLength: 50,
	paymentLinkIdPattern: /^[a-z0-9-]+$/,
	usageLimit: { min: 1, max: 1_000_000 },
	/** "String(255)" with "Max char supported is 40". */
	titleLength: 40,
	customFieldLength: 255,
	itemNameLength: 50,
	customer: { first_name: 50, last_name: 50, email: 50, phone: 20, notes: 255 } as Record<string, number>,
	requiredCustomerFields: ['first_name', 'phone', 'email'],
	enabledPayments: [
		'credit_card',
		'echannel',
		'permata_va',
		'bca_va',
		'bni_va',
		'bri_va',
		'cimb_va',
		'danamon_va',
		'bsi_va',
		'gopay',
		'shopeepay',
		'other_qris',
		'alfamart',
		'indomaret',
		'akulaku',
		'kredivo',
	],
	paymentLinkTypes: ['FIXED_AMOUNT', 'DYNAMIC_AMOUNT'],
} as const;

/** The field table says day, hour, minute; the docs' sample and the GET answer say "days": both are taken. */
const EXPIRY_UNITS_MS: Record<string, number> = {
	minute: 60_000,
	minutes: 60_000,
	hour: 3_600_000,
	hours: 3_600_000,
	day: 86_400_000,
	days: 86_400_000,
};

/** How the simulator's customer pays with each enabled payment: the charge body part of that method. */
const METHOD_CHARGES: Record<string, (link: LinkRecord) => JsonObject> = {
	gopay: () => ({ payment_type: 'gopay' }),
	shopeepay: () => ({ payment_type: 'shopeepay' }),
	other_qris: () => ({ payment_type: 'qris', qris: { acquirer: 'gopay' } }),
	bca_va: () => ({ payment_type: 'bank_transfer', bank_transfer: { bank: 'bca' } }),
	bni_va: () => ({ payment_type: 'bank_transfer', bank_transfer: { bank: 'bni' } }),
	bri_va: () => ({ payment_type: 'bank_transfer', bank_transfer: { bank: 'bri' } }),
	cimb_va: () => ({ payment_type: 'bank_transfer', bank_transfer: { bank: 'cimb' } }),
	permata_va: () => ({ payment_type: 'bank_transfer', bank_transfer: { bank: 'permata' } }),
	echannel: (link) => ({
		payment_type: 'echannel',
		echannel: { bill_info1: 'Payment:', bill_info2: String(link.body.title ?? 'Payment link').slice(0, 30) },
	}),
	alfamart: () => ({ payment_type: 'cstore', cstore: { store: 'alfamart' } }),
	indomaret: () => ({ payment_type: 'cstore', cstore: { store: 'indomaret' } }),
	akulaku: () => ({ payment_type: 'akulaku' }),
	kredivo: () => ({ payment_type: 'kredivo' }),
	credit_card: () => ({ payment_type: 'credit_card' }),
};
/** The sandbox card the simulator's customer pays card links with: accepted, without 3-D Secure. */
const LINK_TEST_CARD = '4411111111111118';
const PAID_STATUSES = new Set(['settlement', 'capture']);
const HOLDING_STATUSES = new Set(['pending', 'authorize']);

interface Purchase {
	id: number;
	snapToken: string;
	orderId: string;
	createdAt: Date;
}

interface LinkRecord {
	id: number;
	orderId: string;
	paymentLinkId: string;
	body: JsonObject;
	createdAt: Date;
	expiresAt?: Date;
	deleted: boolean;
	purchases: Purchase[];
}

export interface LinkPayment {
	link: JsonObject;
	transaction: Transaction;
	notifications: NotificationDelivery[];
}

export interface PaymentLinkSettings {
	ledger: Ledger;
	cards: CardVault;
	merchantId: string;
	baseUrl: () => string;
}

function checkLength(problems: string[], path: string, value: unknown, max: number): void {
	if (value !== undefined && String(value).length > max) problems.push(`${path} must be at most ${max} characters`);
}

function isWholeNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value);
}

/** start_time: the table's "yyyy-MM-dd HH:mm:ss Z", or the sample's "yyyy-MM-dd HH:mm Z". */
function parseStartTime(text: string): Date | undefined {
	const withSeconds = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} [+-]\d{4}$/.test(text)
		? text.replace(/ ([+-]\d{4})$/, ':00 $1')
		: text;
	return parseOrderTime(withSeconds);
}

/** Every problem with a create request, one validation message each (Midtrans answers them in one 400). */
function checkLinkRequest(body: JsonObject): { problems: string[]; amount?: number; expiresAt?: Date } {
	const problems: string[] = [];
	const details = objectAt(body, 'transaction_details');
	const orderId = details.order_id;
	if (body.transaction_details === undefined) problems.push('transaction_details is required');
	if (orderId === undefined || orderId === '') problems.push('transaction_details.order_id is required');
	else if (String(orderId).length > ORDER_ID_MAX_LENGTH)
		problems.push(`transaction_details.order_id must be at most ${ORDER_ID_MAX_LENGTH} characters`);
	else if (!ORDER_ID_PATTERN.test(String(orderId)))
		problems.push('transaction_details.order_id may contain only letters, digits and - _ ~ .');

	const linkType = body.payment_link_type ?? 'FIXED_AMOUNT';
	if (!LINK_RULES.paymentLinkTypes.includes(linkType as never))
		problems.push('payment_link_type must be FIXED_AMOUNT or DYNAMIC_AMOUNT');
	let amount: number | undefined;
	if (linkType !== 'DYNAMIC_AMOUNT') {
		amount = wholeRupiah(details.gross_amount);
		if (details.gross_amount === undefined) problems.push('transaction_details.gross_amount is required');
		else if (amount === undefined || !isWholeNumber(details.gross_amount))
			problems.push('transaction_details.gross_amount must be an integer');
		else if (amount < 1) problems.push('transaction_details.gross_amount must be at least 1');
	}
	const linkId = details.payment_link_id;
	if (linkId !== undefined) {
		if (String(linkId).length > LINK_RULES.paymentLinkIdLength)
			problems.push(`payment_link_id must be at most ${LINK_RULES.paymentLinkIdLength} characters`);
		if (!LINK_RULES.paymentLinkIdPattern.test(String(linkId))) {
			problems.push('payment_link_id must only contain alphanumeric characters [a-z, 0-9] and hyphens [-]');
		}
	}

	// The field table calls usage_limit optional; the docs' OpenAPI block requires it.
	if (body.usage_limit === undefined) problems.push('usage_limit is required');
	else if (
		!isWholeNumber(body.usage_limit) ||
		body.usage_limit < LINK_RULES.usageLimit.min ||
		body.usage_limit > LINK_RULES.usageLimit.max
	) {
		problems.push('usage_limit must be an integer from 1 to 1000000');
	}

	if (body.item_details !== undefined) {
		if (!Array.isArray(body.item_details)) problems.push('item_details must be an array');
		else {
			let sum = 0;
			let summable = true;
			(body.item_details as JsonObject[]).forEach((item, index) => {
				if (typeof item?.name !== 'string' || item.name.trim() === '')
					problems.push(`item_details[${index}].name is required`);
				checkLength(problems, `item_details[${index}].name`, item?.name, LINK_RULES.itemNameLength);
				// "You can actually input negative amount as part of the item details … to show Discounts".
				if (!isWholeNumber(item?.price)) problems.push(`item_details[${index}].price must be an integer`);
				if (!isWholeNumber(item?.quantity) || (item.quantity as number) < 1)
					problems.push(`item_details[${index}].quantity must be an integer of at least 1`);
				if (isWholeNumber(item?.price) && isWholeNumber(item?.quantity)) sum += item.price * (item.quantity as number);
				else summable = false;
			});
			if (summable && amount !== undefined && sum !== amount) {
				problems.push('transaction_details.gross_amount must be the sum of item_details price × quantity');
			}
		}
	}

	let expiresAt: Date | undefined;
	if (body.expiry !== undefined) {
		const expiry = objectAt(body, 'expiry');
		const unitMs = EXPIRY_UNITS_MS[String(expiry.unit)];
		if (!isWholeNumber(expiry.duration) || expiry.duration < 1)
			problems.push('expiry.duration must be a positive integer');
		if (!unitMs) problems.push('expiry.unit must be one of day, hour, minute');
		let start = new Date();
		if (expiry.start_time !== undefined) {
			const parsed = parseStartTime(String(expiry.start_time));
			if (parsed) start = parsed;
			else problems.push('expiry.start_time must be formatted yyyy-MM-dd HH:mm:ss Z');
		}
		if (unitMs && isWholeNumber(expiry.duration)) expiresAt = new Date(start.getTime() + expiry.duration * unitMs);
	}

	if (body.enabled_payments !== undefined) {
		if (!Array.isArray(body.enabled_payments)) problems.push('enabled_payments must be an array');
		else {
			for (const method of body.enabled_payments) {
				if (!LINK_RULES.enabledPayments.includes(method as never))
					problems.push(`enabled_payments: ${JSON.stringify(method)} is not a payment method`);
			}
		}
	}
	checkLength(problems, 'title', body.title, LINK_RULES.titleLength);
	for (const n of [1, 2, 3])
		checkLength(problems, `custom_field${n}`, body[`custom_field${n}`], LINK_RULES.customFieldLength);

	if (body.customer_details !== undefined) {
		const customer = objectAt(body, 'customer_details');
		for (const [field, max] of Object.entries(LINK_RULES.customer))
			checkLength(problems, `customer_details.${field}`, customer[field], max);
		if (!customer.first_name && !customer.email && !customer.phone) {
			problems.push('customer_details must have at least one of first_name, email, phone');
		}
		const required = customer.customer_details_required_fields;
		if (
			required !== undefined &&
			(!Array.isArray(required) ||
				required.some((field) => !LINK_RULES.requiredCustomerFields.includes(field as never)))
		) {
			problems.push('customer_details.customer_details_required_fields may hold only first_name, phone and email');
		}
	}
	const finish = objectAt(body, 'callbacks').finish;
	if (finish !== undefined && !/^https?:\/\/\S+$/.test(String(finish))) problems.push('callbacks.finish must be a URL');
	return { problems, amount, expiresAt };
}

/** "yyyy-MM-dd HH:mm +0700", as the GET answer writes expiry_start. */
function linkTime(date: Date): string {
	return `${jakartaTime(date).slice(0, 16)} +0700`;
}

/** The Payment Link API's own error wording: real HTTP statuses and error_messages (a single string for 401). */
function linkErrorAnswer(error: SimulatorError): Answer {
	const status = Number(error.statusCode);
	if (status === 401) return json(401, { error_messages: 'Access denied due to unauthorized request' });
	return json(status >= 400 && status < 600 ? status : 400, {
		error_messages: error.validationMessages?.length ? error.validationMessages : [error.statusMessage],
	});
}

export class PaymentLinks implements SimulatorProduct {
	private links: LinkRecord[] = [];
	private nextId = 1;
	private nextPurchaseId = 49_000;

	constructor(private readonly settings: PaymentLinkSettings) {}

	/** POST /v1/payment-links. */
	create(rawBody: unknown): { order_id: string; payment_url: string } {
		const body = (rawBody && typeof rawBody === 'object' && !Array.isArray(rawBody) ? rawBody : {}) as JsonObject;
		const { problems, expiresAt } = checkLinkRequest(body);
		if (problems.length) throw new SimulatorError('400', 'Validation Error', problems);
		const details = objectAt(body, 'transaction_details');
		const orderId = String(details.order_id);
		if (this.links.some((link) => link.orderId === orderId)) {
			throw new SimulatorError('409', `The Order ID '${orderId}' has been taken`);
		}
		const paymentLinkId =
			details.payment_link_id === undefined ? randomBytes(8).toString('hex') : String(details.payment_link_id);
		if (this.links.some((link) => link.paymentLinkId === paymentLinkId)) {
			throw new SimulatorError('400', 'Validation Error', [`This Payment Link ID '${paymentLinkId}' has been taken`]);
		}
		const record: LinkRecord = {
			id: this.nextId++,
			orderId,
			paymentLinkId,
			body: structuredClone(body),
			createdAt: new Date(),
			expiresAt,
			deleted: false,
			purchases: [],
		};
		this.links.push(record);
		return { order_id: orderId, payment_url: this.urlOf(record) };
	}

	/** GET /v1/payment-links/{order_id}: the link, its usage and every payment made through it. */
	view(orderId: string): JsonObject {
		return this.present(this.require(orderId));
	}

	list(): JsonObject[] {
		return this.links.filter((link) => !link.deleted).map((link) => this.present(link));
	}

	/** DELETE /v1/payment-links/{order_id}. */
	delete(orderId: string): JsonObject {
		this.require(orderId).deleted = true;
		return { message: `Payment Link with Order ID ${orderId} deleted` };
	}

	/**
	 * The customer pays through the link: a Snap transaction of the chosen method (the first enabled one the
	 * simulator can pay, GoPay when any goes), whose order ID is the link's with two timestamps appended. It is
	 * paid at once unless `pending` (a VA or store code the customer has not paid yet).
	 */
	async pay(
		orderId: string,
		{ method, pending = false }: { method?: string; pending?: boolean } = {},
	): Promise<LinkPayment> {
		const record = this.require(orderId);
		if (record.expiresAt && record.expiresAt.getTime() <= Date.now())
			throw new SimulatorError('412', 'The payment link has expired');
		const limit = Number(record.body.usage_limit ?? 1);
		if (this.usage(record, true) >= limit)
			throw new SimulatorError('412', `The payment link has reached its usage limit of ${limit}`);
		const chosen = this.methodFor(record, method);
		const amount = this.amountOf(record);
		const transactionOrderId = this.purchaseOrderId(record);
		const body: JsonObject = {
			...METHOD_CHARGES[chosen](record),
			transaction_details: { order_id: transactionOrderId, gross_amount: amount },
			...(Array.isArray(record.body.item_details)
				? { item_details: (record.body.item_details as JsonObject[]).map(({ item_id: _itemId, ...item }) => item) }
				: {}),
			...(record.body.customer_details ? { customer_details: this.chargeCustomer(record) } : {}),
		};
		if (chosen === 'credit_card') {
			const year = String(new Date().getUTCFullYear() + 5);
			body.credit_card = {
				token_id: this.settings.cards.mint({
					card_number: LINK_TEST_CARD,
					card_exp_month: '12',
					card_exp_year: year,
					card_cvv: '123',
				}),
				authentication: false,
			};
		}
		const customFields = Object.fromEntries(
			[1, 2, 3].flatMap((n) =>
				record.body[`custom_field${n}`] === undefined ? [] : [[`custom_field${n}`, record.body[`custom_field${n}`]]],
			),
		);
		const transitions: Transition[] = [
			this.settings.ledger.charge(body, {}, { internal: true, extraFields: customFields }),
		];
		record.purchases.push({
			id: this.nextPurchaseId++,
			snapToken: randomUUID(),
			orderId: transactionOrderId,
			createdAt: new Date(),
		});
		if (!pending && transitions[0].transaction.transaction_status === 'pending') {
			transitions.push(this.settings.ledger.pay(transactionOrderId));
		}
		const notifications: NotificationDelivery[] = [];
		for (const transition of transitions) notifications.push(...(await transition.notified));
		return { link: this.present(record), transaction: transitions[transitions.length - 1].transaction, notifications };
	}

	reset(): void {
		this.links = [];
	}

	routes(): Route[] {
		return [
			{
				method: 'POST',
				pattern: /^\/v1\/payment-links$/,
				area: 'snap',
				errorAnswer: linkErrorAnswer,
				handle: ({ body }) => json(200, this.create(body)),
			},
			{
				method: 'GET',
				pattern: /^\/v1\/payment-links\/([^/]+)$/,
				area: 'snap',
				errorAnswer: linkErrorAnswer,
				handle: ({ params }) => json(200, this.view(params[0])),
			},
			{
				method: 'DELETE',
				pattern: /^\/v1\/payment-links\/([^/]+)$/,
				area: 'snap',
				errorAnswer: linkErrorAnswer,
				handle: ({ params }) => json(200, this.delete(params[0])),
			},
			// The page payment_url opens: the customer picks a method and pays.
			{
				method: '*',
				pattern: /^\/payment-links\/([^/]+)$/,
				area: 'page',
				handle: async ({ method, params, body }) => {
					const record = this.links.find((link) => link.paymentLinkId === params[0] && !link.deleted);
					if (!record) throw new SimulatorError('404', 'Payment link not found');
					if (method !== 'POST') return html(this.page(record));
					try {
						const paid = await this.pay(record.orderId, { method: (body as { method?: string }).method });
						return html(
							this.page(record, `Paid: ${paid.transaction.order_id} is ${paid.transaction.transaction_status}.`),
						);
					} catch (error) {
						if (error instanceof SimulatorError) return html(this.page(record, error.message));
						throw error;
					}
				},
			},
			{
				method: 'GET',
				pattern: /^\/_simulator\/payment-links$/,
				area: 'control',
				handle: () => json(200, this.list()),
			},
			{
				method: 'GET',
				pattern: /^\/_simulator\/payment-links\/([^/]+)$/,
				area: 'control',
				handle: ({ params }) => json(200, this.view(params[0])),
			},
			{
				method: 'POST',
				pattern: /^\/_simulator\/payment-links\/([^/]+)\/pay$/,
				area: 'control',
				handle: async ({ params, body }) => {
					const { method, pending } = (body ?? {}) as { method?: string; pending?: boolean };
					return json(200, await this.pay(params[0], { method, pending }));
				},
			},
		];
	}

	private require(orderId: string): LinkRecord {
		const record = this.links.find((link) => link.orderId === orderId && !link.deleted);
		if (!record) throw new SimulatorError('404', 'Payment link not found');
		return record;
	}

	private urlOf(record: LinkRecord): string {
		return `${this.settings.baseUrl()}/payment-links/${record.paymentLinkId}`;
	}

	private methodFor(record: LinkRecord, asked?: string): string {
		const enabled = Array.isArray(record.body.enabled_payments) ? (record.body.enabled_payments as string[]) : [];
		if (asked !== undefined) {
			if (enabled.length && !enabled.includes(asked))
				throw new SimulatorError('400', `The link does not offer ${asked}`, [`enabled: ${enabled.join(', ')}`]);
			if (!METHOD_CHARGES[asked])
				throw new SimulatorError('400', `The simulator cannot pay with ${asked}`, [
					`use one of ${Object.keys(METHOD_CHARGES).join(', ')}`,
				]);
			return asked;
		}
		if (!enabled.length || enabled.includes('gopay')) return 'gopay';
		const payable = enabled.find((method) => METHOD_CHARGES[method]);
		if (!payable) throw new SimulatorError('400', `The simulator cannot pay with any of ${enabled.join(', ')}`);
		return payable;
	}

	private amountOf(record: LinkRecord): number {
		if (record.body.payment_link_type === 'DYNAMIC_AMOUNT') {
			const dynamic = objectAt(record.body, 'dynamic_amount');
			return wholeRupiah(dynamic.preset_amount) ?? wholeRupiah(dynamic.min_amount) ?? 10_000;
		}
		return wholeRupiah(objectAt(record.body, 'transaction_details').gross_amount) ?? 0;
	}

	/** The link's customer without the link-only fields, as a charge takes it. */
	private chargeCustomer(record: LinkRecord): JsonObject {
		const {
			notes: _notes,
			customer_details_required_fields: _required,
			...customer
		} = objectAt(record.body, 'customer_details');
		return customer;
	}

	/** "{order_id}-{epoch seconds}-{epoch milliseconds}", as the docs' sample purchase; unique per link. */
	private purchaseOrderId(record: LinkRecord): string {
		let now = Date.now();
		const taken = (candidate: string) => record.purchases.some((purchase) => purchase.orderId === candidate);
		let candidate = `${record.orderId}-${Math.floor(now / 1000)}-${now}`;
		while (taken(candidate)) {
			now++;
			candidate = `${record.orderId}-${Math.floor(now / 1000)}-${now}`;
		}
		return candidate;
	}

	/** Paid purchases, and with `holding` also pending ones, which hold a use until they expire. */
	private usage(record: LinkRecord, holding = false): number {
		return record.purchases.filter((purchase) => {
			const status = this.settings.ledger.transaction(purchase.orderId)?.transaction_status ?? '';
			return PAID_STATUSES.has(status) || (holding && HOLDING_STATUSES.has(status));
		}).length;
	}

	/** The GET answer, in the shape of the docs' sample. */
	private present(record: LinkRecord): JsonObject {
		const { body } = record;
		const details = objectAt(body, 'transaction_details');
		const expiry = objectAt(body, 'expiry');
		const created = jakartaTime(record.createdAt);
		const customer = body.customer_details ? objectAt(body, 'customer_details') : undefined;
		return {
			id: String(record.id),
			payment_link_url: this.urlOf(record),
			order_id: record.orderId,
			payment_link_type: body.payment_link_type ?? 'FIXED_AMOUNT',
			merchant_id: this.settings.merchantId,
			payment_link_id: record.paymentLinkId,
			enabled_payments: body.enabled_payments ?? [],
			usage_limit: body.usage_limit,
			...(details.gross_amount !== undefined ? { gross_amount: details.gross_amount } : {}),
			...(body.title !== undefined ? { title: body.title } : {}),
			...(body.customer_required !== undefined ? { customer_required: body.customer_required } : {}),
			...(body.expiry !== undefined
				? {
						expiry_start: linkTime(
							expiry.start_time ? (parseStartTime(String(expiry.start_time)) ?? record.createdAt) : record.createdAt,
						),
						expiry_duration: expiry.duration,
						expiry_unit: String(expiry.unit).endsWith('s') ? expiry.unit : `${String(expiry.unit)}s`,
					}
				: {}),
			usage: this.usage(record),
			...Object.fromEntries(
				[1, 2, 3].flatMap((n) =>
					body[`custom_field${n}`] === undefined ? [] : [[`custom_field${n}`, body[`custom_field${n}`]]],
				),
			),
			item_details: (Array.isArray(body.item_details) ? (body.item_details as JsonObject[]) : []).map(
				(item, index) => ({
					...item,
					id: String(index + 1),
					item_id: item.item_id ?? item.id,
					payment_link_id: String(record.id),
					created_at: created,
					updated_at: created,
				}),
			),
			...(customer
				? {
						customer_details: {
							...customer,
							id: String(record.id),
							payment_link_id: String(record.id),
							created_at: created,
							updated_at: created,
						},
					}
				: {}),
			purchases: record.purchases.map((purchase) => {
				const transaction = this.settings.ledger.transaction(purchase.orderId);
				return {
					id: purchase.id,
					snap_token: purchase.snapToken,
					order_id: purchase.orderId,
					payment_status: String(transaction?.transaction_status ?? 'pending').toUpperCase(),
					payment_method: String(transaction?.payment_type ?? '').toUpperCase(),
					created_at: jakartaTime(purchase.createdAt),
				};
			}),
			created_at: created,
			updated_at: created,
		};
	}

	private page(record: LinkRecord, note?: string): string {
		const enabled =
			Array.isArray(record.body.enabled_payments) && record.body.enabled_payments.length
				? (record.body.enabled_payments as string[]).filter((method) => METHOD_CHARGES[method])
				: ['gopay', 'other_qris', 'bca_va', 'indomaret', 'credit_card'];
		const options = enabled
			.map((method) => `<option value="${escapeHtml(method)}">${escapeHtml(method)}</option>`)
			.join('');
		const form = `<form method="post"><label>Pay with <select name="method">${options}</select></label> <button type="submit">Pay IDR ${escapeHtml(String(this.amountOf(record)))}</button></form>`;
		return page(
			String(record.body.title ?? 'Payment link'),
			`${note ? `<p>${escapeHtml(note)}</p>` : ''}${summary({ 'Order ID': record.orderId, Amount: `IDR ${this.amountOf(record)}`, Used: `${this.usage(record)} of ${String(record.body.usage_limit)}` })}${form}`,
		);
	}
}
