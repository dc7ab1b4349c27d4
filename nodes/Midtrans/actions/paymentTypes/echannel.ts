import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { PaymentType } from './types';

/** Mandiri shows bill_info labels (odd numbers) up to 10 characters and values (even) up to 30, cutting the rest. */
const BILL_INFO_LENGTH = { label: 10, value: 30 };
const BILL_KEY_DIGITS = { min: 6, max: 12 };

const billInfoMaxLength = (n: number) => (n % 2 === 1 ? BILL_INFO_LENGTH.label : BILL_INFO_LENGTH.value);

function billInfoProperty(n: number): INodeProperties {
	const line = Math.ceil(n / 2);
	const isLabel = n % 2 === 1;
	return {
		displayName: `Bill Info ${n} (${isLabel ? 'Label' : 'Value'} ${line})`,
		name: `billInfo${n}`,
		type: 'string',
		default: '',
		placeholder: isLabel ? 'Payment for:' : 'Order 1001',
		description: isLabel
			? `Label of line ${line} on the Mandiri bill, at most ${BILL_INFO_LENGTH.label} characters`
			: `Value shown beside label ${line} on the Mandiri bill, at most ${BILL_INFO_LENGTH.value} characters`,
	};
}

const OPTIONAL_BILL_INFO = [3, 4, 5, 6, 7, 8];

export const echannel: PaymentType = {
	value: 'echannel',
	properties: [
		{ ...billInfoProperty(1), required: true },
		{ ...billInfoProperty(2), required: true },
		{
			displayName: 'Mandiri Bill Options',
			name: 'echannel',
			type: 'collection',
			placeholder: 'Add Mandiri bill option',
			default: {},
			options: [
				...OPTIONAL_BILL_INFO.map(billInfoProperty),
				{
					displayName: 'Bill Key',
					name: 'billKey',
					type: 'string',
					default: '',
					placeholder: '081211111111',
					description:
						'Your own bill key, 6 to 12 digits; empty lets Midtrans choose. If the key is still used by a pending bill, Midtrans picks another.',
				},
			],
		},
	],
	buildBody(itemIndex, validate) {
		const options = this.getNodeParameter('echannel', itemIndex, {}) as IDataObject;
		const values: Record<number, unknown> = {
			1: this.getNodeParameter('billInfo1', itemIndex, ''),
			2: this.getNodeParameter('billInfo2', itemIndex, ''),
		};
		for (const n of OPTIONAL_BILL_INFO) values[n] = options[`billInfo${n}`];

		const body: IDataObject = {};
		for (const n of [1, 2, ...OPTIONAL_BILL_INFO]) {
			const required = n <= 2;
			const field = required ? `Bill Info ${n} (billInfo${n})` : `Bill Info ${n} (echannel.billInfo${n})`;
			if (required) validate.required(field, values[n]);
			const text = validate.maxLength(field, values[n], billInfoMaxLength(n));
			if (text !== undefined) body[`bill_info${n}`] = text;
		}
		const billKey = validate.digits('Bill Key (echannel.billKey)', options.billKey, BILL_KEY_DIGITS);
		if (billKey) body.bill_key = billKey;
		return { echannel: body };
	},
};
