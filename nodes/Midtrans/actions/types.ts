import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemValidator } from '../helpers/validation';
import type { MidtransRequest } from '../transport';

/**
 * One operation: its parameters, and two small functions. The router owns the item loop, the error
 * policy, pairing and pacing; an operation only turns an item into a request and an answer into an item.
 */
export interface MidtransOperation {
	value: string;
	name: string;
	action: string;
	description: string;
	/** Parameters of this operation; the resource adds the displayOptions that show them. */
	properties: INodeProperties[];
	/** Reads and validates one item's parameters; throwing here means nothing is sent for that item. */
	prepare(
		this: IExecuteFunctions,
		itemIndex: number,
		validate: ItemValidator,
	): MidtransRequest | Promise<MidtransRequest>;
	/** Shapes Midtrans's answer into the output item's json; the answer itself when absent. */
	toItem?(response: IDataObject): IDataObject;
}

export interface MidtransResource {
	value: string;
	name: string;
	operations: MidtransOperation[];
	/** The Operation parameter of this resource (its default is written as a literal where the linter can see it). */
	operationProperty: INodeProperties;
}

/** The Operation parameter for a resource, listing its operations; the caller sets the default. */
export function operationSelector(resource: string, operations: MidtransOperation[]): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		default: '',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: operations.map(({ name, value, action, description }) => ({
			name,
			value,
			action,
			description,
		})),
	};
}

/** An operation's Additional Fields collection, which its prepare reads as getNodeParameter('additionalFields'). */
export function additionalFieldsProperty(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options,
	};
}
