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
		// Alphabetical, as n8n's lint wants from five options on; the names put the everyday Payment first.
		options: [
			{ name: 'Payment', value: 'payment' },
			{ name: 'Payment Link', value: 'paymentLink' },
			{ name: 'Payment Page (Snap)', value: 'paymentPage' },
			{ name: 'Saved Card', value: 'card' },
			{ name: 'Saved GoPay Account', value: 'gopayAccount' },
			{ name: 'Subscription', value: 'subscription' },
			{ name: 'Transaction', value: 'transaction' },
		],
		default: 'payment',
	},
	...operationProperties(resources),
];
