import type { MidtransResource } from '../../../shared/actions/types';
import { get } from './get.operation';
import { getStatements } from './getStatements.operation';
import { getTopUpChannels } from './getTopUpChannels.operation';

/** The money payouts are paid from: how much is left, what moved, and where to top it up. */
export const balance: MidtransResource = {
	value: 'balance',
	operations: [get, getStatements, getTopUpChannels],
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['balance'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get the balance',
				description: 'Read how much is left to pay out from (GET /balance, or a facilitator bank account’s balance)',
			},
			{
				name: 'Get Statements',
				value: 'getStatements',
				action: 'Get statements for a date range',
				description:
					'List what moved between two dates: payouts, fees, refunds and top-ups, one item each (GET /statements)',
			},
			{
				name: 'Get Top-Up Channels',
				value: 'getTopUpChannels',
				action: 'Get the channels to top up the balance',
				description: 'List the virtual accounts that top up an aggregator account’s balance, one item each (GET /channels)',
			},
		],
		default: 'get',
	},
};
