import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	customerDetailsProperty,
	customExpiryField,
	type ExpiryUnit,
	grossAmountProperty,
	itemDetailsJsonField,
	itemDetailsProperty,
	notificationHeaders,
	notificationUrlFields,
	orderIdProperty,
	readExpiry,
	readOrder,
} from '../orderDetails';
import { enabledPaymentsProperty, type PaymentMethod, readEnabledPayments } from '../enabledPayments';
import { additionalFieldsProperty, type MidtransOperation } from '../../../shared/actions/types';

/** The methods Snap takes in enabled_payments. */
const SNAP_PAYMENT_METHODS: readonly PaymentMethod[] = [
	'akulaku',
	'alfamart',
	'bca_klikpay',
	'bca_va',
	'bni_va',
	'bri_va',
	'bri_epay',
	'cimb_clicks',
	'cimb_va',
	'credit_card',
	'danamon_online',
	'gopay',
	'indomaret',
	'kredivo',
	'echannel',
	'other_va',
	'permata_va',
	'other_qris',
	'shopeepay',
	'uob_ezpay',
];
const SNAP_EXPIRY_UNITS: readonly ExpiryUnit[] = ['minute', 'hour', 'day'];

const properties: INodeProperties[] = [
	orderIdProperty,
	grossAmountProperty,
	enabledPaymentsProperty(
		SNAP_PAYMENT_METHODS,
		'Which payment methods the page offers (Midtrans’s enabled_payments). None selected offers every method active on the merchant account.',
	),
	itemDetailsProperty,
	customerDetailsProperty,
	additionalFieldsProperty([
		customExpiryField,
		{
			displayName: 'Finish Redirect URL',
			name: 'finishUrl',
			type: 'string',
			default: '',
			placeholder: 'https://shop.example.com/thank-you',
			description:
				'Where the page sends the customer after paying (Midtrans’s callbacks.finish), an http(s) URL; empty uses the dashboard’s Snap setting',
		},
		itemDetailsJsonField,
		...notificationUrlFields,
	]),
];

export const create: MidtransOperation = {
	value: 'create',
	properties,
	prepare(itemIndex, validate) {
		const order = readOrder.call(this, itemIndex, validate);
		const body: IDataObject = { ...order.body };

		const enabledPayments = readEnabledPayments.call(this, itemIndex, validate, SNAP_PAYMENT_METHODS);
		if (enabledPayments) body.enabled_payments = enabledPayments;
		const expiry = readExpiry(order.additional, validate, SNAP_EXPIRY_UNITS);
		if (expiry) {
			body.expiry = {
				...(expiry.startTime ? { start_time: expiry.startTime } : {}),
				unit: expiry.unit,
				duration: expiry.duration,
			};
		}
		const finishUrl = validate.webUrl('Finish Redirect URL (additionalFields.finishUrl)', order.additional.finishUrl);
		if (finishUrl) body.callbacks = { finish: finishUrl };

		// No Idempotency-Key: a payment page moves no money, and without one the transport does not resend it.
		return {
			method: 'POST',
			api: 'snap',
			path: '/transactions',
			body,
			headers: notificationHeaders(order.additional, validate),
			retrySafe: false,
			subject: `order "${order.orderId}"`,
		};
	},
};
