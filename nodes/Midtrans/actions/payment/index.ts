import type { MidtransResource } from '../../../shared/actions/types';
import { cancel } from './cancel.operation';
import { charge } from './charge.operation';
import { getStatus } from './getStatus.operation';
import { refund } from './refund.operation';

/** The everyday life of a payment, in the order a workflow meets it. */
export const payment: MidtransResource = {
	value: 'payment',
	operations: [charge, getStatus, refund, cancel],
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{
				name: 'Charge',
				value: 'charge',
				action: 'Charge a payment',
				description: 'Create a payment with Midtrans Core API (POST /v2/charge)',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the status of a payment',
				description: 'Read a transaction’s current status from Midtrans (GET /v2/{order_id}/status)',
			},
			{
				name: 'Refund',
				value: 'refund',
				action: 'Refund a paid payment',
				description:
					'Return all or part of a settled payment to the customer (POST /v2/{order_id}/refund, or /refund/online/direct for a direct refund). For a payment not yet settled, use Cancel.',
			},
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a payment',
				description:
					'Cancel a transaction before it is paid, or a card payment before settlement (POST /v2/{order_id}/cancel)',
			},
		],
		default: 'charge',
	},
};
