import { randomUUID } from 'crypto';

import type { MidtransOperation } from '../types';
import { transactionIdProperty, transactionPath } from './shared';

export const cancel: MidtransOperation = {
	value: 'cancel',
	name: 'Cancel',
	action: 'Cancel a transaction',
	description:
		'Cancel a transaction before it is paid, or a card payment before settlement (POST /v2/{order_id}/cancel)',
	properties: [transactionIdProperty],
	prepare(itemIndex, validate) {
		// The key makes the transport's retry of a lost answer safe.
		return {
			method: 'POST',
			path: transactionPath.call(this, itemIndex, validate, '/cancel'),
			headers: { 'Idempotency-Key': randomUUID() },
		};
	},
};
