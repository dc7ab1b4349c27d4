import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemValidator } from '../../../shared/validation';
import {
	checkItemsSum,
	customExpiryField,
	type ExpiryUnit,
	grossAmountProperty,
	idempotencyHeader,
	idempotencyKeyField,
	itemDetailsJsonField,
	itemDetailsProperty,
	orderIdProperty,
	readExpiry,
	readItemDetails,
} from '../orderDetails';
import { enabledPaymentsProperty, type PaymentMethod, readEnabledPayments } from '../enabledPayments';
import { additionalFieldsProperty, type MidtransOperation } from '../../../shared/actions/types';
import { PAYMENT_LINK_HINTS, withPaymentUrl } from './output';

/**
 * Limits from docs.midtrans.com/reference/create-payment-link (field table). The title is String(255), but the
 * same row says "Max char supported is 40"; the customer fields are shorter than the Core API's.
 */
const LINK_LIMITS = {
	usageLimit: 1_000_000,
	titleLength: 40,
	customFieldLength: 255,
	paymentLinkIdLength: 50,
	customer: { first_name: 50, last_name: 50, email: 50, phone: 20, notes: 255 },
} as const;
/** "Allowed characters are alphanumeric [a-z, 0-9] and hyphens [-]." */
const PAYMENT_LINK_ID_PATTERN = /^[a-z0-9-]+$/;
/** The docs' field table lists day, hour and minute (its sample and the GET answer say "days"). */
const LINK_EXPIRY_UNITS: readonly ExpiryUnit[] = ['minute', 'hour', 'day'];
/** The methods Midtrans lists for payment links' enabled_payments. */
const LINK_PAYMENT_METHODS: readonly PaymentMethod[] = [
	'akulaku',
	'alfamart',
	'bca_va',
	'bni_va',
	'bri_va',
	'bsi_va',
	'cimb_va',
	'credit_card',
	'danamon_va',
	'gopay',
	'indomaret',
	'kredivo',
	'echannel',
	'permata_va',
	'other_qris',
	'shopeepay',
];
const CUSTOMER_FIELDS_A_LINK_CAN_REQUIRE = ['first_name', 'email', 'phone'] as const;

const properties: INodeProperties[] = [
	orderIdProperty,
	grossAmountProperty,
	{
		displayName: 'Usage Limit',
		name: 'usageLimit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: LINK_LIMITS.usageLimit },
		default: 1,
		description:
			'How many successful payments the link accepts, 1 to 1,000,000. A pending payment holds one use until it expires.',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		placeholder: 'Invoice INV-2026-0042',
		description: 'Shown to the customer on the payment page, at most 40 characters',
	},
	enabledPaymentsProperty(
		LINK_PAYMENT_METHODS,
		'Which payment methods the link offers (Midtrans’s enabled_payments). None selected offers every method active on the merchant account.',
	),
	{
		...itemDetailsProperty,
		description:
			'What is bought; shown to the customer. The sum of price × quantity must equal Gross Amount; a discount may be an item of negative price.',
	},
	{
		displayName: 'Customer Details',
		name: 'customerDetails',
		type: 'collection',
		placeholder: 'Add customer field',
		default: {},
		description:
			'At least a first name, email or phone when given. With an email, Midtrans also e-mails the link to the customer.',
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'At most 50 characters; Midtrans e-mails the link here',
			},
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', description: 'At most 50 characters' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', description: 'At most 50 characters' },
			{
				displayName: 'Notes',
				name: 'notes',
				type: 'string',
				default: '',
				description: 'Instructions in the e-mail Midtrans sends the customer, at most 255 characters',
			},
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: '+628123456789', description: 'At most 20 characters' },
		],
	},
	additionalFieldsProperty([
		{
			displayName: 'Custom Field 1',
			name: 'customField1',
			type: 'string',
			default: '',
			description: 'Your own text, at most 255 characters: shown in the dashboard and sent on the payment’s notification',
		},
		{
			displayName: 'Custom Field 2',
			name: 'customField2',
			type: 'string',
			default: '',
			description: 'Your own text, at most 255 characters: shown in the dashboard and sent on the payment’s notification',
		},
		{
			displayName: 'Custom Field 3',
			name: 'customField3',
			type: 'string',
			default: '',
			description: 'Your own text, at most 255 characters: shown in the dashboard and sent on the payment’s notification',
		},
		{
			displayName: 'Customer Must Fill In',
			name: 'requiredCustomerFields',
			type: 'multiOptions',
			options: [
				{ name: 'Email', value: 'email' },
				{ name: 'First Name', value: 'first_name' },
				{ name: 'Phone', value: 'phone' },
			],
			default: [],
			description:
				'With Customer Required on: which details the customer must fill in before paying (Midtrans’s customer_details_required_fields)',
		},
		{
			displayName: 'Customer Required',
			name: 'customerRequired',
			type: 'boolean',
			default: false,
			description:
				'Whether the customer must fill in their details before paying; otherwise the form is shown but may be skipped',
		},
		{
			...customExpiryField,
			displayName: 'Expiry',
			description:
				'How long the link can be paid, from Start Time (or from now). Without it Midtrans’s default applies. Links take minutes, hours or days.',
		},
		{
			displayName: 'Finish Redirect URL',
			name: 'finishUrl',
			type: 'string',
			default: '',
			placeholder: 'https://shop.example.com/thank-you',
			description: 'Where the customer is sent after paying (Midtrans’s callbacks.finish), an http(s) URL',
		},
		idempotencyKeyField,
		itemDetailsJsonField,
		{
			displayName: 'Payment Link ID',
			name: 'paymentLinkId',
			type: 'string',
			default: '',
			placeholder: '7f3c2a9e-51b4-4d0e',
			description:
				'The last part of the link’s URL, at most 50 of a–z, 0–9 and -; empty lets Midtrans choose. Make it unguessable (a random token, not an order number): anyone who guesses it can open the link.',
		},
	]),
];

