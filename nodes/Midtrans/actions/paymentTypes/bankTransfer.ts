import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemValidator } from '../../../shared/validation';
import type { PaymentType } from './types';

export const VA_BANKS = ['bca', 'bni', 'bri', 'cimb', 'permata'] as const;
type VaBank = (typeof VA_BANKS)[number];

/**
 * The longest custom VA number each bank takes. Midtrans silently cuts longer numbers (and pads shorter
 * ones with zeros), so a longer one is refused here rather than turned into a number nobody expects.
 */
const VA_NUMBER_MAX_DIGITS: Record<VaBank, number> = { bca: 11, bni: 12, bri: 18, cimb: 16, permata: 10 };
const PERMATA_RECIPIENT_NAME_LENGTH = 20;
const BCA_FREE_TEXT = { lines: 10, length: 50 };

const freeTextLineFields: INodeProperties[] = [
	{
		displayName: 'English',
		name: 'en',
		type: 'string',
		default: '',
		description: 'The line in English, at most 50 characters',
	},
	{
		displayName: 'Indonesian',
		name: 'id',
		type: 'string',
		default: '',
		description: 'The same line in Bahasa Indonesia, at most 50 characters',
	},
];

function readFreeText(options: IDataObject, validate: ItemValidator): IDataObject | undefined {
	const freeText: IDataObject = {};
	for (const moment of ['inquiry', 'payment'] as const) {
		const lines = (options[moment] ?? []) as IDataObject[];
		if (lines.length > BCA_FREE_TEXT.lines) {
			validate.fail(`BCA Free Text ${moment} (bcaFreeText.${moment})`, `may have at most ${BCA_FREE_TEXT.lines} lines (got ${lines.length})`);
		}
		if (!lines.length) continue;
		freeText[moment] = lines.map((line, index) => {
			const text: IDataObject = {};
			for (const language of ['en', 'id'] as const) {
				const field = `BCA Free Text ${moment} line ${index + 1} ${language} (bcaFreeText.${moment})`;
				text[language] = validate.required(field, line[language]);
				validate.maxLength(field, text[language], BCA_FREE_TEXT.length);
			}
			return text;
		});
	}
	return Object.keys(freeText).length ? freeText : undefined;
}

export const bankTransfer: PaymentType = {
	value: 'bank_transfer',
	properties: [
		{
			displayName: 'Bank',
			name: 'bank',
			type: 'options',
			options: [
				{ name: 'BCA', value: 'bca' },
				{ name: 'BNI', value: 'bni' },
				{ name: 'BRI', value: 'bri' },
				{ name: 'CIMB Niaga', value: 'cimb' },
				{ name: 'Permata', value: 'permata', description: 'Any Indonesian bank can pay a Permata VA' },
			],
			default: 'bca',
			required: true,
			description: 'The bank that issues the virtual account number the customer pays into',
		},
		{
			displayName: 'Bank Transfer Options',
			name: 'bankTransfer',
			type: 'collection',
			placeholder: 'Add bank transfer option',
			default: {},
			options: [
				{
					displayName: 'BCA Sub Company Code',
					name: 'subCompanyCode',
					type: 'string',
					default: '',
					placeholder: '00000',
					description: 'BCA only: the sub company code agreed with Midtrans, digits only (Midtrans uses 00000 when empty)',
				},
				{
					displayName: 'Custom VA Number',
					name: 'vaNumber',
					type: 'string',
					default: '',
					placeholder: '12345678',
					description:
						'Your own digits for the virtual account number; empty lets Midtrans choose. Digits only, at most BCA 11, BNI 12, BRI 18, CIMB 16, Permata 10; shorter numbers are padded with zeros, and a number still in use is replaced by Midtrans.',
				},
				{
					displayName: 'Permata Recipient Name',
					name: 'recipientName',
					type: 'string',
					default: '',
					placeholder: 'TOKO BUDI',
					description: 'Permata only: the name the customer sees when paying, at most 20 characters',
				},
			],
		},
		{
			displayName: 'BCA Free Text',
			name: 'bcaFreeText',
			type: 'fixedCollection',
			placeholder: 'Add free text',
			default: {},
			displayOptions: { show: { bank: ['bca'] } },
			description: 'Lines BCA shows the customer, in English and Indonesian, at most 10 per moment',
			options: [
				{
					displayName: 'At Inquiry',
					name: 'inquiry',
					values: freeTextLineFields,
				},
				{
					displayName: 'At Payment',
					name: 'payment',
					values: freeTextLineFields,
				},
			],
			typeOptions: { multipleValues: true },
		},
	],
	buildBody(itemIndex, validate) {
		const bank = validate.oneOf('Bank (bank)', this.getNodeParameter('bank', itemIndex), VA_BANKS);
		const options = this.getNodeParameter('bankTransfer', itemIndex, {}) as IDataObject;
		const body: IDataObject = { bank };

		const vaNumber = validate.digits('Custom VA Number (bankTransfer.vaNumber)', options.vaNumber, {
			max: VA_NUMBER_MAX_DIGITS[bank],
		});
		if (vaNumber) body.va_number = vaNumber;

		const recipientName = validate.maxLength(
			'Permata Recipient Name (bankTransfer.recipientName)',
			options.recipientName,
			PERMATA_RECIPIENT_NAME_LENGTH,
		);
		if (recipientName) {
			if (bank !== 'permata') validate.fail('Permata Recipient Name (bankTransfer.recipientName)', 'is only for Permata');
			body.permata = { recipient_name: recipientName };
		}

		const subCompanyCode = validate.digits('BCA Sub Company Code (bankTransfer.subCompanyCode)', options.subCompanyCode, { max: 5 });
		if (subCompanyCode) {
			if (bank !== 'bca') validate.fail('BCA Sub Company Code (bankTransfer.subCompanyCode)', 'is only for BCA');
			body.bca = { sub_company_code: subCompanyCode };
		}

		if (bank === 'bca') {
			const freeText = readFreeText(this.getNodeParameter('bcaFreeText', itemIndex, {}) as IDataObject, validate);
			if (freeText) body.free_text = freeText;
		}
		return { bank_transfer: body };
	},
	// Midtrans does not honour Idempotency-Key for Permata VA.
	honoursIdempotencyKey: (body) => (body.bank_transfer as IDataObject | undefined)?.bank !== 'permata',
};
