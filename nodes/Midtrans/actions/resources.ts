import { card } from './card';
import { snap } from './snap';
import { transaction } from './transaction';
import type { MidtransOperation, MidtransResource } from './types';

export const resources: MidtransResource[] = [card, snap, transaction];

export function findOperation(resource: string, operation: string): MidtransOperation | undefined {
	return resources
		.find(({ value }) => value === resource)
		?.operations.find(({ value }) => value === operation);
}
