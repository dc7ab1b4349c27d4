import { randomInt } from 'crypto';

import type { CardOnToken, CardOutcome, CardVault } from './cards';
import {
	ALFAMART_FREE_TEXT_MAX_LENGTH,
	CSTORE_AMOUNT_RANGE,
	CSTORE_MESSAGE_MAX_LENGTH,
	CSTORE_STORES,
	type CstoreStore,
	type TransactionStatus,
} from './midtransRules';
import { SimulatorError } from './errors';
import { EXPIRY_UNIT_MS, jakartaTime } from './time';

export type JsonObject = Record<string, unknown>;

export function objectAt(parent: JsonObject, key: string): JsonObject {
	const value = parent[key];
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
}

function randomDigits(length: number): string {
	return Array.from({ length }, () => randomInt(10)).join('');
}

/** What a charge starts as. */
export interface Opening {
	status: TransactionStatus;
	/** The charge answer's status_code and status_message. */
	statusCode: string;
	statusMessage: string;
	fraudStatus?: string;
	/** Fields of this payment type, kept on the transaction (payment_code, va_numbers, actions…). */
	fields: JsonObject;
	/** Time to pay when the charge has no custom_expiry; no expiry when absent. */
	defaultExpiryMs?: number;
	/** For cards: what happens when the customer completes 3DS or the merchant captures. */
	card?: CardState;
}

export interface CardState {
	outcome: CardOutcome;
	/** `credit_card.type: "authorize"`: the charge only reserves the money until POST /v2/capture. */
	authorizeOnly: boolean;
	/** `credit_card.save_token_id`: once accepted, the card is saved and the transaction carries saved_token_id. */
	save?: CardOnToken;
}

/** Linked GoPay accounts, as a tokenized GoPay charge needs them (payAccounts.ts). */
export interface GoPayWallets {
	/**
	 * Takes `amount` from the linked account's payment option; false when its balance is too low (GoPay denies).
	 * Throws a 400 naming the problem when the account is not ENABLED or the token is not one of its options.
	 */
	charge(accountId: string, paymentOptionToken: string, amount: number): { paid: boolean; optionName: string };
}

export interface OpeningContext {
	body: JsonObject;
	transactionId: string;
	/** The simulator's own base URL, for action and redirect URLs. */
	baseUrl: string;
	cards: CardVault;
	gopayAccounts?: GoPayWallets;
	amount: number;
	/** The charge is denied whatever the card or wallet (a subscription charge the simulator was told to fail). */
	forceDeny?: boolean;
}

export interface SimulatedPaymentType {
	/** Adds a validation message per problem with this type's part of the charge body. */
	validate(body: JsonObject, amount: number, problems: string[]): void;
	/** Creates the transaction's first state; may throw SimulatorError (411 for a bad card token). */
	open(context: OpeningContext): Opening;
	/** Midtrans ignores Idempotency-Key for Indomaret and Permata VA. */
	honoursIdempotencyKey(body: JsonObject): boolean;
	/** Whether Midtrans can refund this payment type (not cash at a till, not a bank transfer). */
	refundable: boolean;
}

const MINUTES_15 = 15 * EXPIRY_UNIT_MS.minute;
const ONE_DAY = EXPIRY_UNIT_MS.day;
/** docs.midtrans.com/reference/ewallet-ovo: "All OVO orders have fixed expiry of 65 seconds". */
const OVO_EXPIRY_MS = 65_000;

function checkLength(problems: string[], path: string, value: unknown, max: number): void {
	if (value !== undefined && String(value).length > max) problems.push(`${path} must be at most ${max} characters`);
}

function checkCallbackUrl(problems: string[], path: string, value: unknown): void {
	if (value !== undefined && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(String(value))) {
		problems.push(`${path} must be a URL or an app deeplink`);
	}
}

const action = (name: string, method: 'GET' | 'POST', url: string) => ({ name, method, url });

/** Customer-facing pages the simulator serves in place of the Gojek app, ShopeePay and the 3DS page. */
const checkoutPageUrl = (baseUrl: string, transactionId: string) => `${baseUrl}/_simulator/checkout/${transactionId}`;

