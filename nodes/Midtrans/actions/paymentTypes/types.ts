import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemValidator } from '../../../shared/validation';

/** One Midtrans payment_type: its fields, how an item becomes its part of the charge body, and what a workflow needs next. */
export interface PaymentType {
	/** Midtrans's own payment_type string (its name and description are in the charge's Payment Type options). */
	value: string;
	/** Parameters shown only for this payment type (displayOptions are added by the charge operation). */
	properties: INodeProperties[];
	/** Returns the fields this payment type adds to the charge body, validating them first. */
	buildBody(
		this: IExecuteFunctions,
		itemIndex: number,
		validate: ItemValidator,
		charge: { grossAmount: number; itemDetails?: IDataObject[]; customerDetails?: IDataObject; additional?: IDataObject },
	): IDataObject;
	/** Whether Midtrans honours Idempotency-Key for this body (it does not for Indomaret, Permata VA and a few more). */
	honoursIdempotencyKey?(body: IDataObject): boolean;
}
