import type { MidtransResource } from '../types';
import { operationSelector } from '../types';
import { createToken } from './createToken.operation';

const operations = [createToken];

export const card: MidtransResource = {
	value: 'card',
	name: 'Card',
	operations,
	operationProperty: { ...operationSelector('card', operations), default: 'createToken' },
};
