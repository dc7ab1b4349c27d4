import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { randomUUID } from 'crypto';

import { LIMITS } from '../../helpers/constants';
import { withSurfacedFields } from '../../helpers/output';
import type { ItemValidator } from '../../helpers/validation';
import { paymentTypeByValue, paymentTypes } from '../paymentTypes';
import type { MidtransOperation } from '../types';

const showFor = (paymentType: string, property: INodeProperties): INodeProperties => ({
	...property,
	displayOptions: { show: { paymentType: [paymentType] } },
});

const itemDetailFields: INodeProperties[] = [
	{ displayName: 'ID', name: 'id', type: 'string', default: '', description: 'Your product or SKU ID' },
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Required; at most 50 characters' },
	{ displayName: 'Price', name: 'price', type: 'number', default: 0, description: 'Unit price in whole IDR' },
	{ displayName: 'Quantity', name: 'quantity', type: 'number', default: 1, description: 'Whole number of units' },
	{ displayName: 'Brand', name: 'brand', type: 'string', default: '' },
	{ displayName: 'Category', name: 'category', type: 'string', default: '' },
	{ displayName: 'Merchant Name', name: 'merchantName', type: 'string', default: '' },
];

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
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'order-1001',
		description:
			'Your unique ID for this payment, at most 50 characters of letters, digits and - _ ~ . It can be reused only after the transaction is cancelled or expired.',
	},
	{
		displayName: 'Gross Amount',
		name: 'grossAmount',
		type: 'number',
		default: 0,
		required: true,
		description:
			'Total to charge in whole Indonesian rupiah (no decimals). With item details it must equal the sum of price × quantity.',
	},
	...paymentTypes.flatMap((paymentType) =>
		paymentType.properties.map((property) => showFor(paymentType.value, property)),
	),
	{
		displayName: 'Item Details',
		name: 'itemDetails',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add item',
		default: {},
		description: 'What is bought; shown to the customer. The sum of price × quantity must equal Gross Amount.',
		options: [{ displayName: 'Item', name: 'item', values: itemDetailFields }],
	},
	{
		displayName: 'Customer Details',
		name: 'customerDetails',
		type: 'collection',
		placeholder: 'Add customer field',
		default: {},
		options: [
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: '+628123456789' },
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{
				displayName: 'Custom Expiry Duration',
				name: 'expiryDuration',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				description: 'How long the customer has to pay, counted from Custom Expiry Order Time (or from now)',
			},
			{
				displayName: 'Custom Expiry Order Time',
				name: 'orderTime',
				type: 'string',
				default: '',
				placeholder: '2026-11-22 15:07:00 +0700',
				description: 'Start of the expiry period, formatted yyyy-MM-dd HH:mm:ss +0700; empty means now',
			},
			{
				displayName: 'Custom Expiry Unit',
				name: 'expiryUnit',
				type: 'options',
				options: [
					{ name: 'Second', value: 'second' },
					{ name: 'Minute', value: 'minute' },
					{ name: 'Hour', value: 'hour' },
					{ name: 'Day', value: 'day' },
				],
				default: 'minute',
			},
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				description:
					'At most 46 characters. Midtrans answers a repeated charge with the same key with the first answer instead of charging again. When empty, the node makes one per item so its own retries are safe.',
			},
			{
				displayName: 'Item Details (JSON)',
				name: 'itemDetailsJson',
				type: 'json',
				default: '[]',
				description:
					'Item details as a JSON array of {ID, name, price, quantity}, for items that come from earlier nodes. Use instead of Item Details, not with it.',
			},
			{
				displayName: 'Notification URLs (Append)',
				name: 'appendNotificationUrls',
				type: 'string',
				default: '',
				description:
					'Up to 3 comma-separated URLs that also receive this transaction’s notifications, besides the dashboard’s (X-Append-Notification)',
			},
			{
				displayName: 'Notification URLs (Override)',
				name: 'overrideNotificationUrls',
				type: 'string',
				default: '',
				description:
					'Up to 3 comma-separated URLs that receive this transaction’s notifications instead of the dashboard’s (X-Override-Notification), for example a Midtrans Trigger’s production URL',
			},
		],
	},
];

