import { withSurfacedFields } from '../../helpers/output';
import { orderOrTransactionIdProperty, readTransactionReference } from '../transactionReference';
import type { MidtransOperation } from '../../../shared/actions/types';

export const getStatus: MidtransOperation = {
	value: 'getStatus',
	properties: [orderOrTransactionIdProperty],
	prepare(itemIndex, validate) {
		const transaction = readTransactionReference.call(this, itemIndex, validate);
		return { method: 'GET', path: `/v2/${transaction.segment}/status`, retrySafe: true };
	},
	toItem: withSurfacedFields,
};
