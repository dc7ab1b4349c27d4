import type { MidtransOperation } from '../../../shared/actions/types';
import type { MidtransRequest } from '../../../shared/transport';
import { entriesOf } from '../listOptions';

export const getTopUpChannels: MidtransOperation = {
	value: 'getTopUpChannels',
	properties: [],
	prepare(): MidtransRequest {
		return { method: 'GET', path: '/channels', retrySafe: true };
	},
	toItem: (answer) => entriesOf(answer),
};
