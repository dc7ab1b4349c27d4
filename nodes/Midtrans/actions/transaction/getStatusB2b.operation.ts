import type { MidtransOperation } from '../types';
import { transactionIdProperty, transactionPath } from './shared';

export const getStatusB2b: MidtransOperation = {
	value: 'getStatusB2b',
	name: 'Get Status B2B',
	action: 'Get the B2B transactions of an order',
	description:
		'List every transaction made under one order ID, newest first, for B2B VA and Mandiri bill keys that can be paid more than once (GET /v2/{order_id}/status/b2b)',
	properties: [
		transactionIdProperty,
		{
			displayName: 'Page',
			name: 'page',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Which page of results, counting from 0 (the newest transactions)',
		},
		{
			displayName: 'Per Page',
			name: 'perPage',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description: 'How many transactions one page holds',
		},
	],
	prepare(itemIndex, validate) {
		const page = validate.wholeNumber('Page (page)', this.getNodeParameter('page', itemIndex, 0), { min: 0 });
		const perPage = validate.wholeNumber('Per Page (perPage)', this.getNodeParameter('perPage', itemIndex, 10));
		return {
			method: 'GET',
			path: transactionPath.call(this, itemIndex, validate, '/status/b2b'),
			qs: { page, per_page: perPage },
		};
	},
};
