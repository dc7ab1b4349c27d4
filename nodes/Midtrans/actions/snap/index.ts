import type { MidtransResource } from '../types';
import { operationSelector } from '../types';
import { createPaymentPage } from './createPaymentPage.operation';

const operations = [createPaymentPage];

export const snap: MidtransResource = {
	value: 'snap',
	name: 'Snap Payment Page',
	operations,
	operationProperty: { ...operationSelector('snap', operations), default: 'createPaymentPage' },
};
