import type { MidtransResource } from '../../../shared/actions/types';
import { create } from './create.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';

/** Saved payees, for quick payouts from the Iris dashboard. */
export const beneficiary: MidtransResource = {
	value: 'beneficiary',
	operations: [create, update, getAll],
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['beneficiary'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a beneficiary',
				description: 'Save a payee under an alias name. Uses the Creator API Key (POST /beneficiaries).',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a beneficiary',
				description: 'Change a saved payee’s fields, found by its alias name (PATCH /beneficiaries/{alias_name})',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many beneficiaries',
				description: 'List the saved payees, one item each (GET /beneficiaries)',
			},
		],
		default: 'create',
	},
};
