import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_CALL_LIMITS, type CallLimits } from '../transport';

/**
 * Options that apply to every operation of an action node: how requests are paced, retried and bounded in
 * time. `unknownOutcome` says what a request that runs out of time means for the node's money-moving
 * operations, e.g. "for a charge or refund, as an unknown outcome to look up with Get Status".
 */
export const requestOptionsProperty = (unknownOutcome: string): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add request option',
	default: {},
	options: [
		{
			displayName: 'Batch Interval (Ms)',
			name: 'batchInterval',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 1000,
			description:
				'How long to wait after each batch before sending the next, e.g. to stay under a rate limit. Without Batch Size, each batch is as many items as Concurrency.',
		},
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description:
				'How many items to send before each Batch Interval wait; a batch starts once every request of the one before is answered. Without this option (and without Batch Interval) all items form one batch.',
		},
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 1,
			description:
				'How many requests may be in flight at once; 1 sends them one after another. Output order and item pairing are kept whatever the value. A 429 (rate limited) answer pauses every request of the run for as long as Midtrans asks (Retry-After, honoured up to 10 s).',
		},
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 5 },
			default: 3,
			description:
				'How many times a request is repeated after a failure that is safe to repeat: a 429, a refused connection, and for reads and requests with an Idempotency-Key also a 5xx, a dropped connection or an answer that cannot be read (a 505 is never repeated)',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 60000,
			description:
				`The longest one request may take, every retry and wait included; it then fails (${unknownOutcome})`,
		},
		{
			displayName: 'Wait Before Retrying (Ms)',
			name: 'retryWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 500,
			description:
				'The wait before the first retry; it doubles for each further one (with jitter), up to 8 s. A Retry-After from Midtrans replaces it, honoured up to 10 s.',
		},
	],
});

export interface PacingOptions {
	concurrency: number;
	batchSize: number;
	batchIntervalMs: number;
}

export function readRequestOptions(context: IExecuteFunctions): { pacing: PacingOptions; limits: CallLimits } {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const whole = (value: unknown, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
		const number = Math.floor(Number(value));
		return Number.isFinite(number) && number >= min ? Math.min(number, max) : fallback;
	};
	const concurrency = whole(options.concurrency, 1, 1, 50);
	const batchIntervalMs = whole(options.batchInterval, 0, 0);
	// An interval without a batch size paces groups of Concurrency requests, rather than doing nothing.
	const batchSize = whole(options.batchSize, batchIntervalMs > 0 ? concurrency : 0, 1);
	return {
		pacing: { concurrency, batchSize, batchIntervalMs },
		limits: {
			...DEFAULT_CALL_LIMITS,
			retries: whole(options.retries, DEFAULT_CALL_LIMITS.retries, 0, 5),
			timeoutMs: whole(options.timeout, DEFAULT_CALL_LIMITS.timeoutMs, 1000),
			firstRetryDelayMs: whole(options.retryWait, DEFAULT_CALL_LIMITS.firstRetryDelayMs, 0),
		},
	};
}
