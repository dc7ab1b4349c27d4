import type { IDataObject } from 'n8n-workflow';

import { withSurfacedFields } from '../../helpers/output';
import { idempotencyHeader, idempotencyKeyField } from '../orderDetails';
import { additionalFieldsProperty, type MidtransOperation } from '../../../shared/actions/types';

export const capture: MidtransOperation = {
	value: 'capture',
	properties: [
		{
			displayName: 'Transaction ID',
			name: 'transactionId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'be4f3e44-d6ee-4355-8c64-c1d1dc7f4590',
			description: 'The transaction_id Midtrans returned for the pre-authorized card charge (a UUID, not your order ID)',
		},
		{
			displayName: 'Gross Amount',
			name: 'grossAmount',
			type: 'number',
			default: 0,
			required: true,
			description: 'How much to take, in whole Indonesian rupiah (no decimals); at most the authorized amount',
		},
		additionalFieldsProperty([idempotencyKeyField]),
	],
	prepare(itemIndex, validate, keyFor) {
		const transactionId = validate.required('Transaction ID (transactionId)', this.getNodeParameter('transactionId', itemIndex));
		const grossAmount = validate.wholeAmount('Gross Amount (grossAmount)', this.getNodeParameter('grossAmount', itemIndex));
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		return {
			method: 'POST',
			path: '/v2/capture',
			body: { transaction_id: transactionId, gross_amount: grossAmount },
			// Capturing moves money: the key makes the transport's retry after a lost answer safe.
			headers: idempotencyHeader(additional, validate, keyFor('capture')),
			retrySafe: true,
			subject: `transaction "${transactionId}"`,
		};
	},
	toItem: withSurfacedFields,
};
