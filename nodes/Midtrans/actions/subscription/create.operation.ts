import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { customerDetailsProperty, idempotencyHeader, idempotencyKeyField, readCustomerDetails } from '../orderDetails';
import { additionalFieldsProperty, type MidtransOperation } from '../../../shared/actions/types';
import {
	readAmount,
	readMetadata,
	readName,
	readRetrySchedule,
	readStartTime,
	retryScheduleField,
	SUBSCRIPTION_HINTS,
	SUBSCRIPTION_INTERVAL_UNITS,
	SUBSCRIPTION_PAYMENT_TYPES,
} from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'MONTHLY-COFFEE-0042',
		description:
			'At most 40 letters, digits and - _ ~ . Midtrans builds the order ID of every charge from it (the name and a 32-digit number).',
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		default: 0,
		required: true,
		description: 'What each charge takes, in whole Indonesian rupiah (no decimals)',
	},
	{
		displayName: 'Payment Type',
		name: 'paymentType',
		type: 'options',
		options: [
			{
				name: 'Card (Saved Token)',
				value: 'credit_card',
				description: 'A card saved by a first charge with Save Token ID: its saved_token_id',
			},
			{
				name: 'GoPay (Linked Account)',
				value: 'gopay',
				description: 'A GoPay account linked with Saved GoPay Account → Link, once the customer activated it',
			},
		],
		default: 'credit_card',
		description: 'How each charge is paid; it cannot be changed later (disable the subscription and create another)',
	},
	{
		displayName: 'Token',
		name: 'token',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			'For a card, the saved_token_id of the first charge (or of Saved Card → Register); for GoPay, the payment_option_token from Saved GoPay Account → Get',
	},
	{
		displayName: 'GoPay Account ID',
		name: 'gopayAccountId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '00000269-7836-49e5-bc65-e592afafec14',
		description: 'The account_id of the linked GoPay account the token belongs to',
		displayOptions: { show: { paymentType: ['gopay'] } },
	},
	{
		displayName: 'Interval',
		name: 'interval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'How many units between charges, e.g. 1 with Interval Unit Months charges monthly',
	},
	{
		displayName: 'Interval Unit',
		name: 'intervalUnit',
		type: 'options',
		options: [
			{ name: 'Days', value: 'day' },
			{ name: 'Months', value: 'month' },
			{ name: 'Weeks', value: 'week' },
		],
		default: 'month',
	},
	customerDetailsProperty,
	additionalFieldsProperty([
		idempotencyKeyField,
		{
			displayName: 'Max Charges',
			name: 'maxInterval',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 12,
			description:
				'How many charges in all (Midtrans’s max_interval; 0 also charges once). Without it the subscription charges until it is disabled.',
		},
		{
			displayName: 'Metadata',
			name: 'metadata',
			type: 'json',
			default: '{}',
			description: 'Your own JSON object, smaller than 1 KB, kept with the subscription',
		},
		retryScheduleField,
		{
			displayName: 'Start Time',
			name: 'startTime',
			type: 'string',
			default: '',
			placeholder: '2026-07-01 07:00:00 +0700',
			description:
				'When the first charge happens, formatted yyyy-MM-dd HH:mm:ss +0700, in the future. Empty: one interval from now.',
		},
	]),
];

export const create: MidtransOperation = {
	value: 'create',
	properties,
	prepare(itemIndex, validate, keyFor) {
		const name = readName(validate, 'Name (name)', this.getNodeParameter('name', itemIndex));
		const paymentType = validate.oneOf('Payment Type (paymentType)', this.getNodeParameter('paymentType', itemIndex), SUBSCRIPTION_PAYMENT_TYPES);
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;

		const schedule: IDataObject = {
			interval: validate.wholeNumber('Interval (interval)', this.getNodeParameter('interval', itemIndex, 1)),
			interval_unit: validate.oneOf('Interval Unit (intervalUnit)', this.getNodeParameter('intervalUnit', itemIndex, 'month'), SUBSCRIPTION_INTERVAL_UNITS),
		};
		if (additional.maxInterval !== undefined && additional.maxInterval !== '' && additional.maxInterval !== null) {
			schedule.max_interval = validate.wholeNumber('Max Charges (additionalFields.maxInterval)', additional.maxInterval, { min: 0 });
		}
		const startTime = readStartTime(validate, 'Start Time (additionalFields.startTime)', additional.startTime);
		if (startTime) schedule.start_time = startTime;

		const body: IDataObject = {
			name,
			amount: readAmount(validate, 'Amount (amount)', this.getNodeParameter('amount', itemIndex)),
			currency: 'IDR',
			payment_type: paymentType,
			token: validate.required('Token (token)', this.getNodeParameter('token', itemIndex)),
			schedule,
		};
		if (paymentType === 'gopay') {
			body.gopay = { account_id: validate.required('GoPay Account ID (gopayAccountId)', this.getNodeParameter('gopayAccountId', itemIndex, '')) };
		}
		const retrySchedule = readRetrySchedule(additional, validate, 'additionalFields');
		if (retrySchedule) body.retry_schedule = retrySchedule;
		const metadata = readMetadata(validate, additional.metadata);
		if (metadata) body.metadata = metadata;
		const customer = readCustomerDetails.call(this, itemIndex, validate);
		if (Object.keys(customer).length) body.customer_details = customer;

		return {
			method: 'POST',
			path: '/v1/subscriptions',
			body,
			// Midtrans deduplicates subscription creation by Idempotency-Key for 3 minutes (after validating the body).
			headers: idempotencyHeader(additional, validate, keyFor('create')),
			retrySafe: true,
			subject: `subscription "${name}"`,
			lookUp: `The request may have reached Midtrans: look for a subscription named "${name}" in the Midtrans dashboard before creating it again.`,
			errorHints: SUBSCRIPTION_HINTS,
		};
	},
};
