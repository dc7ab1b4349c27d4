import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { PaymentType } from './types';

const CARD_MIN_AMOUNT = 10_000;

/** The card token a charge is made with; Saved Card → Get Points asks for one too, described its own way. */
export const cardTokenIdProperty: INodeProperties = {
	displayName: 'Token ID',
	name: 'tokenId',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	required: true,
	description:
		'The single-use card token_id from Midtrans (MidtransNew3ds.getCardToken in the browser), or for a one-click charge the saved_token_id of an earlier charge with Save Token ID (or of Saved Card → Register; turn Authentication off)',
};

export const creditCard: PaymentType = {
	value: 'credit_card',
	properties: [
		cardTokenIdProperty,
		{
			displayName: 'Credit Card Options',
			name: 'creditCard',
			type: 'collection',
			placeholder: 'Add card option',
			default: {},
			options: [
				{
					displayName: 'Authentication (3DS)',
					name: 'authentication',
					type: 'boolean',
					default: true,
					description:
						'Whether to ask the card holder for 3D Secure. With 3DS the charge answers pending with a redirect_url the customer must open.',
				},
				{
					displayName: 'Authorize Only (Pre-Authorization)',
					name: 'authorizeOnly',
					type: 'boolean',
					default: false,
					description:
						'Whether to only reserve the amount on the card (type "authorize", status authorize) and take it later with the Capture operation, or release it with Cancel',
				},
				{
					displayName: 'Bank',
					name: 'bank',
					type: 'string',
					default: '',
					placeholder: 'bni',
					description: 'Acquiring bank, for example bca, bni, mandiri, cimb, bri, maybank',
				},
				{
					displayName: 'Installment Term',
					name: 'installmentTerm',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description: 'Number of monthly installments; 0 pays in full',
				},
				{
					displayName: 'Save Token ID',
					name: 'saveTokenId',
					type: 'boolean',
					default: false,
					description:
						'Whether Midtrans saves the card: the charge (after 3DS, its notification and Get Status) then carries saved_token_id and saved_token_id_expired_at, for one-click charges and card subscriptions',
				},
			],
		},
	],
	buildBody(itemIndex, validate, { grossAmount }) {
		const tokenId = validate.required(
			'Token ID (tokenId)',
			this.getNodeParameter('tokenId', itemIndex, ''),
		);
		if (grossAmount < CARD_MIN_AMOUNT) {
			validate.fail('Gross Amount (grossAmount)', `a card charge must be at least 10,000 IDR (got ${grossAmount})`);
		}
		const options = this.getNodeParameter('creditCard', itemIndex, {}) as IDataObject;
		const card: IDataObject = {
			token_id: tokenId,
			authentication: options.authentication ?? true,
		};
		if (options.bank) card.bank = String(options.bank).toLowerCase();
		if (options.installmentTerm) {
			card.installment_term = validate.wholeNumber('Installment Term (creditCard.installmentTerm)', options.installmentTerm);
		}
		if (options.saveTokenId) card.save_token_id = true;
		if (options.authorizeOnly) card.type = 'authorize';
		return { credit_card: card };
	},
};