export const create: MidtransOperation = {
	value: 'create',
	properties,
	prepare(itemIndex, validate, keyFor) {
		const orderId = validate.orderId('Order ID (orderId)', this.getNodeParameter('orderId', itemIndex));
		const grossAmount = validate.wholeAmount('Gross Amount (grossAmount)', this.getNodeParameter('grossAmount', itemIndex));
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;

		const transactionDetails: IDataObject = { order_id: orderId, gross_amount: grossAmount };
		const paymentLinkId = additional.paymentLinkId ? String(additional.paymentLinkId).trim() : '';
		if (paymentLinkId) {
			const field = 'Payment Link ID (additionalFields.paymentLinkId)';
			validate.maxLength(field, paymentLinkId, LINK_LIMITS.paymentLinkIdLength);
			validate.pattern(field, paymentLinkId, PAYMENT_LINK_ID_PATTERN, 'may hold only lower-case letters, digits and -');
			transactionDetails.payment_link_id = paymentLinkId;
		}
		const body: IDataObject = {
			transaction_details: transactionDetails,
			// The field table calls usage_limit optional, the docs' OpenAPI block requires it: always sent.
			usage_limit: validate.wholeNumber('Usage Limit (usageLimit)', this.getNodeParameter('usageLimit', itemIndex, 1)),
		};
		if ((body.usage_limit as number) > LINK_LIMITS.usageLimit) {
			validate.fail('Usage Limit (usageLimit)', `must be at most 1,000,000 (got ${body.usage_limit as number})`);
		}

		const items = readItemDetails.call(this, itemIndex, validate, additional, { minPrice: Number.MIN_SAFE_INTEGER });
		checkItemsSum(validate, items, grossAmount);
		if (items.length) {
			// The field table names the item's ID item_id, the docs' sample id: both carry it.
			body.item_details = items.map((item) => (item.id === undefined ? item : { ...item, item_id: item.id }));
		}

		const enabledPayments = readEnabledPayments.call(this, itemIndex, validate, LINK_PAYMENT_METHODS);
		if (enabledPayments) body.enabled_payments = enabledPayments;
		const title = validate.maxLength('Title (title)', this.getNodeParameter('title', itemIndex, ''), LINK_LIMITS.titleLength);
		if (title) body.title = title;

		const customer = readLinkCustomer(this.getNodeParameter('customerDetails', itemIndex, {}) as IDataObject, validate);
		const requiredFields = (additional.requiredCustomerFields ?? []) as string[];
		if (requiredFields.length) {
			if (!additional.customerRequired) {
				validate.fail(
					'Customer Must Fill In (additionalFields.requiredCustomerFields)',
					'applies only with Customer Required on: turn it on, or leave this empty',
				);
			}
			customer.customer_details_required_fields = requiredFields.map((field) =>
				validate.oneOf('Customer Must Fill In (additionalFields.requiredCustomerFields)', field, CUSTOMER_FIELDS_A_LINK_CAN_REQUIRE),
			);
		}
		if (Object.keys(customer).length) body.customer_details = customer;
		if (additional.customerRequired !== undefined) body.customer_required = Boolean(additional.customerRequired);

		const expiry = readExpiry(additional, validate, LINK_EXPIRY_UNITS);
		if (expiry) {
			body.expiry = {
				...(expiry.startTime ? { start_time: expiry.startTime } : {}),
				duration: expiry.duration,
				unit: expiry.unit,
			};
		}
		for (const n of [1, 2, 3]) {
			const text = validate.maxLength(
				`Custom Field ${n} (additionalFields.customField${n})`,
				additional[`customField${n}`],
				LINK_LIMITS.customFieldLength,
			);
			if (text !== undefined) body[`custom_field${n}`] = text;
		}
		const finishUrl = validate.webUrl('Finish Redirect URL (additionalFields.finishUrl)', additional.finishUrl);
		if (finishUrl) body.callbacks = { finish: finishUrl };

		return {
			method: 'POST',
			path: '/v1/payment-links',
			body,
			// Midtrans takes Idempotency-Key on every POST but /token and /account; a link's order ID is single-use
			// as well, so a resend can never make a second link.
			headers: idempotencyHeader(additional, validate, keyFor('create')),
			retrySafe: true,
			subject: `payment link "${orderId}"`,
			lookUp: `The request may have reached Midtrans: look up the payment link of order "${orderId}" with Payment Link → Get before creating it again.`,
			errorHints: PAYMENT_LINK_HINTS,
		};
	},
	toItem: withPaymentUrl,
};

/** customer_details of a payment link: shorter limits than the Core API's, plus notes; one of name, email or phone. */
function readLinkCustomer(fields: IDataObject, validate: ItemValidator): IDataObject {
	const customer: IDataObject = {};
	for (const [key, field] of [
		['firstName', 'first_name'],
		['lastName', 'last_name'],
		['email', 'email'],
		['phone', 'phone'],
		['notes', 'notes'],
	] as const) {
		const value = validate.maxLength(`Customer Details ${key} (customerDetails.${key})`, fields[key], LINK_LIMITS.customer[field]);
		if (value !== undefined && value.trim() !== '') customer[field] = value.trim();
	}
	if (customer.email !== undefined) {
		validate.pattern('Customer Details email (customerDetails.email)', String(customer.email), /^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address');
	}
	if (Object.keys(customer).length && !customer.first_name && !customer.email && !customer.phone) {
		validate.fail('Customer Details (customerDetails)', 'give at least a first name, an email or a phone with the other details');
	}
	return customer;
}
