import type { INodeProperties } from 'n8n-workflow';

import { operationProperties } from '../../shared/actions/description';
import { resources } from './resources';

/** The node's parameters, assembled from the descriptions that sit beside each resource and operation. */
export const nodeProperties: INodeProperties[] = [
	{
		displayName:
			'Payouts use the Midtrans Iris credential: the Creator API Key creates payouts and beneficiaries, the Approver API Key approves and rejects them',
		name: 'rolesNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['payout'] } },
	},
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Payout', value: 'payout' },
			{ name: 'Beneficiary', value: 'beneficiary' },
			{ name: 'Bank', value: 'bank' },
			{ name: 'Balance', value: 'balance' },
		],
		default: 'payout',
	},
	...operationProperties(resources),
];
