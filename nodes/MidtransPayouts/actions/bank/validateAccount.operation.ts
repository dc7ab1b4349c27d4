import type { MidtransOperation } from '../../../shared/actions/types';
import type { MidtransRequest } from '../../../shared/transport';
import { accountNumber, bankCode } from '../irisRules';

export const validateAccount: MidtransOperation = {
	value: 'validateAccount',
	properties: [
		{
			displayName: 'Bank',
			name: 'bank',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'danamon',
			description: 'Iris’s bank code: bca, bni, bri, mandiri… (Bank → Get Many lists them)',
		},
		{
			displayName: 'Account',
			name: 'account',
			type: 'string',
			default: '',
			required: true,
			placeholder: '000001137298',
			description: 'The bank account number to check, 6 to 20 digits',
		},
	],
	prepare(itemIndex, validate): MidtransRequest {
		const bank = bankCode(validate, 'Bank (bank)', this.getNodeParameter('bank', itemIndex));
		const account = accountNumber(validate, 'Account (account)', this.getNodeParameter('account', itemIndex), bank);
		return {
			method: 'GET',
			path: '/account_validation',
			qs: { bank, account },
			// Iris's statements list an "Account validation fee": a read that may cost, so not repeated after a 5xx.
			retrySafe: false,
		};
	},
};
