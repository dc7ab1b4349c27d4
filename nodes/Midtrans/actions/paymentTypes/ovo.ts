import type { IDataObject } from 'n8n-workflow';

import type { PaymentType } from './types';

/** An Indonesian phone number as OVO's samples write it (081111111111), a leading + allowed. */
const OVO_PHONE_PATTERN = /^\+?\d{9,15}$/;

/**
 * OVO (docs.midtrans.com/reference/ewallet-ovo): Midtrans pushes the payment to the OVO app of the payer's phone
 * number; it expires after 65 seconds (55 for the customer) and takes no custom expiry.
 */
export const ovo: PaymentType = {
	value: 'ovo',
	properties: [
		{
			displayName: 'OVO Phone Number',
			name: 'ovoPhoneNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: '081234567890',
			description:
				'The phone number of the customer’s OVO account, which gets the payment request in the OVO app. The customer has 55 seconds to pay.',
		},
	],
	buildBody(itemIndex, validate, { additional }) {
		const field = 'OVO Phone Number (ovoPhoneNumber)';
		const phone = validate.required(field, this.getNodeParameter('ovoPhoneNumber', itemIndex, '')).replace(/[\s-]/g, '');
		validate.pattern(field, phone, OVO_PHONE_PATTERN, 'must be a phone number of 9 to 15 digits, like 081234567890');
		if ((additional?.customExpiry as IDataObject | undefined)?.expiry) {
			validate.fail('Custom Expiry (additionalFields.customExpiry)', 'OVO takes none: its payments expire after 65 seconds');
		}
		return { ovo: { payer_phone_number: phone } };
	},
};
