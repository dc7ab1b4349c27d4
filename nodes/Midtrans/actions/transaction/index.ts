import type { MidtransResource } from '../types';
import { operationSelector } from '../types';
import { cancel } from './cancel.operation';
import { charge } from './charge.operation';
import { getStatus } from './getStatus.operation';

const operations = [charge, getStatus, cancel];

export const transaction: MidtransResource = {
	value: 'transaction',
	name: 'Transaction',
	operations,
	operationProperty: { ...operationSelector('transaction', operations), default: 'charge' },
};
