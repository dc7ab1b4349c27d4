import { transaction } from './transaction';
import type { MidtransOperation, MidtransResource } from './types';

export const resources: MidtransResource[] = [transaction];

export function findOperation(resource: string, operation: string): MidtransOperation | undefined {
	return resources
		.find(({ value }) => value === resource)
		?.operations.find(({ value }) => value === operation);
}
