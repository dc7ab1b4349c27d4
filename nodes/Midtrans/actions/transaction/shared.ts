import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { randomUUID } from 'crypto';

import type { ItemValidator } from '../../helpers/validation';
import type { MidtransOperation } from '../types';

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

/**
 * An action that needs nothing but the transaction: POST /v2/{id}/{value}. It carries an Idempotency-Key
 * so that the transport may safely repeat it when an answer is lost.
 */
export function transactionAction(
	operation: Pick<MidtransOperation, 'value' | 'name' | 'action' | 'description'>,
): MidtransOperation {
	return {
		...operation,
		properties: [transactionIdProperty],
		prepare(itemIndex, validate) {
			return {
				method: 'POST',
				path: transactionPath.call(this, itemIndex, validate, `/${operation.value}`),
				headers: { 'Idempotency-Key': randomUUID() },
			};
		},
	};
}
