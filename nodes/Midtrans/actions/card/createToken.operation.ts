import type { MidtransOperation } from '../../../shared/actions/types';
import { allowInProductionProperty, cardNumberProperties, clientKeyForCardData, readCardNumber } from './cardData';

const CVV_DIGITS = { min: 3, max: 4 };

export const createToken: MidtransOperation = {
	value: 'createToken',
	properties: [
		...cardNumberProperties,
		{
			displayName: 'CVV',
			name: 'cardCvv',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: '123',
			description: 'The 3 or 4 digits on the card; 123 for sandbox cards',
		},
		allowInProductionProperty,
	],
	async prepare(itemIndex, validate) {
		const clientKey = await clientKeyForCardData.call(this, itemIndex, 'Create Card Token');
		const card = readCardNumber.call(this, itemIndex, validate);
		const cvvField = 'CVV (cardCvv)';
		const cvv = validate.digits(cvvField, validate.required(cvvField, this.getNodeParameter('cardCvv', itemIndex)), CVV_DIGITS);
		return {
			method: 'GET',
			retrySafe: true,
			path: '/v2/token',
			qs: { client_key: clientKey, ...card, card_cvv: cvv },
		};
	},
};
