import type { IDataObject } from 'n8n-workflow';

import type { PaymentType } from './types';

export const shopeepay: PaymentType = {
	value: 'shopeepay',
	properties: [
		{
			displayName: 'ShopeePay Options',
			name: 'shopeepay',
			type: 'collection',
			placeholder: 'Add ShopeePay option',
			default: {},
			options: [
				{
					displayName: 'Callback URL',
					name: 'callbackUrl',
					type: 'string',
					default: '',
					placeholder: 'https://shop.example.com/finish',
					description:
						'Where the Shopee app sends the customer after paying: an https URL or an app deeplink. Empty uses the dashboard’s setting.',
				},
			],
		},
	],
	buildBody(itemIndex, validate) {
		const options = this.getNodeParameter('shopeepay', itemIndex, {}) as IDataObject;
		const callbackUrl = validate.appOrWebUrl('Callback URL (shopeepay.callbackUrl)', options.callbackUrl);
		return callbackUrl ? { shopeepay: { callback_url: callbackUrl } } : {};
	},
};
