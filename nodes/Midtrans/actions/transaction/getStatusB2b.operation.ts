import { orderOrTransactionIdProperty, readTransactionReference } from '../transactionReference';
import type { MidtransOperation } from '../../../shared/actions/types';

export const getStatusB2b: MidtransOperation = {
	value: 'getStatusB2b',
	properties: [
		orderOrTransactionIdProperty,
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
		const transaction = readTransactionReference.call(this, itemIndex, validate);
		const page = validate.wholeNumber('Page (page)', this.getNodeParameter('page', itemIndex, 0), { min: 0 });
		const perPage = validate.wholeNumber('Per Page (perPage)', this.getNodeParameter('perPage', itemIndex, 10));
		return {
			method: 'GET',
			path: `/v2/${transaction.segment}/status/b2b`,
			qs: { page, per_page: perPage },
			retrySafe: true,
		};
	},
};