const cstore: SimulatedPaymentType = {
	validate(body, amount, problems) {
		const details = objectAt(body, 'cstore');
		const store = details.store;
		if (store === undefined || store === '') {
			problems.push('cstore.store is required');
			return;
		}
		if (!CSTORE_STORES.includes(store as CstoreStore)) {
			problems.push(`cstore.store ${JSON.stringify(store)} is not supported; use alfamart or indomaret`);
			return;
		}
		checkLength(problems, 'cstore.message', details.message, CSTORE_MESSAGE_MAX_LENGTH);
		for (const n of [1, 2, 3]) {
			checkLength(
				problems,
				`cstore.alfamart_free_text_${n}`,
				details[`alfamart_free_text_${n}`],
				ALFAMART_FREE_TEXT_MAX_LENGTH,
			);
		}
		const { min, max } = CSTORE_AMOUNT_RANGE[store as CstoreStore];
		if ((min !== undefined && amount < min) || amount > max) {
			const range = min === undefined ? `at most ${max}` : `between ${min} and ${max}`;
			problems.push(`transaction_details.gross_amount must be ${range} for ${store}`);
		}
		if (store === 'alfamart') {
			// docs.midtrans.com/reference/item-details-object: no vertical line (|) for Alfamart.
			const items = Array.isArray(body.item_details) ? (body.item_details as JsonObject[]) : [];
			if (items.some((item) => /\|/.test(`${item?.id ?? ''}${item?.name ?? ''}`))) {
				problems.push('item_details must not contain "|" for alfamart');
			}
		}
	},
	open({ body }) {
		const store = String(objectAt(body, 'cstore').store);
		return {
			status: 'pending',
			statusCode: '201',
			statusMessage: 'Success, cstore transaction is successful',
			// Midtrans's samples give Alfamart a fraud_status and Indomaret none.
			fraudStatus: store === 'alfamart' ? 'accept' : undefined,
			fields: { payment_code: randomDigits(store === 'alfamart' ? 16 : 12), store },
			defaultExpiryMs: ONE_DAY,
		};
	},
	honoursIdempotencyKey: (body) => objectAt(body, 'cstore').store !== 'indomaret',
	refundable: false,
};

/** The card's answer once it is decided: at once without 3DS, or when the customer completes 3DS. */
export function cardDecision(card: CardState): Omit<Opening, 'fields' | 'card'> & { fields: JsonObject } {
	const channel = (code: string, message: string) => ({
		channel_response_code: code,
		channel_response_message: message,
	});
	switch (card.outcome) {
		case 'bank-deny':
			return {
				status: 'deny',
				statusCode: '202',
				statusMessage: 'Deny by Bank [BNI] with code [05] and message [Do not honour]',
				fraudStatus: 'accept',
				fields: channel('05', 'Do not honour'),
			};
		case 'fraud-deny':
			return {
				status: 'deny',
				statusCode: '202',
				statusMessage: 'Deny by FDS',
				fraudStatus: 'deny',
				fields: channel('00', 'Approved'),
			};
		case 'challenge':
			return {
				status: card.authorizeOnly ? 'authorize' : 'capture',
				statusCode: '201',
				statusMessage: 'Challenge by FDS',
				fraudStatus: 'challenge',
				fields: { approval_code: randomDigits(13), ...channel('00', 'Approved') },
			};
		default:
			return {
				status: card.authorizeOnly ? 'authorize' : 'capture',
				statusCode: '200',
				statusMessage: card.authorizeOnly
					? 'Success, Credit Card authorization transaction is successful'
					: 'Success, Credit Card transaction is successful',
				fraudStatus: 'accept',
				fields: { approval_code: randomDigits(13), eci: '05', ...channel('00', 'Approved') },
			};
	}
}

/** The fields a card transaction gains once accepted with save_token_id: saved_token_id and its expiry. */
export function savedCardFields(cards: CardVault, card: CardState, status: TransactionStatus): JsonObject {
	if (!card.save || (status !== 'capture' && status !== 'authorize')) return {};
	const { saved_token_id, saved_token_id_expired_at } = cards.saveCharged(card.save);
	return { saved_token_id, saved_token_id_expired_at };
}

