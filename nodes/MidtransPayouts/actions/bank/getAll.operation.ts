import type { MidtransOperation } from '../../../shared/actions/types';
import { listProperties, readLimit, runList, type ListRequest } from '../listOptions';

export const getAll: MidtransOperation<ListRequest> = {
	value: 'getAll',
	properties: listProperties,
	prepare(itemIndex, validate) {
		return {
			request: { method: 'GET', path: '/beneficiary_banks', retrySafe: true },
			limit: readLimit(this, itemIndex, validate),
		};
	},
	run: async (prepared, send) => await runList(prepared, send, 'beneficiary_banks'),
};
