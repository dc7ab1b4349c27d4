import type { MidtransOperation } from '../../../shared/actions/types';
import { ACCOUNT_HINTS, accountIdProperty, readAccountId, withAccountFields } from './fields';

export const get: MidtransOperation = {
	value: 'get',
	properties: [accountIdProperty],
	prepare(itemIndex, validate) {
		const { segment } = readAccountId.call(this, itemIndex, validate);
		// The body's status_code follows account_status (201 PENDING, 200 ENABLED, 204 DISABLED or EXPIRED): none is an error.
		return { method: 'GET', path: `/v2/pay/account/${segment}`, retrySafe: true, errorHints: ACCOUNT_HINTS };
	},
	toItem: withAccountFields,
};
