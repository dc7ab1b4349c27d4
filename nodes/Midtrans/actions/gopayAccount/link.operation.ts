import type { IDataObject } from 'n8n-workflow';

import { additionalFieldsProperty, type MidtransOperation } from '../../../shared/actions/types';
import { ACCOUNT_HINTS, GOPAY_REFUSAL_CODES, withAccountFields } from './fields';

export const link: MidtransOperation = {
	value: 'link',
	properties: [
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: '81212345678',
			description:
				'The customer’s GoPay phone number, digits only, without the country code or the leading 0 (0812-1234-5678 is 81212345678)',
		},
		{
			displayName: 'Country Code',
			name: 'countryCode',
			type: 'string',
			default: '62',
			description: 'The phone number’s country calling code, digits only; 62 for Indonesia',
		},
		additionalFieldsProperty([
			{
				displayName: 'Page Language',
				name: 'locale',
				type: 'options',
				options: [
					{ name: 'English', value: 'en-EN' },
					{ name: 'Indonesian', value: 'id-ID' },
				],
				default: 'id-ID',
				description: 'The language of GoPay’s activation page (X-Payment-Locale)',
			},
			{
				displayName: 'Redirect URL',
				name: 'redirectUrl',
				type: 'string',
				default: '',
				placeholder: 'https://shop.example.com/gopay-linked',
				description: 'Where the customer is sent after confirming in the Gojek app: an https URL or an app deeplink',
			},
		]),
	],
	prepare(itemIndex, validate) {
		const phoneField = 'Phone Number (phoneNumber)';
		const phone = validate.required(phoneField, this.getNodeParameter('phoneNumber', itemIndex)).replace(/[\s-]/g, '');
		if (phone.startsWith('+') || phone.startsWith('0')) {
			validate.fail(phoneField, `must be given without the country code and without the leading 0, e.g. 81212345678 (got "${phone}")`);
		}
		validate.digits(phoneField, phone, { min: 6, max: 15 });
		const countryCode = validate.digits('Country Code (countryCode)', validate.required('Country Code (countryCode)', this.getNodeParameter('countryCode', itemIndex, '62')), { min: 1, max: 4 });
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;

		const partner: IDataObject = { phone_number: phone, country_code: countryCode };
		const redirectUrl = validate.appOrWebUrl('Redirect URL (additionalFields.redirectUrl)', additional.redirectUrl);
		if (redirectUrl) partner.redirect_url = redirectUrl;
		const headers: Record<string, string> = {};
		if (additional.locale) {
			headers['X-Payment-Locale'] = validate.oneOf('Page Language (additionalFields.locale)', additional.locale, ['en-EN', 'id-ID']);
		}
		return {
			method: 'POST',
			path: '/v2/pay/account',
			body: { payment_type: 'gopay', gopay_partner: partner },
			headers,
			// Midtrans takes no Idempotency-Key on /pay/account: a resend could link a second pending account.
			retrySafe: false,
			failureCodes: GOPAY_REFUSAL_CODES,
			subject: `the GoPay account of ${countryCode} ${phone}`,
			lookUp: 'The request may have reached Midtrans: a pending account may have been made; link again and send the customer the new activation URL (an unactivated account expires by itself).',
			errorHints: ACCOUNT_HINTS,
		};
	},
	toItem: withAccountFields,
};
