import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { LIMITS, ORDER_ID_PATTERN } from './constants';

/** Path segments that URL parsers resolve ("/v2/../status" is "/status"), even when percent-encoded. */
const DOT_SEGMENTS = new Set(['.', '..']);

/**
 * Every rule an item must pass before anything is sent to Midtrans, in one place. Each failure names
 * the parameter, the item and the rule, so a user can find the bad value in a thousand-item run.
 */
export class ItemValidator {
	constructor(
		private readonly context: IExecuteFunctions,
		readonly itemIndex: number,
	) {}

	fail(field: string, rule: string): never {
		throw new NodeOperationError(
			this.context.getNode(),
			`Invalid ${field} in item ${this.itemIndex}: ${rule}`,
			{
				itemIndex: this.itemIndex,
				description: 'Nothing was sent to Midtrans for this item.',
			},
		);
	}

	required(field: string, value: unknown): string {
		const text = value === undefined || value === null ? '' : String(value).trim();
		if (text === '') this.fail(field, 'it is required');
		return text;
	}

	orderId(field: string, value: unknown): string {
		const orderId = this.required(field, value);
		if (orderId.length > LIMITS.orderIdLength) {
			this.fail(field, `must be at most ${LIMITS.orderIdLength} characters (got ${orderId.length})`);
		}
		if (!ORDER_ID_PATTERN.test(orderId)) {
			this.fail(field, `may hold only letters, digits and - _ ~ . (got "${orderId}")`);
		}
		return orderId;
	}

	/**
	 * A whole number, exactly: numbers beyond Number.MAX_SAFE_INTEGER are already rounded, so they are refused
	 * rather than sent as a different amount. A string such as "44000" or "44000.00" from an expression is read.
	 */
	private exactWholeNumber(field: string, value: unknown, unit: string, min: number): number {
		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isFinite(number)) {
			this.fail(field, `must be a number (got ${JSON.stringify(value)})`);
		}
		if (!Number.isInteger(number)) this.fail(field, `must be a whole number${unit}, without decimals (got ${number})`);
		if (!Number.isSafeInteger(number)) {
			this.fail(field, `is too large to be sent exactly (at most ${Number.MAX_SAFE_INTEGER}; got ${String(value)})`);
		}
		if (number < min) this.fail(field, `must be at least ${min} (got ${number})`);
		return number;
	}

	/** An amount of Indonesian rupiah: Midtrans takes whole rupiah only. */
	wholeAmount(field: string, value: unknown, { min = 1 }: { min?: number } = {}): number {
		return this.exactWholeNumber(field, value, ' of rupiah', min);
	}

	/** A count (a quantity, a page number). */
	wholeNumber(field: string, value: unknown, { min = 1 }: { min?: number } = {}): number {
		return this.exactWholeNumber(field, value, '', min);
	}

	/**
	 * An order ID or transaction ID as one segment of a URL path, encoded. "." and ".." are legal order IDs,
	 * but a URL parser would turn /v2/../status into another endpoint, so they are refused.
	 */
	pathSegment(field: string, value: unknown): string {
		const id = this.required(field, value);
		if (DOT_SEGMENTS.has(id)) {
			this.fail(field, `"${id}" cannot be sent in a URL path (it would address another endpoint): use the transaction_id Midtrans returned instead`);
		}
		return encodeURIComponent(id);
	}

	maxLength(field: string, value: unknown, max: number): string | undefined {
		if (value === undefined || value === null || value === '') return undefined;
		const text = String(value);
		if (text.length > max) this.fail(field, `must be at most ${max} characters (got ${text.length})`);
		return text;
	}

	oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
		if (!allowed.includes(value as T)) {
			this.fail(field, `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
		}
		return value as T;
	}

	pattern(field: string, value: string | undefined, pattern: RegExp, rule: string): string | undefined {
		if (value !== undefined && !pattern.test(value)) this.fail(field, `${rule} (got "${value}")`);
		return value;
	}

	/** Comma-separated URLs for the notification headers: at most three, each http(s). */
	urlList(field: string, value: unknown): string | undefined {
		if (value === undefined || value === null || String(value).trim() === '') return undefined;
		const urls = String(value)
			.split(',')
			.map((url) => url.trim())
			.filter(Boolean);
		if (urls.length > LIMITS.notificationUrls) {
			this.fail(field, `may list at most ${LIMITS.notificationUrls} URLs (got ${urls.length})`);
		}
		for (const url of urls) {
			if (!/^https?:\/\/[^\s,]+$/i.test(url)) this.fail(field, `"${url}" is not an http(s) URL`);
		}
		return urls.join(',');
	}

	/** An optional string of digits only (VA numbers, bill keys), between min and max digits long. */
	digits(field: string, value: unknown, { min = 1, max }: { min?: number; max: number }): string | undefined {
		if (value === undefined || value === null || String(value).trim() === '') return undefined;
		const text = String(value).trim();
		if (!/^\d+$/.test(text)) this.fail(field, `may hold only digits (got "${text}")`);
		if (text.length < min || text.length > max) {
			const length = min === max ? `${max}` : `${min} to ${max}`;
			this.fail(field, `must be ${length} digits long (got ${text.length})`);
		}
		return text;
	}

	/** An optional place to send the customer after an e-wallet app: an http(s) URL or an app deeplink. */
	appOrWebUrl(field: string, value: unknown): string | undefined {
		const url = value === undefined || value === null ? '' : String(value).trim();
		if (url === '') return undefined;
		return this.pattern(field, url, /^[a-z][a-z0-9+.-]*:\/\/\S+$/i, 'must be an https URL or an app deeplink such as myapp://finish');
	}

	/** An optional http(s) URL. */
	webUrl(field: string, value: unknown): string | undefined {
		const url = value === undefined || value === null ? '' : String(value).trim();
		if (url === '') return undefined;
		return this.pattern(field, url, /^https?:\/\/\S+$/i, 'must be an http(s) URL');
	}

	/** A card number, spaces and dashes allowed, that passes the Luhn check every real card number passes. */
	cardNumber(field: string, value: unknown): string {
		const number = this.required(field, value).replace(/[\s-]/g, '');
		if (!/^\d{12,19}$/.test(number)) this.fail(field, 'must be 12 to 19 digits');
		let sum = 0;
		for (let position = 0; position < number.length; position++) {
			let digit = Number(number[number.length - 1 - position]);
			if (position % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
			sum += digit;
		}
		if (sum % 10 !== 0) this.fail(field, 'is not a valid card number (its check digit is wrong)');
		return number;
	}

	/** A card's expiry month (1–12) and four-digit year, not in the past; returned as Midtrans wants them, "MM" and "YYYY". */
	cardExpiry(
		monthField: string,
		monthValue: unknown,
		yearField: string,
		yearValue: unknown,
	): { month: string; year: string } {
		const now = new Date();
		const month = Number(this.required(monthField, monthValue));
		if (!Number.isInteger(month) || month < 1 || month > 12) {
			this.fail(monthField, `must be a month number from 1 to 12 (got ${JSON.stringify(monthValue)})`);
		}
		const year = this.required(yearField, yearValue);
		if (!/^\d{4}$/.test(year)) this.fail(yearField, `must be a four-digit year such as 2030 (got "${year}")`);
		if (Number(year) * 12 + month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) {
			this.fail(yearField, `the card expired in ${String(month).padStart(2, '0')}/${year}`);
		}
		return { month: String(month).padStart(2, '0'), year };
	}
}
