import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { withSurfacedFields } from '../../helpers/output';
import {
	customerDetailsProperty,
	type ExpiryUnit,
	expiryFields,
	grossAmountProperty,
	idempotencyHeader,
	idempotencyKeyField,
	itemDetailsJsonField,
	itemDetailsProperty,
	notificationHeaders,
	notificationUrlFields,
	orderIdProperty,
	readExpiry,
	readOrder,
} from '../orderDetails';
import { paymentTypeByValue, paymentTypes } from '../paymentTypes';
import { additionalFieldsProperty, type MidtransOperation } from '../types';

// Merges into a payment type's own displayOptions, so a field can also depend on e.g. the bank.
const showFor = (paymentType: string, property: INodeProperties): INodeProperties => ({
	...property,
	displayOptions: {
		...property.displayOptions,
		show: { ...property.displayOptions?.show, paymentType: [paymentType] },
	},
});

const CHARGE_EXPIRY_UNITS: readonly ExpiryUnit[] = ['second', 'minute', 'hour', 'day'];

const properties: INodeProperties[] = [
	{
		displayName: 'Payment Type',
		name: 'paymentType',
		type: 'options',
		options: paymentTypes.map(({ name, value, description }) => ({ name, value, description })),
		default: 'cstore',
		required: true,
		description: 'How the customer pays: Midtrans’s payment_type',
	},
	orderIdProperty,
	grossAmountProperty,
	...paymentTypes.flatMap((paymentType) =>
		paymentType.properties.map((property) => showFor(paymentType.value, property)),
	),
	itemDetailsProperty,
	customerDetailsProperty,
	additionalFieldsProperty([
		...expiryFields(CHARGE_EXPIRY_UNITS),
		idempotencyKeyField,
		itemDetailsJsonField,
		...notificationUrlFields,
	]),
];

export const charge: MidtransOperation = {
	value: 'charge',
	name: 'Charge',
	action: 'Charge a payment',
	description: 'Create a payment with Midtrans Core API (POST /v2/charge)',
	properties,
	prepare(itemIndex, validate) {
		const paymentTypeValue = this.getNodeParameter('paymentType', itemIndex) as string;
		const paymentType = paymentTypeByValue(paymentTypeValue);
		if (!paymentType) {
			return validate.fail('Payment Type (paymentType)', `must be one of ${paymentTypes.map((type) => type.value).join(', ')} (got "${paymentTypeValue}")`);
		}
		const order = readOrder.call(this, itemIndex, validate);
		const expiry = readExpiry(order.additional, validate, CHARGE_EXPIRY_UNITS);

		const body: IDataObject = {
			payment_type: paymentType.value,
			...order.body,
			...paymentType.buildBody.call(this, itemIndex, validate, order),
		};
		if (expiry) {
			body.custom_expiry = {
				...(expiry.startTime ? { order_time: expiry.startTime } : {}),
				expiry_duration: expiry.duration,
				unit: expiry.unit,
			};
		}

		const headers = {
			...idempotencyHeader(order.additional, validate, paymentType.honoursIdempotencyKey?.(body) ?? true),
			...notificationHeaders(order.additional, validate),
		};
		return { method: 'POST', path: '/v2/charge', body, headers };
	},
	toItem: withSurfacedFields,
};
