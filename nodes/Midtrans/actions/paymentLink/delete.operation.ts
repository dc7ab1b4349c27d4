import type { IDataObject } from 'n8n-workflow';

import type { MidtransRequest } from '../../../shared/transport';
import type { MidtransOperation } from '../../../shared/actions/types';
import { linkOrderIdProperty, readLinkOrderId } from './get.operation';
import { PAYMENT_LINK_HINTS } from './output';

export const deleteLink: MidtransOperation<{ orderId: string; request: MidtransRequest }> = {
	value: 'delete',
	properties: [linkOrderIdProperty],
	prepare(itemIndex, validate) {
		const { orderId, segment } = readLinkOrderId.call(this, itemIndex, validate);
		return {
			orderId,
			request: {
				method: 'DELETE',
				path: `/v1/payment-links/${segment}`,
				// Deleting twice deletes nothing more, and moves no money.
				retrySafe: true,
				subject: `payment link "${orderId}"`,
				lookUp: `The request may have reached Midtrans: check with Payment Link → Get whether the link of order "${orderId}" still exists.`,
				errorHints: PAYMENT_LINK_HINTS,
			},
		};
	},
	async run({ orderId, request }, send): Promise<IDataObject> {
		// Midtrans answers only a message: the item also names the link that was deleted.
		return { order_id: orderId, deleted: true, ...(await send(request)) };
	},
};
