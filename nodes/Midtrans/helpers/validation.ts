import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { LIMITS, ORDER_ID_PATTERN } from './constants';

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

	/** Midtrans amounts are whole rupiah; a string such as "44000" or "44000.00" from an expression is accepted. */
	wholeAmount(field: string, value: unknown, { min = 1 }: { min?: number } = {}): number {
		const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof amount !== 'number' || !Number.isFinite(amount)) {
			this.fail(field, `must be a number (got ${JSON.stringify(value)})`);
		}
		if (!Number.isInteger(amount)) {
			this.fail(field, `must be a whole number of rupiah, without decimals (got ${amount})`);
		}
		if (amount < min) this.fail(field, `must be at least ${min} (got ${amount})`);
		return amount;
	}

	wholeNumber(field: string, value: unknown, { min = 1 }: { min?: number } = {}): number {
		return this.wholeAmount(field, value, { min });
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
}
