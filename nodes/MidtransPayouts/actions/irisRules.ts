import type { IDataObject } from 'n8n-workflow';

import {
	ALIAS_NAME_PATTERN,
	BANK_CODE_PATTERN,
	E_WALLET_BANKS,
	E_WALLET_NUMBER_PATTERN,
	IRIS_LIMITS,
} from '../../shared/iris/constants';
import type { ItemValidator } from '../../shared/validation';

/**
 * Iris's rules for the fields of payouts and beneficiaries, checked before anything is sent (docs: Create
 * Payout, Create Beneficiaries). Each takes the field's name as the user sees it, so that an error points
 * at the parameter (or the JSON entry) that holds the bad value.
 */

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Header values may hold visible ASCII only; a key with spaces or line breaks could not be sent. */
const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]+$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());

/** Iris's bank code (bca, bni, mandiri, gopay…), in the lower case Iris lists its codes in. */
export function bankCode(validate: ItemValidator, field: string, value: unknown): string {
	const code = validate.required(field, value).toLowerCase();
	validate.pattern(field, code, BANK_CODE_PATTERN, 'must be an Iris bank code such as bca, bni, mandiri or gopay (see Bank → Get Many)');
	return code;
}

/**
 * A bank account number, or for an e-wallet (gopay, ovo) the owner's mobile number starting with 62 or 08:
 * 6 to 20 digits, nothing else. Separators are refused rather than removed, so that no number is sent
 * other than the one given.
 */
export function accountNumber(validate: ItemValidator, field: string, value: unknown, bank: string): string {
	const account = validate.required(field, value);
	const { accountMinDigits: min, accountMaxDigits: max } = IRIS_LIMITS;
	validate.pattern(field, account, /^\d+$/, 'may hold only digits: remove spaces, dots and dashes');
	if (account.length < min || account.length > max) {
		validate.fail(field, `must be ${min} to ${max} digits long (got ${account.length})`);
	}
	if ((E_WALLET_BANKS as readonly string[]).includes(bank)) {
		validate.pattern(field, account, E_WALLET_NUMBER_PATTERN, `for ${bank} must be the owner's mobile number starting with 62 or 08`);
	}
	return account;
}

/** Whole rupiah, sent as Iris's monetary string with ".00" (Iris rounds any other fraction). */
export function payoutAmount(validate: ItemValidator, field: string, value: unknown): string {
	return `${validate.wholeAmount(field, value)}.00`;
}

export function aliasName(validate: ItemValidator, field: string, value: unknown): string {
	const alias = validate.required(field, value);
	validate.maxLength(field, alias, IRIS_LIMITS.aliasNameLength);
	validate.pattern(field, alias, ALIAS_NAME_PATTERN, 'may hold only letters and digits');
	return alias;
}

export function optionalEmail(validate: ItemValidator, field: string, value: unknown): string | undefined {
	const email = text(value);
	if (email === '') return undefined;
	return validate.pattern(field, email, EMAIL_PATTERN, 'must be an e-mail address');
}

export function notes(validate: ItemValidator, field: string, value: unknown): string {
	const note = validate.required(field, value);
	validate.maxLength(field, note, IRIS_LIMITS.notesLength);
	return note;
}

/** A user's own X-Idempotency-Key: at most 100 visible characters. */
export function idempotencyKey(validate: ItemValidator, field: string, value: unknown): string | undefined {
	const key = text(value);
	if (key === '') return undefined;
	validate.maxLength(field, key, IRIS_LIMITS.idempotencyKeyLength);
	return validate.pattern(field, key, IDEMPOTENCY_KEY_PATTERN, 'may hold only visible characters, without spaces');
}

/**
 * Reference numbers as one list: an array (from an expression such as {{ $json.reference_nos }}) or text
 * separated by commas, spaces or line breaks. Each must be a plain ID (letters, digits, - and _).
 */
export function referenceNumbers(validate: ItemValidator, field: string, value: unknown): string[] {
	const entries = Array.isArray(value) ? value.map(text) : text(value).split(/[\s,]+/);
	const references = entries.filter((entry) => entry !== '');
	if (!references.length) validate.fail(field, 'at least one reference_no is required');
	for (const reference of references) {
		validate.pattern(field, reference, /^[A-Za-z0-9_-]+$/, 'each reference_no may hold only letters, digits, - and _');
	}
	return [...new Set(references)];
}

/** A calendar date as Iris's statements take it, YYYY-MM-DD; an ISO date-time or a Date is cut to its date. */
export function calendarDate(validate: ItemValidator, field: string, value: unknown): string {
	const given = value instanceof Date ? value.toISOString() : validate.required(field, value);
	const date = given.slice(0, 10);
	const match = DATE_PATTERN.exec(date);
	const valid =
		match !== null &&
		new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])).toISOString().slice(0, 10) === date;
	if (!valid) validate.fail(field, `must be a date as YYYY-MM-DD (got ${JSON.stringify(value)})`);
	return date;
}

/** One payout as Iris takes it, from its fields under Iris's own names (a JSON entry) or the node's. */
export interface PayoutFields {
	beneficiaryName: unknown;
	beneficiaryAccount: unknown;
	beneficiaryBank: unknown;
	beneficiaryEmail?: unknown;
	amount: unknown;
	notes: unknown;
	bankAccountId?: unknown;
}

/** Field names for messages: the node's parameter names, or an entry of the JSON list. */
export type FieldNames = Record<keyof PayoutFields, string>;

export function payoutBody(validate: ItemValidator, fields: PayoutFields, names: FieldNames): IDataObject {
	const bank = bankCode(validate, names.beneficiaryBank, fields.beneficiaryBank);
	const payout: IDataObject = {
		beneficiary_name: validate.required(names.beneficiaryName, fields.beneficiaryName),
		beneficiary_account: accountNumber(validate, names.beneficiaryAccount, fields.beneficiaryAccount, bank),
		beneficiary_bank: bank,
	};
	const email = optionalEmail(validate, names.beneficiaryEmail, fields.beneficiaryEmail);
	if (email) payout.beneficiary_email = email;
	payout.amount = payoutAmount(validate, names.amount, fields.amount);
	payout.notes = notes(validate, names.notes, fields.notes);
	const bankAccountId = text(fields.bankAccountId);
	if (bankAccountId) payout.bank_account_id = bankAccountId;
	return payout;
}
