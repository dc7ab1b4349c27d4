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
					displayName: 'Account ID (Linked Account)',
					name: 'accountId',
					type: 'string',
					default: '',
					placeholder: '00000269-7836-49e5-bc65-e592afafec14',
					description:
						'To charge a linked GoPay account (tokenization) instead of showing a QR code: its account_id from Saved GoPay Account → Link. Needs Payment Option Token.',
				},
				{
					displayName: 'Callback URL',
					name: 'callbackUrl',
					type: 'string',
					default: '',
					placeholder: 'https://shop.example.com/finish',
					description: 'Where the Gojek app sends the customer after paying: an https URL or an app deeplink',
				},
				{
					displayName: 'Enable Callback',
					name: 'enableCallback',
					type: 'boolean',
					default: false,
					description: 'Whether the Gojek app sends the customer back to Callback URL after paying',
				},
				{
					displayName: 'Payment Option Token (Linked Account)',
					name: 'paymentOptionToken',
					type: 'string',
					typeOptions: { password: true },
					default: '',
					description:
						'With Account ID: the payment_option_token from Saved GoPay Account → Get (ask again before each charge: it may change)',
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

		const accountId = options.accountId ? String(options.accountId).trim() : '';
		const token = options.paymentOptionToken ? String(options.paymentOptionToken).trim() : '';
		// A linked account is charged with both: its account_id and one of its payment options' token.
		if (accountId && !token) {
			validate.fail('Payment Option Token (gopay.paymentOptionToken)', 'is required with Account ID: read it with Saved GoPay Account → Get');
		}
		if (token && !accountId) {
			validate.fail('Account ID (gopay.accountId)', 'is required with Payment Option Token');
		}
		if (accountId) {
			body.account_id = accountId;
			body.payment_option_token = token;
		}
		return Object.keys(body).length ? { gopay: body } : {};
	},
};
