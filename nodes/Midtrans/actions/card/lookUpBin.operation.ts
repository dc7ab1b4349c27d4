import type { IDataObject } from 'n8n-workflow';

import type { MidtransOperation } from '../../../shared/actions/types';

const BIN_DIGITS = { min: 6, max: 8 };

export const lookUpBin: MidtransOperation = {
	value: 'lookUpBin',
	properties: [
		{
			displayName: 'BIN',
			name: 'bin',
			type: 'string',
			default: '',
			required: true,
			placeholder: '45563300',
			description:
				'The first 6 or 8 digits of a card number (its Bank Identification Number); a longer number is cut to its first 8 digits',
		},
	],
	prepare(itemIndex, validate) {
		const field = 'BIN (bin)';
		let digits = validate.required(field, this.getNodeParameter('bin', itemIndex)).replace(/[\s-]/g, '');
		// A whole card number may come from an earlier node: only its first 8 digits leave n8n.
		if (/^\d{9,19}$/.test(digits)) digits = digits.slice(0, BIN_DIGITS.max);
		const bin = validate.digits(field, digits, BIN_DIGITS) as string;
		return {
			method: 'GET',
			retrySafe: true,
			path: `/v1/bins/${bin}`,
			errorHints: {
				404: 'Midtrans knows no card with this BIN. BIN data is advisory: a card it does not know may still be charged.',
				// The BIN API answers its rate limit (100 requests a minute) with 409.
				409: 'Midtrans’s BIN API takes at most 100 requests a minute and refused this one: wait a minute, or lower Concurrency and add a Batch Interval.',
			},
		};
	},
	toItem(response: IDataObject): IDataObject {
		// The card's details sit in data{}: copied to the top, beside Midtrans's answer.
		const data = response.data && typeof response.data === 'object' ? (response.data as IDataObject) : {};
		return { ...data, ...response };
	},
};
