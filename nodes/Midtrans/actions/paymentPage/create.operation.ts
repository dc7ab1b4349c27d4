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
import { additionalFieldsProperty, type MidtransOperation } from '../../../shared/actions/types';

const SNAP_EXPIRY_UNITS: readonly ExpiryUnit[] = ['minute', 'hour', 'day'];

const properties: INodeProperties[] = [
	orderIdProperty,
	grossAmountProperty,
	{
		displayName: 'Enabled Payments',
		name: 'enabledPayments',
		type: 'multiOptions',
		options: [
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
		],
		default: [],
		description:
			'Which payment methods the page offers (Midtrans’s enabled_payments). None selected offers every method active on the merchant account.',
	},
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

/** The values Snap takes in enabled_payments: those of the Enabled Payments options above. */
const SNAP_PAYMENT_METHODS = (properties.find(({ name }) => name === 'enabledPayments')?.options ?? []).map(
	(option) => String((option as { value: unknown }).value),
);

export const create: MidtransOperation = {
	value: 'create',
	properties,
	prepare(itemIndex, validate) {
		const order = readOrder.call(this, itemIndex, validate);
		const body: IDataObject = { ...order.body };

		const enabledPayments = this.getNodeParameter('enabledPayments', itemIndex, []) as string[];
		if (enabledPayments.length) {
			body.enabled_payments = enabledPayments.map((method) =>
				validate.oneOf('Enabled Payments (enabledPayments)', method, SNAP_PAYMENT_METHODS),
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
			retrySafe: false,
			subject: `order "${order.orderId}"`,
		};
	},
};
