import type { IDataObject } from 'n8n-workflow';

import { additionalFieldsProperty, type MidtransOperation } from '../../../shared/actions/types';
import type { MidtransRequest } from '../../../shared/transport';

export const get: MidtransOperation = {
	value: 'get',
	properties: [
		additionalFieldsProperty([
			{
				displayName: 'Bank Account ID',
				name: 'bankAccountId',
				type: 'string',
				default: '',
				description:
					'Facilitator accounts only: the balance of this registered bank account (GET /bank_accounts/{ID}/balance). Empty for an aggregator account’s balance at Iris.',
			},
		]),
	],
	prepare(itemIndex, validate): MidtransRequest {
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const bankAccountId = String(additional.bankAccountId ?? '').trim();
		if (!bankAccountId) return { method: 'GET', path: '/balance', retrySafe: true };
		validate.pattern('Bank Account ID (additionalFields.bankAccountId)', bankAccountId, /^[A-Za-z0-9_-]+$/, 'may hold only letters, digits, - and _');
		return { method: 'GET', path: `/bank_accounts/${bankAccountId}/balance`, retrySafe: true };
	},
	toItem(answer, prepared) {
		const match = /^\/bank_accounts\/([^/]+)\/balance$/.exec((prepared as MidtransRequest).path);
		return match ? { bank_account_id: match[1], ...answer } : answer;
	},
};
