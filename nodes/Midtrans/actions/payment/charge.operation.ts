import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { withSurfacedFields } from '../../helpers/output';
import {
	customerDetailsProperty,
	customExpiryField,
	type ExpiryUnit,
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
import { additionalFieldsProperty, type MidtransOperation } from '../../../shared/actions/types';

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
		options: [
			{
				name: 'Akulaku PayLater',
				value: 'akulaku',
				description:
					'The customer pays in instalments through Akulaku without a card; items and customer are required; the answer holds redirect_url',
			},
			{
				name: 'Bank Transfer (Virtual Account)',
				value: 'bank_transfer',
				description:
					'The customer transfers to a virtual account number at BCA, BNI, BRI, CIMB or Permata; the answer holds va_number',
			},
			{
				name: 'Convenience Store (Alfamart, Indomaret)',
				value: 'cstore',
				description:
					'The customer pays cash at an Alfamart or Indomaret till with a payment code',
			},
			{
				name: 'Credit Card (Token)',
				value: 'credit_card',
				description:
					'Charge a card token made by Midtrans.js in the browser (or Saved Card → Create Test Token in sandbox), or a saved card’s saved_token_id (one-click)',
			},
			{
				name: 'GoPay',
				value: 'gopay',
				description:
					'The customer scans a QR code or follows a deeplink into the Gojek app; or charge a linked GoPay account (Account ID and Payment Option Token)',
			},
			{
				name: 'Kredivo',
				value: 'kredivo',
				description:
					'The customer pays in instalments through Kredivo without a card; customer with shipping address and items are required; the answer holds redirect_url',
			},
			{
				name: 'Mandiri Bill Payment',
				value: 'echannel',
				description:
					'The customer pays a Mandiri bill with a biller code and bill key (answer fields biller_code and bill_key)',
			},
			{
				name: 'OVO',
				value: 'ovo',
				description:
					'Midtrans pushes the payment to the OVO app of the customer’s phone number, to be paid within 55 seconds',
			},
			{
				name: 'QRIS',
				value: 'qris',
				description:
					'The customer scans one QR code with any Indonesian e-wallet or banking app (answer fields qr_string and qr_code_url)',
			},
			{
				name: 'ShopeePay',
				value: 'shopeepay',
				description:
					'The customer follows a deeplink into the Shopee app to pay (answer field deeplink_url)',
			},
		],
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
		customExpiryField,
		idempotencyKeyField,
		itemDetailsJsonField,
		...notificationUrlFields,
	]),
];

export const charge: MidtransOperation = {
	value: 'charge',
	properties,
	prepare(itemIndex, validate, keyFor) {
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

		const honoured = paymentType.honoursIdempotencyKey?.(body) ?? true;
		const headers = {
			...idempotencyHeader(order.additional, validate, keyFor('charge'), honoured),
			...notificationHeaders(order.additional, validate),
		};
		// Without a key Midtrans honours, a resent charge could charge twice: it is then never resent.
		return { method: 'POST', path: '/v2/charge', body, headers, retrySafe: honoured, subject: `order "${order.orderId}"` };
	},
	toItem: withSurfacedFields,
};
