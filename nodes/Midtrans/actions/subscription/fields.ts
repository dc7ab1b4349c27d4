import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ORDER_ID_PATTERN } from '../../../shared/constants';
import type { ItemValidator } from '../../../shared/validation';

/**
 * Subscription rules from docs.midtrans.com/reference/create-subscription and its schedule objects. The update
 * page gives name as String(15) where the create page says String(40): the node takes the create page's 40 for
 * both, so a subscription can be updated under the name it was created with.
 */
export const SUBSCRIPTION_LIMITS = {
	nameLength: 40,
	metadataBytes: 1024,
	retries: 3,
} as const;
export const SUBSCRIPTION_INTERVAL_UNITS = ['day', 'week', 'month'] as const;
export const RETRY_INTERVAL_UNITS = ['minute', 'hour', 'day'] as const;
export const SUBSCRIPTION_PAYMENT_TYPES = ['credit_card', 'gopay'] as const;

/** What Midtrans's codes mean for subscriptions. */
export const SUBSCRIPTION_HINTS: Readonly<Record<number, string>> = {
	404: 'Midtrans knows no subscription with this ID in this environment.',
};

export const subscriptionIdProperty: INodeProperties = {
	displayName: 'Subscription ID',
	name: 'subscriptionId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'd98a63b8-97e4-4059-825f-0f62340407e9',
	description: 'The ID Midtrans returned when the subscription was created',
};

export function readSubscriptionId(this: IExecuteFunctions, itemIndex: number, validate: ItemValidator) {
	const value = this.getNodeParameter('subscriptionId', itemIndex);
	return { id: String(value).trim(), segment: validate.pathSegment('Subscription ID (subscriptionId)', value) };
}

export const retryScheduleField: INodeProperties = {
	displayName: 'Retry Schedule',
	name: 'retrySchedule',
	type: 'fixedCollection',
	placeholder: 'Set retry schedule',
	default: {},
	description:
		'How a failed charge is retried before the subscription becomes inactive; without it Midtrans retries 3 times, an hour apart',
	options: [
		{
			displayName: 'Retry',
			name: 'retry',
			values: [
				{
					displayName: 'Interval',
					name: 'interval',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 1,
					description: 'How many units between retries',
				},
				{
					displayName: 'Interval Unit',
					name: 'intervalUnit',
					type: 'options',
					options: [
						{ name: 'Days', value: 'day' },
						{ name: 'Hours', value: 'hour' },
						{ name: 'Minutes', value: 'minute' },
					],
					default: 'hour',
				},
				{
					displayName: 'Max Retries',
					name: 'maxInterval',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 3 },
					default: 3,
					description: 'How many retries, 0 to 3; 0 marks a failed charge as failed at once',
				},
			],
		},
	],
};

/** The subscription's name: Midtrans builds each charge's order ID from it, so it follows the order ID's characters. */
export function readName(validate: ItemValidator, field: string, value: unknown): string {
	const name = validate.required(field, value);
	validate.maxLength(field, name, SUBSCRIPTION_LIMITS.nameLength);
	validate.pattern(field, name, ORDER_ID_PATTERN, 'may hold only letters, digits and - _ ~ .');
	return name;
}

/** Midtrans's docs type the amount as a string of whole rupiah ("14000"). */
export function readAmount(validate: ItemValidator, field: string, value: unknown): string {
	return String(validate.wholeAmount(field, value));
}

/** retry_schedule from the Retry Schedule field of `collection` (additionalFields, updateFields). */
export function readRetrySchedule(fields: IDataObject, validate: ItemValidator, collection: string): IDataObject | undefined {
	const retry = (fields.retrySchedule as IDataObject | undefined)?.retry as IDataObject | undefined;
	if (!retry) return undefined;
	const label = (name: string, key: string) => `Retry Schedule ${name} (${collection}.retrySchedule.${key})`;
	const maxInterval = validate.wholeNumber(label('Max Retries', 'maxInterval'), retry.maxInterval ?? 3, { min: 0 });
	if (maxInterval > SUBSCRIPTION_LIMITS.retries) {
		validate.fail(label('Max Retries', 'maxInterval'), `must be at most ${SUBSCRIPTION_LIMITS.retries} (got ${maxInterval})`);
	}
	return {
		interval: validate.wholeNumber(label('Interval', 'interval'), retry.interval ?? 1),
		interval_unit: validate.oneOf(label('Interval Unit', 'intervalUnit'), retry.intervalUnit ?? 'hour', RETRY_INTERVAL_UNITS),
		max_interval: maxInterval,
	};
}

const START_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

/** schedule.start_time: "yyyy-MM-dd HH:mm:ss Z", and (Midtrans's rule) after the current time. */
export function readStartTime(validate: ItemValidator, field: string, value: unknown, now = Date.now()): string | undefined {
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (text === '') return undefined;
	const match = START_TIME_PATTERN.exec(text);
	if (!match) validate.fail(field, `must look like 2026-07-22 07:25:01 +0700 (got "${text}")`);
	const [, year, month, day, hour, minute, second, sign, offsetHours, offsetMinutes] = match;
	const offsetMs = (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000 * (sign === '-' ? -1 : 1);
	const at = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second) - offsetMs;
	if (!(at > now)) validate.fail(field, `must be in the future (got "${text}")`);
	return text;
}

/** metadata: a JSON object under 1 KB. */
export function readMetadata(validate: ItemValidator, value: unknown): IDataObject | undefined {
	if (value === undefined || value === null || value === '' || value === '{}') return undefined;
	const field = 'Metadata (additionalFields.metadata)';
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			validate.fail(field, 'is not valid JSON');
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) validate.fail(field, 'must be a JSON object');
	const bytes = Buffer.byteLength(JSON.stringify(parsed), 'utf8');
	if (bytes >= SUBSCRIPTION_LIMITS.metadataBytes) validate.fail(field, `must be smaller than 1 KB (got ${bytes} bytes)`);
	return parsed as IDataObject;
}
