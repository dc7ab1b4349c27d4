import type { MidtransResource } from '../../../shared/actions/types';
import { approve } from './approve.operation';
import { capture } from './capture.operation';
import { deny } from './deny.operation';
import { expire } from './expire.operation';
import { getStatusB2b } from './getStatusB2b.operation';

/** Less everyday actions on one transaction: card fraud reviews and pre-authorizations, expiring, B2B status. */
export const transaction: MidtransResource = {
	value: 'transaction',
	operations: [approve, capture, deny, expire, getStatusB2b],
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transaction'] } },
		options: [
			{
				name: 'Approve',
				value: 'approve',
				action: 'Approve a challenged card payment',
				description:
					'Accept a card payment that Midtrans’s fraud check put on challenge (fraud_status "challenge"), so it is captured (POST /v2/{order_id}/approve)',
			},
			{
				name: 'Capture',
				value: 'capture',
				action: 'Capture an authorized card payment',
				description: 'Take the money a card charge with Authorize Only reserved (status authorize) (POST /v2/capture)',
			},
			{
				name: 'Deny',
				value: 'deny',
				action: 'Deny a challenged card payment',
				description:
					'Reject a card payment that Midtrans’s fraud check put on challenge (fraud_status "challenge"); no money is taken (POST /v2/{order_id}/deny)',
			},
			{
				name: 'Expire',
				value: 'expire',
				action: 'Expire a pending payment',
				description:
					'End a pending payment now, so its VA number, payment code or QR can no longer be paid and the order ID may be reused (POST /v2/{order_id}/expire)',
			},
			{
				name: 'Get Status B2B',
				value: 'getStatusB2b',
				action: 'Get the B2B transactions of an order',
				description:
					'List every transaction made under one order ID, newest first, for B2B VA and Mandiri bill keys that can be paid more than once (GET /v2/{order_id}/status/b2b)',
			},
		],
		default: 'approve',
	},
};
