import { withSurfacedFields } from '../../helpers/output';
import type { MidtransOperation } from '../types';
import { transactionIdProperty, transactionPath } from './shared';

export const getStatus: MidtransOperation = {
	value: 'getStatus',
	name: 'Get Status',
	action: 'Get the status of a transaction',
	description: 'Read a transaction’s current status from Midtrans (GET /v2/{order_id}/status)',
	properties: [transactionIdProperty],
	prepare(itemIndex, validate) {
		return { method: 'GET', path: transactionPath.call(this, itemIndex, validate, '/status') };
	},
	toItem: withSurfacedFields,
};
