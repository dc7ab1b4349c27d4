import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { MidtransRequest } from '../transport';
import type { ItemValidator } from '../validation';

/** Sends one request for the item being run, with the run's credential, limits and pacing. */
export type SendRequest = (request: MidtransRequest) => Promise<IDataObject>;

/** What one item becomes: one output item, or several (a list answer, one output item per entry). */
export type OperationResult = IDataObject | IDataObject[];

/**
 * One operation: its parameters, and small functions from one item to one result. The router owns the item
 * loop, the error policy, pairing and pacing. `prepare` reads and validates the item (throwing there means
 * nothing is sent for it); `run` turns what prepare returned into the output item's json, with as many
 * requests as the operation needs. Without `run`, prepare returns a single request whose answer, passed
 * through `toItem` when given, is the output. A result that is a list becomes one output item per entry,
 * each paired with the item it came from.
 */
export interface MidtransOperation<Prepared = MidtransRequest> {
	/** The operation's value in its resource's Operation parameter, where its name, action and description are. */
	value: string;
	/** Parameters of this operation; the resource adds the displayOptions that show them. */
	properties: INodeProperties[];
	prepare(
		this: IExecuteFunctions,
		itemIndex: number,
		validate: ItemValidator,
		/** The item's key for a purpose, the same on every try of it in this execution (see itemKeyMaker). */
		keyFor: (purpose: string) => string,
	): Prepared | Promise<Prepared>;
	run?(prepared: Prepared, send: SendRequest): Promise<OperationResult>;
	toItem?(response: IDataObject, prepared: Prepared): OperationResult;
}

export interface MidtransResource {
	/** The resource's value in the Resource parameter, where its name is. */
	value: string;
	operations: Array<MidtransOperation<unknown>>;
	/** The Operation parameter of this resource, written out as a literal so that n8n's lint rules can read it. */
	operationProperty: INodeProperties;
}

/** An operation's Additional Fields collection, which its prepare reads as getNodeParameter('additionalFields'). */
export function additionalFieldsProperty(options: INodeProperties[], placeholder = 'Add field'): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder,
		default: {},
		options,
	};
}
