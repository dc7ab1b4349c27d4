import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	customerDetailsProperty,
	type ExpiryUnit,
	expiryFields,
	grossAmountProperty,
	itemDetailsJsonField,
	itemDetailsProperty,
	notificationHeaders,
	notificationUrlFields,
	orderIdProperty,
	readExpiry,
	readOrder,
} from '../orderDetails';
import { additionalFieldsProperty, type MidtransOperation } from '../types';

const SNAP_EXPIRY_UNITS: readonly ExpiryUnit[] = ['minute', 'hour', 'day'];

/** Snap's enabled_payments values, named as the payment page shows them. */
const SNAP_PAYMENT_METHODS: Array<{ name: string; value: string }> = [
	{ name: 'Akulaku PayLater', value: 'akulaku' },
	{ name: 'Alfamart', value: 'alfamart' },
	{ name: 'BCA KlikPay', value: 'bca_klikpay' },
	{ name: 'BCA Virtual Account', value: 'bca_va' },
	{ name: 'BNI Virtual Account', value: 'bni_va' },
	{ name: 'BRI Virtual Account', value: 'bri_va' },
	{ name: 'BRImo (BRI Epay)', value: 'bri_epay' },
	{ name: 'CIMB Clicks', value: 'cimb_clicks' },
	{ name: 'CIMB Virtual Account', value: 'cimb_va' },
	{ name: 'Credit Card', value: 'credit_card' },
	{ name: 'Danamon Online Banking', value: 'danamon_online' },
	{ name: 'GoPay', value: 'gopay' },
	{ name: 'Indomaret', value: 'indomaret' },
	{ name: 'Kredivo', value: 'kredivo' },
	{ name: 'Mandiri Bill Payment', value: 'echannel' },
	{ name: 'Other Bank Virtual Account', value: 'other_va' },
	{ name: 'Permata Virtual Account', value: 'permata_va' },
	{ name: 'QRIS', value: 'other_qris' },
	{ name: 'ShopeePay', value: 'shopeepay' },
	{ name: 'UOB EZ Pay', value: 'uob_ezpay' },
];

const properties: INodeProperties[] = [
	orderIdProperty,
	grossAmountProperty,
	{
		displayName: 'Enabled Payments',
		name: 'enabledPayments',
		type: 'multiOptions',
		options: SNAP_PAYMENT_METHODS,
		default: [],
		description:
			'Which payment methods the page offers (Midtrans’s enabled_payments). None selected offers every method active on the merchant account.',
	},
	itemDetailsProperty,
	customerDetailsProperty,
	additionalFieldsProperty([
		...expiryFields(SNAP_EXPIRY_UNITS),
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

export const createPaymentPage: MidtransOperation = {
	value: 'createPaymentPage',
	name: 'Create Payment Page',
	action: 'Create a Snap payment page',
	description:
		'Create a Midtrans-hosted payment page where the customer picks how to pay; returns token and redirect_url, the link to send the customer (POST {Snap host}/transactions)',
	properties,
	prepare(itemIndex, validate) {
		const order = readOrder.call(this, itemIndex, validate);
		const body: IDataObject = { ...order.body };

		const enabledPayments = this.getNodeParameter('enabledPayments', itemIndex, []) as string[];
		if (enabledPayments.length) {
			const known = SNAP_PAYMENT_METHODS.map(({ value }) => value);
			body.enabled_payments = enabledPayments.map((method) =>
				validate.oneOf('Enabled Payments (enabledPayments)', method, known),
			);
		}
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
		};
	},
};
