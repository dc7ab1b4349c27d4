import type { MidtransResource } from '../../../shared/actions/types';
import { getAll } from './getAll.operation';
import { validateAccount } from './validateAccount.operation';

/** The banks Iris pays to, and a check of an account before paying to it. */
export const bank: MidtransResource = {
	value: 'bank',
	operations: [getAll, validateAccount],
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['bank'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many beneficiary banks',
				description: 'List the banks and e-wallets Iris pays to, with their codes, one item each (GET /beneficiary_banks)',
			},
			{
				name: 'Validate Account',
				value: 'validateAccount',
				action: 'Validate a bank account',
				description:
					'Check that an account exists and get its holder’s name before paying to it (GET /account_validation). Iris may charge a fee for each check.',
			},
		],
		default: 'getAll',
	},
};
