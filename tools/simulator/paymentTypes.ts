import { randomInt } from 'crypto';

import type { CardOutcome, CardVault } from './cards';
import {
	ALFAMART_FREE_TEXT_MAX_LENGTH,
	CSTORE_AMOUNT_RANGE,
	CSTORE_MESSAGE_MAX_LENGTH,
	CSTORE_STORES,
	type CstoreStore,
	type TransactionStatus,
} from './midtransRules';
import { EXPIRY_UNIT_MS } from './time';

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
}

export interface OpeningContext {
	body: JsonObject;
	transactionId: string;
	/** The simulator's own base URL, for action and redirect URLs. */
	baseUrl: string;
	cards: CardVault;
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

const creditCard: SimulatedPaymentType = {
	validate(body, amount, problems) {
		const details = objectAt(body, 'credit_card');
		if (amount < 10_000) problems.push('transaction_details.gross_amount must be at least 10000 for credit_card');
		if (details.type !== undefined && details.type !== 'authorize' && details.type !== 'authorize_capture') {
			problems.push('credit_card.type must be authorize or authorize_capture');
		}
	},
	open({ body, transactionId, baseUrl, cards }) {
		const details = objectAt(body, 'credit_card');
		const { card, maskedCard } = cards.spend(details.token_id);
		const state: CardState = { outcome: card.outcome, authorizeOnly: details.type === 'authorize' };
		const fields: JsonObject = {
			masked_card: maskedCard,
			bank: typeof details.bank === 'string' && details.bank ? details.bank.toLowerCase() : 'bni',
			card_type: 'credit',
		};
		const wantsThreeDs = card.threeDs && details.authentication !== false && card.outcome === 'accept';
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
		return { ...decision, fields: { ...fields, ...decision.fields }, card: state };
	},
	honoursIdempotencyKey: () => true,
	refundable: true,
};

const gopay: SimulatedPaymentType = {
	validate(body, _amount, problems) {
		checkCallbackUrl(problems, 'gopay.callback_url', objectAt(body, 'gopay').callback_url);
	},
	open({ transactionId, baseUrl }) {
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

export const SIMULATED_PAYMENT_TYPES: Record<string, SimulatedPaymentType> = {
	cstore,
	credit_card: creditCard,
	gopay,
	qris,
	shopeepay,
	bank_transfer: bankTransfer,
	echannel,
};
