import type { MidtransResource } from '../../../shared/actions/types';
import { create } from './create.operation';
import { deleteLink } from './delete.operation';
import { get } from './get.operation';

/** Payment Link API (/v1/payment-links on the Core API host): a link to send the customer, payable by any enabled method. */
export const paymentLink: MidtransResource = {
	value: 'paymentLink',
	operations: [create, get, deleteLink],
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['paymentLink'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a payment link',
				description:
					'Create a link the customer opens to pay, by WhatsApp, e-mail or chat; the item holds payment_url (POST /v1/payment-links)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a payment link',
				description:
					'Read a payment link: its settings, usage and every payment made through it in purchases[] (GET /v1/payment-links/{order_id})',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a payment link',
				description: 'Deactivate a payment link so it can no longer be paid (DELETE /v1/payment-links/{order_id})',
			},
		],
		default: 'create',
	},
};
