import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { MidtransRequest } from '../../shared/transport';
import type { ItemValidator } from '../../shared/validation';

/** Return All and Limit, as every n8n "Get Many" has them. Iris sends its lists whole: the limit is applied here. */
export const listProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** A list request, and how many of its entries to keep (undefined: all). */
export interface ListRequest {
	request: MidtransRequest;
	limit?: number;
}

export function readLimit(context: IExecuteFunctions, itemIndex: number, validate: ItemValidator): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false)) return undefined;
	return validate.wholeNumber('Limit (limit)', context.getNodeParameter('limit', itemIndex, 50));
}

/** The entries of an Iris list answer: a bare array (which the transport hands over as `items`), or `key`'s array. */
export function entriesOf(answer: IDataObject, key = 'items'): IDataObject[] {
	const list = answer[key];
	return Array.isArray(list) ? (list as IDataObject[]).map((entry) => (entry && typeof entry === 'object' ? entry : { value: entry })) : [];
}

/** Runs a list request: one output item per entry, at most `limit`. */
export async function runList(
	{ request, limit }: ListRequest,
	send: (request: MidtransRequest) => Promise<IDataObject>,
	key?: string,
): Promise<IDataObject[]> {
	const entries = entriesOf(await send(request), key);
	return limit === undefined ? entries : entries.slice(0, limit);
}
