import type { IDataObject } from 'n8n-workflow';

import { LIMITS } from '../../../shared/constants';
import type { PaymentType } from './types';

const CSTORE_STORES = ['alfamart', 'indomaret'] as const;
const INDOMARET_AMOUNT = { min: 10_000, max: 5_000_000 };
const ALFAMART_MAX_AMOUNT = 2_500_000;

export const cstore: PaymentType = {
	value: 'cstore',
	properties: [
		{
			displayName: 'Store',
			name: 'store',
			type: 'options',
			options: [
				{ name: 'Alfamart', value: 'alfamart' },
				{ name: 'Indomaret', value: 'indomaret' },
			],
			default: 'indomaret',
			required: true,
			description: 'Where the customer pays: Indomaret takes 10,000–5,000,000 IDR, Alfamart at most 2,500,000',
		},
		{
			displayName: 'Convenience Store Options',
			name: 'cstore',
			type: 'collection',
			placeholder: 'Add store option',
			default: {},
			options: [
				{
					displayName: 'Message',
					name: 'message',
					type: 'string',
					default: '',
					description: 'Text shown on the till and the receipt, at most 20 characters',
				},
				{
					displayName: 'Alfamart Free Text 1',
					name: 'alfamartFreeText1',
					type: 'string',
					default: '',
					description: 'First line printed on the Alfamart receipt, at most 40 characters',
				},
				{
					displayName: 'Alfamart Free Text 2',
					name: 'alfamartFreeText2',
					type: 'string',
					default: '',
					description: 'Second line printed on the Alfamart receipt, at most 40 characters',
				},
				{
					displayName: 'Alfamart Free Text 3',
					name: 'alfamartFreeText3',
					type: 'string',
					default: '',
					description: 'Third line printed on the Alfamart receipt, at most 40 characters',
				},
			],
		},
	],
	buildBody(itemIndex, validate, { grossAmount, itemDetails }) {
		const store = validate.oneOf(
			'Store (store)',
			this.getNodeParameter('store', itemIndex),
			CSTORE_STORES,
		);
		const options = this.getNodeParameter('cstore', itemIndex, {}) as IDataObject;

		if (store === 'indomaret' && (grossAmount < INDOMARET_AMOUNT.min || grossAmount > INDOMARET_AMOUNT.max)) {
			validate.fail(
				'Gross Amount (grossAmount)',
				`Indomaret accepts 10,000 to 5,000,000 IDR (got ${grossAmount})`,
			);
		}
		if (store === 'alfamart' && grossAmount > ALFAMART_MAX_AMOUNT) {
			validate.fail('Gross Amount (grossAmount)', `Alfamart accepts at most 2,500,000 IDR (got ${grossAmount})`);
		}
		if (store === 'alfamart') {
			// Alfamart's receipt format uses "|" as a separator.
			itemDetails?.forEach((item, index) => {
				for (const key of ['id', 'name'] as const) {
					if (String(item[key] ?? '').includes('|')) {
						validate.fail(`Item Details (itemDetails) row ${index + 1} ${key}`, 'must not contain "|" for Alfamart');
					}
				}
			});
		}

		const body: IDataObject = { store };
		const message = validate.maxLength('Message (cstore.message)', options.message, LIMITS.cstoreMessageLength);
		if (message !== undefined) body.message = message;
		for (const n of [1, 2, 3]) {
			const text = validate.maxLength(
				`Alfamart Free Text ${n} (cstore.alfamartFreeText${n})`,
				options[`alfamartFreeText${n}`],
				LIMITS.alfamartFreeTextLength,
			);
			if (text === undefined) continue;
			if (store !== 'alfamart') {
				validate.fail(`Alfamart Free Text ${n} (cstore.alfamartFreeText${n})`, 'is only for Alfamart');
			}
			body[`alfamart_free_text_${n}`] = text;
		}
		return { cstore: body };
	},
	honoursIdempotencyKey: (body) => (body.cstore as IDataObject | undefined)?.store !== 'indomaret',
};
