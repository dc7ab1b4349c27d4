import type { MidtransOperation } from '../../../shared/actions/types';
import { ACCOUNT_HINTS, accountIdProperty, GOPAY_REFUSAL_CODES, readAccountId, withAccountFields } from './fields';

export const unbind: MidtransOperation = {
	value: 'unbind',
	properties: [accountIdProperty],
	prepare(itemIndex, validate) {
		const { id, segment } = readAccountId.call(this, itemIndex, validate);
		return {
			method: 'POST',
			path: `/v2/pay/account/${segment}/unbind`,
			// No Idempotency-Key on /pay/account; a second unbind would be refused (412), so it is not resent.
			retrySafe: false,
			failureCodes: GOPAY_REFUSAL_CODES,
			subject: `GoPay account "${id}"`,
			lookUp: `The request may have reached Midtrans: check GoPay account "${id}" with Saved GoPay Account → Get (DISABLED means it was unbound).`,
			errorHints: ACCOUNT_HINTS,
		};
	},
	toItem: withAccountFields,
};
