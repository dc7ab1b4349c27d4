import type { MidtransOperation } from '../../../shared/actions/types';
import { allowInProductionProperty, cardNumberProperties, clientKeyForCardData, readCardNumber } from './cardData';

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
		const card = readCardNumber.call(this, itemIndex, validate);
		return {
			method: 'GET',
			retrySafe: true,
			path: '/v2/card/register',
			qs: { ...card, client_key: clientKey },
		};
	},
};
