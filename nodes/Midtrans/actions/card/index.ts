import type { MidtransResource } from '../../../shared/actions/types';
import { createToken } from './createToken.operation';
import { getPoints } from './getPoints.operation';
import { lookUpBin } from './lookUpBin.operation';
import { register } from './register.operation';

/** Cards: test tokens, saved cards for one-click charges and subscriptions, card points and BIN details. */
export const card: MidtransResource = {
	value: 'card',
	operations: [createToken, register, getPoints, lookUpBin],
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['card'] } },
		options: [
			{
				name: 'Create Test Token',
				value: 'createToken',
				action: 'Create a card token for testing',
				description:
					'Turn a sandbox test card into a single-use token_id for a card Charge, so a workflow can test card payments end to end (GET /v2/token with the credential’s Client Key)',
			},
			{
				name: 'Register',
				value: 'register',
				action: 'Register a card',
				description:
					'Save a card without charging it; the item holds saved_token_id for one-click charges and card subscriptions (GET /v2/card/register)',
			},
			{
				name: 'Get Points',
				value: 'getPoints',
				action: 'Get the reward points of a card',
				description:
					'How many bank reward points a card holds, to redeem in a charge (BNI and Mandiri cards; GET /v2/point_inquiry/{token_id})',
			},
			{
				name: 'Look Up BIN',
				value: 'lookUpBin',
				action: 'Look up a card BIN',
				description:
					'The bank, brand (Visa, Mastercard…), type (credit, debit) and country of a card from its first 6 or 8 digits (GET /v1/bins/{bin})',
			},
		],
		default: 'createToken',
	},
};
