import type { MidtransResource } from '../../../shared/actions/types';
import { create } from './create.operation';

export const paymentPage: MidtransResource = {
	value: 'paymentPage',
	operations: [create],
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['paymentPage'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a payment page',
				description:
					'Create a Midtrans-hosted Snap page where the customer picks how to pay; returns token and redirect_url, the link to send the customer (POST {Snap host}/transactions)',
			},
		],
		default: 'create',
	},
};
