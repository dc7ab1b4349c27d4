import type { IDataObject } from 'n8n-workflow';

import type { MidtransRequest } from '../../../shared/transport';
import type { MidtransOperation } from '../../../shared/actions/types';
import { readSubscriptionId, SUBSCRIPTION_HINTS, subscriptionIdProperty } from './fields';

/**
 * POST /v1/subscriptions/{id}/enable or /disable: no body, answer {"status_message": "Subscription is updated."}.
 * Switching to the state a subscription is already in changes nothing, so a resend after a lost answer is safe.
 */
function switchOperation(action: 'enable' | 'disable'): MidtransOperation<{ id: string; request: MidtransRequest }> {
	return {
		value: action,
		properties: [subscriptionIdProperty],
		prepare(itemIndex, validate) {
			const { id, segment } = readSubscriptionId.call(this, itemIndex, validate);
			return {
				id,
				request: {
					method: 'POST',
					path: `/v1/subscriptions/${segment}/${action}`,
					retrySafe: true,
					subject: `subscription "${id}"`,
					lookUp: `The request may have reached Midtrans: check the status of subscription "${id}" with Subscription → Get.`,
					errorHints: SUBSCRIPTION_HINTS,
				},
			};
		},
		async run({ id, request }, send): Promise<IDataObject> {
			// The answer is only a message: the item also says which subscription and what it became.
			return { id, status: action === 'enable' ? 'active' : 'inactive', ...(await send(request)) };
		},
	};
}

export const enable = switchOperation('enable');
export const disable = switchOperation('disable');
