import type { MidtransResource } from '../types';
import { operationSelector } from '../types';
import { approve } from './approve.operation';
import { cancel } from './cancel.operation';
import { capture } from './capture.operation';
import { charge } from './charge.operation';
import { deny } from './deny.operation';
import { expire } from './expire.operation';
import { getStatus } from './getStatus.operation';
import { getStatusB2b } from './getStatusB2b.operation';
import { refund } from './refund.operation';

// Alphabetical, as n8n lists operations.
const operations = [approve, cancel, capture, charge, deny, expire, getStatus, getStatusB2b, refund];

export const transaction: MidtransResource = {
	value: 'transaction',
	name: 'Transaction',
	operations,
	operationProperty: { ...operationSelector('transaction', operations), default: 'charge' },
};