const creditCard: SimulatedPaymentType = {
	validate(body, amount, problems) {
		const details = objectAt(body, 'credit_card');
		if (amount < 10_000) problems.push('transaction_details.gross_amount must be at least 10000 for credit_card');
		if (details.type !== undefined && details.type !== 'authorize' && details.type !== 'authorize_capture') {
			problems.push('credit_card.type must be authorize or authorize_capture');
		}
	},
	open({ body, transactionId, baseUrl, cards, forceDeny }) {
		const details = objectAt(body, 'credit_card');
		const charged = cards.spend(details.token_id);
		const { card, maskedCard } = charged;
		const state: CardState = {
			outcome: forceDeny ? 'bank-deny' : card.outcome,
			authorizeOnly: details.type === 'authorize',
			...(details.save_token_id === true ? { save: charged } : {}),
		};
		const fields: JsonObject = {
			masked_card: maskedCard,
			bank: typeof details.bank === 'string' && details.bank ? details.bank.toLowerCase() : 'bni',
			card_type: 'credit',
		};
		// A saved token is the one-click flow: the card holder was authenticated when the card was saved.
		const wantsThreeDs =
			card.threeDs && !charged.saved && details.authentication !== false && state.outcome === 'accept';
		if (wantsThreeDs) {
			return {
				status: 'pending',
				statusCode: '201',
				statusMessage: 'Success, Credit Card transaction is successful',
				fraudStatus: 'accept',
				fields: { ...fields, redirect_url: `${baseUrl}/v2/token/rba/redirect/${maskedCard}-${transactionId}` },
				card: state,
			};
		}
		const decision = cardDecision(state);
		const saved = savedCardFields(cards, state, decision.status);
		return { ...decision, fields: { ...fields, ...decision.fields, ...saved }, card: state };
	},
	honoursIdempotencyKey: () => true,
	refundable: true,
};

const gopay: SimulatedPaymentType = {
	validate(body, _amount, problems) {
		const details = objectAt(body, 'gopay');
		checkCallbackUrl(problems, 'gopay.callback_url', details.callback_url);
		// docs.midtrans.com/reference/gopay-tokenization: a linked account is charged with both.
		const hasAccount = details.account_id !== undefined && details.account_id !== '';
		const hasToken = details.payment_option_token !== undefined && details.payment_option_token !== '';
		if (hasAccount && !hasToken) problems.push('gopay.payment_option_token is required with gopay.account_id');
		if (hasToken && !hasAccount) problems.push('gopay.account_id is required with gopay.payment_option_token');
	},
	open({ body, transactionId, baseUrl, gopayAccounts, amount, forceDeny }) {
		const details = objectAt(body, 'gopay');
		if (details.account_id !== undefined && details.account_id !== '') {
			if (!gopayAccounts) throw new SimulatorError('402');
			const { paid, optionName } = gopayAccounts.charge(
				String(details.account_id),
				String(details.payment_option_token),
				amount,
			);
			// Tokenized charges settle at once (docs: "200" settlement), or GoPay denies them ("Insufficient Balance").
			if (!paid || forceDeny) {
				return {
					status: 'deny',
					statusCode: '202',
					statusMessage: 'GoPay transaction is denied',
					fraudStatus: 'accept',
					fields: {
						channel_response_code: '201',
						channel_response_message: 'Insufficient Balance',
						payment_option_type: optionName,
					},
				};
			}
			return {
				status: 'settlement',
				statusCode: '200',
				statusMessage: 'Success, GoPay transaction is successful',
				fraudStatus: 'accept',
				fields: { payment_option_type: optionName, settlement_time: jakartaTime(new Date()) },
			};
		}
		return {
			status: 'pending',
			statusCode: '201',
			statusMessage: 'GoPay transaction is created',
			fraudStatus: 'accept',
			fields: {
				actions: [
					action('generate-qr-code', 'GET', `${baseUrl}/v2/gopay/${transactionId}/qr-code`),
					action('deeplink-redirect', 'GET', checkoutPageUrl(baseUrl, transactionId)),
					action('get-status', 'GET', `${baseUrl}/v2/${transactionId}/status`),
					action('cancel', 'POST', `${baseUrl}/v2/${transactionId}/cancel`),
				],
			},
			defaultExpiryMs: MINUTES_15,
		};
	},
	honoursIdempotencyKey: () => true,
	refundable: true,
};

