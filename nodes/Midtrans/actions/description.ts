import type { INodeProperties } from 'n8n-workflow';

import { operationProperties } from '../../shared/actions/description';
import { resources } from './resources';

/** The node's parameters, assembled from the descriptions that sit beside each resource and operation. */
export const nodeProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Payment', value: 'payment' },
			{ name: 'Payment Page (Snap)', value: 'paymentPage' },
			{ name: 'Transaction', value: 'transaction' },
			{ name: 'Card', value: 'card' },
		],
		default: 'payment',
	},
	...operationProperties(resources),
];
