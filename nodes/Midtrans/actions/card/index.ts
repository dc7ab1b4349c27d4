import type { MidtransResource } from '../../../shared/actions/types';
import { createToken } from './createToken.operation';

export const card: MidtransResource = {
	value: 'card',
	operations: [createToken],
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
		],
		default: 'createToken',
	},
};
