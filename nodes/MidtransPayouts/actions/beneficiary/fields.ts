import type { INodeProperties } from 'n8n-workflow';

export const aliasNameDescription = 'The beneficiary’s unique short name in Iris: at most 20 letters and digits';

/** The alias a beneficiary is made with, and found by to change it (that operation describes it its own way). */
export const aliasNameProperty: INodeProperties = {
	displayName: 'Alias Name',
	name: 'aliasName',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'budibca',
	description: aliasNameDescription,
};

export const beneficiaryFields = {
	name: {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'Budi Santoso',
		description: 'The account holder’s name',
	},
	bank: {
		displayName: 'Bank',
		name: 'bank',
		type: 'string',
		default: '',
		placeholder: 'bca',
		description: 'Iris’s bank code: bca, bni, bri, mandiri… (Bank → Get Many lists them), or gopay / ovo for an e-wallet',
	},
	account: {
		displayName: 'Account',
		name: 'account',
		type: 'string',
		default: '',
		placeholder: '1172993826',
		description: 'The bank account number, 6 to 20 digits; for gopay and ovo the owner’s mobile number starting with 62 or 08',
	},
	email: {
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
} satisfies Record<string, INodeProperties>;
