import type { MidtransResource } from '../../../shared/actions/types';
import { create } from './create.operation';
import { get } from './get.operation';
import { disable, enable } from './switch.operation';
import { update } from './update.operation';

/** Subscriptions API (/v1/subscriptions): charges a saved card or a linked GoPay account on a schedule. */
export const subscription: MidtransResource = {
	value: 'subscription',
	operations: [create, disable, enable, get, update],
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscription'] } },
		// Five operations: n8n's lint wants them in alphabetical order.
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a subscription',
				description:
					'Charge a saved card or a linked GoPay account on a schedule, e.g. monthly (POST /v1/subscriptions); its notifications go to the dashboard’s Recurring Notification URL',
			},
			{
				name: 'Disable',
				value: 'disable',
				action: 'Disable a subscription',
				description:
					'Stop future charges; retries of a failed charge already under way still happen (POST /v1/subscriptions/{ID}/disable)',
			},
			{
				name: 'Enable',
				value: 'enable',
				action: 'Enable a subscription',
				description: 'Resume a disabled subscription’s charges (POST /v1/subscriptions/{ID}/enable)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a subscription',
				description:
					'Read a subscription: status, schedule with next_execution_at, and the transaction_ids it charged (GET /v1/subscriptions/{ID})',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a subscription',
				description:
					'Change the name, amount, token, interval or retry schedule; what is not named stays (PATCH /v1/subscriptions/{ID})',
			},
		],
		default: 'create',
	},
};