function readItemDetails(this: IExecuteFunctions, itemIndex: number, validate: ItemValidator) {
	const rows = ((this.getNodeParameter('itemDetails', itemIndex, {}) as IDataObject).item ?? []) as IDataObject[];
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	let jsonRows: IDataObject[] = [];
	if (additional.itemDetailsJson !== undefined && additional.itemDetailsJson !== '') {
		const raw = additional.itemDetailsJson;
		let parsed: unknown = raw;
		if (typeof raw === 'string') {
			try {
				parsed = JSON.parse(raw);
			} catch {
				validate.fail('Item Details (JSON) (additionalFields.itemDetailsJson)', 'is not valid JSON');
			}
		}
		if (!Array.isArray(parsed)) validate.fail('Item Details (JSON) (additionalFields.itemDetailsJson)', 'must be a JSON array');
		jsonRows = parsed as IDataObject[];
	}
	if (rows.length && jsonRows.length) {
		validate.fail('Item Details (itemDetails)', 'give items either as rows or as JSON, not both');
	}
	const source = rows.length ? rows : jsonRows;
	return source.map((row, index) => {
		const label = `Item Details (itemDetails) row ${index + 1}`;
		if (!row || typeof row !== 'object') validate.fail(label, 'must be an object');
		const name = validate.required(`${label} name`, row.name);
		validate.maxLength(`${label} name`, name, LIMITS.itemNameLength);
		const item: IDataObject = {
			...(row.id !== undefined && row.id !== '' ? { id: String(row.id) } : {}),
			price: validate.wholeAmount(`${label} price`, row.price, { min: 0 }),
			quantity: validate.wholeNumber(`${label} quantity`, row.quantity ?? 1),
			name,
		};
		validate.maxLength(`${label} id`, item.id, LIMITS.itemNameLength);
		for (const [key, field] of [
			['brand', 'brand'],
			['category', 'category'],
			['merchantName', 'merchant_name'],
		] as const) {
			if (row[key]) item[field] = String(row[key]);
			if (row[field]) item[field] = String(row[field]);
		}
		return item;
	});
}

function readCustomerDetails(this: IExecuteFunctions, itemIndex: number, validate: ItemValidator) {
	const fields = this.getNodeParameter('customerDetails', itemIndex, {}) as IDataObject;
	const customer: IDataObject = {};
	for (const [key, field] of [
		['firstName', 'first_name'],
		['lastName', 'last_name'],
		['email', 'email'],
		['phone', 'phone'],
	] as const) {
		const value = validate.maxLength(`Customer Details ${key} (customerDetails.${key})`, fields[key], LIMITS.customerFieldLength);
		if (value !== undefined) customer[field] = value;
	}
	if (customer.email !== undefined) {
		validate.pattern(`Customer Details email (customerDetails.email)`, String(customer.email), /^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address');
	}
	return customer;
}

function readCustomExpiry(additional: IDataObject, validate: ItemValidator): IDataObject | undefined {
	if (additional.expiryDuration === undefined && !additional.orderTime && !additional.expiryUnit) return undefined;
	const expiry: IDataObject = {
		expiry_duration: validate.wholeNumber('Custom Expiry Duration (additionalFields.expiryDuration)', additional.expiryDuration ?? 60),
		unit: validate.oneOf('Custom Expiry Unit (additionalFields.expiryUnit)', additional.expiryUnit ?? 'minute', ['second', 'minute', 'hour', 'day']),
	};
	const orderTime = additional.orderTime ? String(additional.orderTime).trim() : '';
	if (orderTime) {
		validate.pattern(
			'Custom Expiry Order Time (additionalFields.orderTime)',
			orderTime,
			/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{4}$/,
			'must look like 2026-11-22 15:07:00 +0700',
		);
		expiry.order_time = orderTime;
	}
	return expiry;
}

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
		const orderId = validate.orderId('Order ID (orderId)', this.getNodeParameter('orderId', itemIndex));
		const grossAmount = validate.wholeAmount('Gross Amount (grossAmount)', this.getNodeParameter('grossAmount', itemIndex));

		const itemDetails = readItemDetails.call(this, itemIndex, validate);
		if (itemDetails.length) {
			const sum = itemDetails.reduce((total, item) => total + (item.price as number) * (item.quantity as number), 0);
			if (sum !== grossAmount) {
				validate.fail('Gross Amount (grossAmount)', `must equal the sum of item price × quantity, ${sum} (got ${grossAmount})`);
			}
		}
		const customerDetails = readCustomerDetails.call(this, itemIndex, validate);
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const customExpiry = readCustomExpiry(additional, validate);

		const body: IDataObject = {
			payment_type: paymentType.value,
			transaction_details: { order_id: orderId, gross_amount: grossAmount },
			...paymentType.buildBody.call(this, itemIndex, validate, { grossAmount, itemDetails }),
		};
		if (itemDetails.length) body.item_details = itemDetails;
		if (Object.keys(customerDetails).length) body.customer_details = customerDetails;
		if (customExpiry) body.custom_expiry = customExpiry;

		const headers: Record<string, string> = {};
		const idempotencyKey = validate.maxLength(
			'Idempotency Key (additionalFields.idempotencyKey)',
			additional.idempotencyKey,
			LIMITS.idempotencyKeyLength,
		);
		// A key Midtrans ignores would make the transport believe a retry is safe when it is not.
		const honoured = paymentType.honoursIdempotencyKey?.(body) ?? true;
		if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
		else if (honoured) headers['Idempotency-Key'] = randomUUID();
		const override = validate.urlList('Notification URLs (Override) (additionalFields.overrideNotificationUrls)', additional.overrideNotificationUrls);
		const append = validate.urlList('Notification URLs (Append) (additionalFields.appendNotificationUrls)', additional.appendNotificationUrls);
		if (override) headers['X-Override-Notification'] = override;
		if (append) headers['X-Append-Notification'] = append;

		return { method: 'POST', path: '/v2/charge', body, headers };
	},
	toItem: withSurfacedFields,
};
