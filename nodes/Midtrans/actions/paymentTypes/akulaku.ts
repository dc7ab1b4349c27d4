import { requireCustomer, requireItems } from './cardlessCredit';
import type { PaymentType } from './types';

/**
 * Akulaku PayLater (docs.midtrans.com/reference/akulaku-1): item_details and customer_details are required; the
 * answer's redirect_url is Akulaku's page, where the customer pays in instalments.
 */
export const akulaku: PaymentType = {
	value: 'akulaku',
	properties: [],
	buildBody(_itemIndex, validate, { itemDetails, customerDetails }) {
		requireItems(validate, itemDetails, 'Akulaku', ['id']);
		requireCustomer(validate, customerDetails, 'Akulaku');
		return {};
	},
};
