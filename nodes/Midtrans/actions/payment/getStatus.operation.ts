import { withSurfacedFields } from '../../helpers/output';
import { orderOrTransactionIdProperty, readTransactionReference } from '../transactionReference';
import type { MidtransOperation } from '../../../shared/actions/types';

export const getStatus: MidtransOperation = {
	value: 'getStatus',
	properties: [orderOrTransactionIdProperty],
	prepare(itemIndex, validate) {
		const transaction = readTransactionReference.call(this, itemIndex, validate);
		// Midtrans answers an expired transaction's status with status_code "407": a status, not an error.
		return { method: 'GET', path: `/v2/${transaction.segment}/status`, retrySafe: true, successCodes: [407] };
	},
	toItem: withSurfacedFields,
};
