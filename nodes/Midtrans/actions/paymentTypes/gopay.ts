import type { IDataObject } from 'n8n-workflow';

import type { PaymentType } from './types';

export const gopay: PaymentType = {
	value: 'gopay',
	properties: [
		{
			displayName: 'GoPay Options',
			name: 'gopay',
			type: 'collection',
			placeholder: 'Add GoPay option',
			default: {},
			options: [
				{
					displayName: 'Enable Callback',
					name: 'enableCallback',
					type: 'boolean',
					default: false,
					description: 'Whether the Gojek app sends the customer back to Callback URL after paying',
				},
				{
					displayName: 'Callback URL',
					name: 'callbackUrl',
					type: 'string',
					default: '',
					placeholder: 'https://shop.example.com/finish',
					description: 'Where the Gojek app sends the customer after paying: an https URL or an app deeplink',
				},
			],
		},
	],
	buildBody(itemIndex, validate) {
		const options = this.getNodeParameter('gopay', itemIndex, {}) as IDataObject;
		const body: IDataObject = {};
		if (options.enableCallback !== undefined) body.enable_callback = Boolean(options.enableCallback);
		const callbackUrl = validate.appOrWebUrl('Callback URL (gopay.callbackUrl)', options.callbackUrl);
		if (callbackUrl) body.callback_url = callbackUrl;
		return Object.keys(body).length ? { gopay: body } : {};
	},
};
