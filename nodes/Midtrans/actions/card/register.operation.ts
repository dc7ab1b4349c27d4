import type { MidtransOperation } from '../../../shared/actions/types';
import { allowInProductionProperty, cardNumberProperties, clientKeyForCardData } from './cardData';

/**
 * GET /v2/card/register: saves a card without charging it and answers saved_token_id, for one-click charges and
 * card subscriptions. The docs put the client key in the query; the request also carries the credential's Basic
 * authorization, as the Node, Java and Python SDKs send it.
 */
export const register: MidtransOperation = {
	value: 'register',
	properties: [...cardNumberProperties, allowInProductionProperty],
	async prepare(itemIndex, validate) {
		const clientKey = await clientKeyForCardData.call(this, itemIndex, 'Register Card');
		const cardNumber = validate.cardNumber('Card Number (cardNumber)', this.getNodeParameter('cardNumber', itemIndex));
		const expiry = validate.cardExpiry(
			'Expiry Month (cardExpMonth)',
			this.getNodeParameter('cardExpMonth', itemIndex),
			'Expiry Year (cardExpYear)',
			this.getNodeParameter('cardExpYear', itemIndex),
		);
		return {
			method: 'GET',
			retrySafe: true,
			path: '/v2/card/register',
			qs: { card_number: cardNumber, card_exp_month: expiry.month, card_exp_year: expiry.year, client_key: clientKey },
		};
	},
};
