import type { MidtransOperation } from '../../../shared/actions/types';
import { readSubscriptionId, SUBSCRIPTION_HINTS, subscriptionIdProperty } from './fields';

export const get: MidtransOperation = {
	value: 'get',
	properties: [subscriptionIdProperty],
	prepare(itemIndex, validate) {
		const { segment } = readSubscriptionId.call(this, itemIndex, validate);
		return { method: 'GET', path: `/v1/subscriptions/${segment}`, retrySafe: true, errorHints: SUBSCRIPTION_HINTS };
	},
};