const qris: SimulatedPaymentType = {
	validate(body, _amount, problems) {
		const acquirer = objectAt(body, 'qris').acquirer;
		if (acquirer !== undefined && acquirer !== 'gopay' && acquirer !== 'airpay shopee') {
			problems.push('qris.acquirer must be gopay or airpay shopee');
		}
	},
	open({ body, transactionId, baseUrl }) {
		const acquirer = String(objectAt(body, 'qris').acquirer ?? 'gopay');
		return {
			status: 'pending',
			statusCode: '201',
			statusMessage: 'QRIS transaction is created',
			fraudStatus: 'accept',
			fields: {
				acquirer,
				qr_string: `00020101021226620014COM.MIDTRANS.SIM0118${randomDigits(18)}5204581253033605802ID5918MIDTRANS SIMULATOR6007JAKARTA6304${randomDigits(4)}`,
				actions: [action('generate-qr-code', 'GET', `${baseUrl}/v2/qris/${transactionId}/qr-code`)],
			},
			defaultExpiryMs: MINUTES_15,
		};
	},
	honoursIdempotencyKey: () => true,
	refundable: true,
};

const shopeepay: SimulatedPaymentType = {
	validate(body, _amount, problems) {
		checkCallbackUrl(problems, 'shopeepay.callback_url', objectAt(body, 'shopeepay').callback_url);
	},
	open({ transactionId, baseUrl }) {
		return {
			status: 'pending',
			statusCode: '201',
			statusMessage: 'ShopeePay transaction is created',
			fraudStatus: 'accept',
			fields: {
				channel_response_code: '0',
				channel_response_message: 'success',
				actions: [action('deeplink-redirect', 'GET', checkoutPageUrl(baseUrl, transactionId))],
			},
			defaultExpiryMs: MINUTES_15,
		};
	},
	honoursIdempotencyKey: () => true,
	refundable: true,
};

/** Banks with a va_numbers[] answer; Permata answers permata_va_number instead. */
const VA_DIGITS: Record<string, number> = { bca: 11, bni: 16, bri: 18, cimb: 16, permata: 18 };

const bankTransfer: SimulatedPaymentType = {
	validate(body, _amount, problems) {
		const details = objectAt(body, 'bank_transfer');
		const bank = details.bank;
		if (bank === undefined || bank === '') problems.push('bank_transfer.bank is required');
		else if (!(String(bank) in VA_DIGITS)) {
			problems.push(
				`bank_transfer.bank ${JSON.stringify(bank)} is not supported; use ${Object.keys(VA_DIGITS).join(', ')}`,
			);
		}
		if (details.va_number !== undefined && !/^\d{1,18}$/.test(String(details.va_number))) {
			problems.push('bank_transfer.va_number must be digits only');
		}
	},
	open({ body }) {
		const details = objectAt(body, 'bank_transfer');
		const bank = String(details.bank);
		const vaNumber = details.va_number !== undefined ? String(details.va_number) : randomDigits(VA_DIGITS[bank]);
		return {
			status: 'pending',
			statusCode: '201',
			statusMessage: 'Success, Bank Transfer transaction is created',
			fraudStatus: 'accept',
			fields: bank === 'permata' ? { permata_va_number: vaNumber } : { va_numbers: [{ bank, va_number: vaNumber }] },
			defaultExpiryMs: ONE_DAY,
		};
	},
	honoursIdempotencyKey: (body) => objectAt(body, 'bank_transfer').bank !== 'permata',
	refundable: false,
};

const echannel: SimulatedPaymentType = {
	validate(body, _amount, problems) {
		const details = objectAt(body, 'echannel');
		if (!details.bill_info1) problems.push('echannel.bill_info1 is required');
		if (!details.bill_info2) problems.push('echannel.bill_info2 is required');
	},
	open() {
		return {
			status: 'pending',
			statusCode: '201',
			statusMessage: 'OK, Mandiri Bill transaction is successful',
			fraudStatus: 'accept',
			fields: { bill_key: randomDigits(12), biller_code: '70012' },
			defaultExpiryMs: ONE_DAY,
		};
	},
	honoursIdempotencyKey: () => true,
	refundable: false,
};

