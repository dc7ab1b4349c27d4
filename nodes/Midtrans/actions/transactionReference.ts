import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemValidator } from '../../shared/validation';
import type { MidtransOperation } from '../../shared/actions/types';

/** The parameter of every action on one transaction: Midtrans accepts its order_id or its transaction_id. */
export const orderOrTransactionIdProperty: INodeProperties = {
	displayName: 'Order ID or Transaction ID',
	name: 'orderOrTransactionId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'order-1001',
	description:
		'The order_id you charged with, or the transaction_id Midtrans returned (a UUID). Characters that are not URL-safe are encoded.',
};

export interface TransactionReference {
	/** The ID as the user gave it, for messages. */
	id: string;
	/** The ID as a URL path segment. */
	segment: string;
}

export function readTransactionReference(
	this: IExecuteFunctions,
	itemIndex: number,
	validate: ItemValidator,
): TransactionReference {
	const field = 'Order ID or Transaction ID (orderOrTransactionId)';
	const value = this.getNodeParameter('orderOrTransactionId', itemIndex);
	const segment = validate.pathSegment(field, value);
	return { id: String(value).trim(), segment };
}

/**
 * An action that needs nothing but the transaction: POST /v2/{id}/{action}. Its Idempotency-Key (the same on
 * every try of the item) lets the transport repeat it after a lost answer without acting twice.
 */
export function transactionAction(action: string, { successCodes }: { successCodes?: number[] } = {}): MidtransOperation {
	return {
		value: action,
		properties: [orderOrTransactionIdProperty],
		prepare(itemIndex, validate, keyFor) {
			const transaction = readTransactionReference.call(this, itemIndex, validate);
			return {
				method: 'POST',
				path: `/v2/${transaction.segment}/${action}`,
				headers: { 'Idempotency-Key': keyFor(action) },
				retrySafe: true,
				successCodes,
				subject: `"${transaction.id}"`,
			};
		},
	};
}
