import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemValidator } from '../../helpers/validation';

/** The parameter every single-transaction action takes: Midtrans accepts an order_id or a transaction_id. */
export const transactionIdProperty: INodeProperties = {
	displayName: 'Order ID or Transaction ID',
	name: 'transactionId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'order-1001',
	description:
		'The order_id you charged with, or the transaction_id Midtrans returned (a UUID). Characters that are not URL-safe are encoded.',
};

/** Reads the transaction parameter and returns it as a path segment, e.g. "/v2/order%2F1". */
export function transactionPath(
	this: IExecuteFunctions,
	itemIndex: number,
	validate: ItemValidator,
	suffix = '',
): string {
	const id = validate.required(
		'Order ID or Transaction ID (transactionId)',
		this.getNodeParameter('transactionId', itemIndex),
	);
	return `/v2/${encodeURIComponent(id)}${suffix}`;
}