/** docs.midtrans.com/reference/ewallet-ovo: a push to the payer's OVO app, expiring after 65 s; no custom expiry. */
const ovo: SimulatedPaymentType = {
	validate(body, _amount, problems) {
		if (body.ovo === undefined) problems.push('ovo is required');
		const phone = objectAt(body, 'ovo').payer_phone_number;
		if (phone !== undefined && !/^\+?\d{6,20}$/.test(String(phone)))
			problems.push('ovo.payer_phone_number must be a phone number');
		if (body.custom_expiry !== undefined) problems.push('custom_expiry is not supported for ovo');
	},
	open({ body }) {
		const phone = objectAt(body, 'ovo').payer_phone_number;
		return {
			status: 'pending',
			statusCode: '201',
			statusMessage: 'Ovo transaction is created',
			fraudStatus: 'accept',
			fields: phone === undefined ? {} : { payer_phone_number: String(phone) },
			defaultExpiryMs: OVO_EXPIRY_MS,
		};
	},
	honoursIdempotencyKey: () => true,
	refundable: true,
};

function checkItemsHave(body: JsonObject, fields: readonly string[], problems: string[], paymentType: string): void {
	const items = Array.isArray(body.item_details) ? (body.item_details as JsonObject[]) : [];
	if (!items.length) problems.push(`item_details is required for ${paymentType}`);
	items.forEach((item, index) => {
		for (const field of fields) {
			if (item?.[field] === undefined || item[field] === '')
				problems.push(`item_details[${index}].${field} is required for ${paymentType}`);
		}
	});
}

function checkCustomerHas(body: JsonObject, fields: readonly string[], problems: string[], paymentType: string): void {
	const customer = objectAt(body, 'customer_details');
	for (const field of fields) {
		if (customer[field] === undefined || customer[field] === '')
			problems.push(`customer_details.${field} is required for ${paymentType}`);
	}
}

/** Akulaku and Kredivo: the customer pays on the provider's page (redirect_url), which the simulator serves as its checkout page. */
function cardlessCredit(
	check: (body: JsonObject, problems: string[]) => void,
	answer: { statusMessage: string; channel: JsonObject; expiryMs: number },
): SimulatedPaymentType {
	return {
		validate: (body, _amount, problems) => check(body, problems),
		open({ transactionId, baseUrl }) {
			return {
				status: 'pending',
				statusCode: '201',
				statusMessage: answer.statusMessage,
				fraudStatus: 'accept',
				fields: { redirect_url: checkoutPageUrl(baseUrl, transactionId), ...answer.channel },
				defaultExpiryMs: answer.expiryMs,
			};
		},
		honoursIdempotencyKey: () => true,
		refundable: true,
	};
}

const CUSTOMER_NAME_AND_CONTACT = ['first_name', 'last_name', 'email', 'phone'] as const;

/** docs.midtrans.com/reference/akulaku-1: item_details (with id) and customer_details are required. */
const akulaku = cardlessCredit(
	(body, problems) => {
		checkItemsHave(body, ['id', 'name', 'price', 'quantity'], problems, 'akulaku');
		checkCustomerHas(body, CUSTOMER_NAME_AND_CONTACT, problems, 'akulaku');
	},
	{
		statusMessage: 'Success, Akulaku transaction is created',
		channel: { channel_response_code: '', channel_response_message: '' },
		expiryMs: 2 * EXPIRY_UNIT_MS.hour,
	},
);

/**
 * docs.midtrans.com/reference/kredivo-1: by default customer_details with shipping_address, and item_details with
 * every field of the sample (id, name, price, category, quantity, url).
 */
const kredivo = cardlessCredit(
	(body, problems) => {
		checkItemsHave(body, ['id', 'name', 'price', 'category', 'quantity', 'url'], problems, 'kredivo');
		checkCustomerHas(body, CUSTOMER_NAME_AND_CONTACT, problems, 'kredivo');
		const shipping = objectAt(objectAt(body, 'customer_details'), 'shipping_address');
		for (const field of ['first_name', 'last_name', 'phone', 'address', 'city', 'postal_code', 'country_code']) {
			if (shipping[field] === undefined || shipping[field] === '') {
				problems.push(`customer_details.shipping_address.${field} is required for kredivo`);
			}
		}
	},
	{
		statusMessage: 'Kredivo transaction is created',
		channel: { channel_response_code: 'OK', channel_response_message: 'Success Create Transaction' },
		expiryMs: ONE_DAY,
	},
);

export const SIMULATED_PAYMENT_TYPES: Record<string, SimulatedPaymentType> = {
	akulaku,
	kredivo,
	ovo,
	cstore,
	credit_card: creditCard,
	gopay,
	qris,
	shopeepay,
	bank_transfer: bankTransfer,
	echannel,
};
