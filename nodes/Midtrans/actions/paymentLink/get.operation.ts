import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemValidator } from '../../../shared/validation';
import type { MidtransOperation } from '../../../shared/actions/types';
import { orderIdProperty } from '../orderDetails';
import { PAYMENT_LINK_HINTS, withPaymentUrl } from './output';

export const linkOrderIdProperty: INodeProperties = {
	...orderIdProperty,
	description:
		'The order ID the payment link was created with. Its payments carry longer order IDs that start with it (order-1001-1717000000-1717000000123).',
};

/** The link's order ID, and the same as a URL path segment. */
export function readLinkOrderId(this: IExecuteFunctions, itemIndex: number, validate: ItemValidator) {
	const value = this.getNodeParameter('orderId', itemIndex);
	return { orderId: String(value).trim(), segment: validate.pathSegment('Order ID (orderId)', value) };
}

export const get: MidtransOperation = {
	value: 'get',
	properties: [linkOrderIdProperty],
	prepare(itemIndex, validate) {
		const { segment } = readLinkOrderId.call(this, itemIndex, validate);
		return { method: 'GET', path: `/v1/payment-links/${segment}`, retrySafe: true, errorHints: PAYMENT_LINK_HINTS };
	},
	toItem: withPaymentUrl,
};
