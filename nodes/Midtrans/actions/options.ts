import type { INodeProperties } from 'n8n-workflow';

/** Options that apply to every operation: how many requests run at once and how they are paced. */
export const requestOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
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
				'How many requests may be in flight at once; 1 sends them one after another. Output order and item pairing are kept whatever the value. On a 429 (rate limited) answer, reads and charges with an Idempotency-Key wait as Midtrans asks and are retried.',
		},
	],
};
