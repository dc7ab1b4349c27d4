import type { MidtransResource } from '../../../shared/actions/types';
import { get } from './get.operation';
import { link } from './link.operation';
import { unbind } from './unbind.operation';

/** GoPay account linking (tokenization, /v2/pay/account): charge a customer's GoPay without a QR scan each time. */
export const gopayAccount: MidtransResource = {
	value: 'gopayAccount',
	operations: [link, get, unbind],
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['gopayAccount'] } },
		options: [
			{
				name: 'Link',
				value: 'link',
				action: 'Link a customer account',
				description:
					'Start linking a customer’s GoPay: send them activation_url (browser) or activation_app_url (Gojek app) to confirm; the account is then ENABLED (POST /v2/pay/account)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a linked account',
				description:
					'Read a linked account: account_status and, once ENABLED, payment_option_token to charge it with (GET /v2/pay/account/{account_id})',
			},
			{
				name: 'Unbind',
				value: 'unbind',
				action: 'Unbind a linked account',
				description: 'Unlink an ENABLED account; it becomes DISABLED (POST /v2/pay/account/{account_id}/unbind)',
			},
		],
		default: 'link',
	},
};
