import type { MidtransOperation } from '../../../shared/actions/types';
import type { MidtransRequest } from '../../../shared/transport';

export const get: MidtransOperation = {
	value: 'get',
	properties: [
		{
			displayName: 'Reference Number',
			name: 'referenceNo',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1d4f8423393005',
			description: 'The reference_no Iris gave the payout when it was created',
		},
	],
	prepare(itemIndex, validate): MidtransRequest {
		const field = 'Reference Number (referenceNo)';
		const reference = validate.required(field, this.getNodeParameter('referenceNo', itemIndex));
		validate.pattern(field, reference, /^[A-Za-z0-9_-]+$/, 'may hold only letters, digits, - and _');
		return { method: 'GET', path: `/payouts/${reference}`, retrySafe: true };
	},
};
