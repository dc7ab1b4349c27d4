import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../shared/constants';
import type { ItemValidator } from '../../shared/validation';

/**
 * The parts of an order that a Core API charge and a Snap payment page share: their parameters, and
 * the readers that turn one item's values into Midtrans's transaction_details, item_details,
 * customer_details, expiry and headers.
 */

export const orderIdProperty: INodeProperties = {
	displayName: 'Order ID',
	name: 'orderId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'order-1001',
	description:
		'Your unique ID for this payment, at most 50 characters of letters, digits and - _ ~ . It can be reused only after the transaction is cancelled or expired.',
};

export const grossAmountProperty: INodeProperties = {
	displayName: 'Gross Amount',
	name: 'grossAmount',
	type: 'number',
	default: 0,
	required: true,
	description:
		'Total to charge in whole Indonesian rupiah (no decimals). With item details it must equal the sum of price × quantity.',
};

const itemDetailFields: INodeProperties[] = [
	{ displayName: 'ID', name: 'id', type: 'string', default: '', description: 'Your product or SKU ID' },
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Required; at most 50 characters' },
	{ displayName: 'Price', name: 'price', type: 'number', default: 0, description: 'Unit price in whole IDR' },
	{ displayName: 'Quantity', name: 'quantity', type: 'number', default: 1, description: 'Whole number of units' },
	{ displayName: 'Brand', name: 'brand', type: 'string', default: '' },
	{ displayName: 'Category', name: 'category', type: 'string', default: '' },
	{ displayName: 'Merchant Name', name: 'merchantName', type: 'string', default: '' },
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		placeholder: 'https://shop.example.com/items/sku-1',
		description: 'The item’s page in your shop; Kredivo wants it for every item',
	},
];

export const itemDetailsProperty: INodeProperties = {
	displayName: 'Item Details',
	name: 'itemDetails',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add item',
	default: {},
	description: 'What is bought; shown to the customer. The sum of price × quantity must equal Gross Amount.',
	options: [{ displayName: 'Item', name: 'item', values: itemDetailFields }],
};

export const customerDetailsProperty: INodeProperties = {
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
};

/** Midtrans's expiry units; Snap accepts all but seconds. */
export type ExpiryUnit = 'second' | 'minute' | 'hour' | 'day';

/** Additional Fields → Custom Expiry: how long the customer has to pay, as one group that is set whole or not at all. */
export const customExpiryField: INodeProperties = {
		displayName: 'Custom Expiry',
		name: 'customExpiry',
		type: 'fixedCollection',
		placeholder: 'Set expiry',
		default: {},
		description: 'How long the customer has to pay; without it Midtrans’s default for the payment method applies',
		options: [
			{
				displayName: 'Expiry',
				name: 'expiry',
				values: [
					{
						displayName: 'Duration',
						name: 'duration',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 60,
						description: 'How many units the customer has to pay, counted from Start Time (or from now)',
					},
					{
						displayName: 'Start Time',
						name: 'startTime',
						type: 'string',
						default: '',
						placeholder: '2026-11-22 15:07:00 +0700',
						description: 'Start of the expiry period, formatted yyyy-MM-dd HH:mm:ss +0700; empty means now',
					},
					{
						displayName: 'Unit',
						name: 'unit',
						type: 'options',
						options: [
							{ name: 'Days', value: 'day' },
							{ name: 'Hours', value: 'hour' },
							{ name: 'Minutes', value: 'minute' },
							{ name: 'Seconds', value: 'second', description: 'Core API charges only; payment pages and links take minutes or more' },
						],
						default: 'minute',
					},
				],
			},
		],
};

export const idempotencyKeyField: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	description:
		'At most 46 characters. Midtrans answers a repeated request with the same key (for 5 minutes) with the first answer instead of acting again. When empty, the node makes one per item that stays the same across its own retries and n8n’s Retry On Fail within an execution.',
};

export const itemDetailsJsonField: INodeProperties = {
	displayName: 'Item Details From JSON',
	name: 'itemDetailsJson',
	type: 'json',
	default: '[]',
	// The example sits in the hint: n8n's lint rules would have its "id" key written "ID" in a description.
	hint: 'Example: [{"id": "SKU-1", "name": "Tea", "price": 20000, "quantity": 2}]',
	description:
		'The items as a JSON array with the keys of the example below, for items that come from earlier nodes. Use this or the Item Details rows above, not both.',
};

export const notificationUrlFields: INodeProperties[] = [
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
];

/**
 * The items from the Item Details rows or the Item Details From JSON field, checked. `minPrice` is 0 unless an
 * API takes discounts as items of negative price (payment links do).
 */
export function readItemDetails(
	this: IExecuteFunctions,
	itemIndex: number,
	validate: ItemValidator,
	additional: IDataObject,
	{ minPrice = 0 }: { minPrice?: number } = {},
): IDataObject[] {
	const rows = ((this.getNodeParameter('itemDetails', itemIndex, {}) as IDataObject).item ?? []) as IDataObject[];
	let jsonRows: IDataObject[] = [];
	if (additional.itemDetailsJson !== undefined && additional.itemDetailsJson !== '') {
		const raw = additional.itemDetailsJson;
		let parsed: unknown = raw;
		if (typeof raw === 'string') {
			try {
				parsed = JSON.parse(raw);
			} catch {
				validate.fail('Item Details From JSON (additionalFields.itemDetailsJson)', 'is not valid JSON');
			}
		}
		if (!Array.isArray(parsed)) validate.fail('Item Details From JSON (additionalFields.itemDetailsJson)', 'must be a JSON array');
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
			price: validate.wholeAmount(`${label} price`, row.price, { min: minPrice }),
			quantity: validate.wholeNumber(`${label} quantity`, row.quantity ?? 1),
			name,
		};
		validate.maxLength(`${label} id`, item.id, LIMITS.itemNameLength);
		for (const [key, field] of [
			['brand', 'brand'],
			['category', 'category'],
			['merchantName', 'merchant_name'],
			['url', 'url'],
		] as const) {
			if (row[key]) item[field] = String(row[key]);
			if (row[field]) item[field] = String(row[field]);
		}
		return item;
	});
}

/** customer_details from the Customer Details collection: each field at most 255 characters, the email an address. */
export function readCustomerDetails(this: IExecuteFunctions, itemIndex: number, validate: ItemValidator): IDataObject {
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

export interface Order {
	orderId: string;
	grossAmount: number;
	itemDetails: IDataObject[];
	/** customer_details as sent (empty when none was given). */
	customerDetails: IDataObject;
	/** The Additional Fields collection, for the reader of each operation's own extras. */
	additional: IDataObject;
	/** transaction_details, and item_details and customer_details when given, in Midtrans's names. */
	body: IDataObject;
}

/** With items, Gross Amount must equal the sum of their price × quantity, exactly. */
export function checkItemsSum(validate: ItemValidator, itemDetails: IDataObject[], grossAmount: number): void {
	if (!itemDetails.length) return;
	const sum = itemDetails.reduce((total, item) => total + (item.price as number) * (item.quantity as number), 0);
	if (!Number.isSafeInteger(sum)) {
		validate.fail('Item Details (itemDetails)', `the sum of price × quantity is too large to be sent exactly (${sum})`);
	}
	if (sum !== grossAmount) {
		validate.fail('Gross Amount (grossAmount)', `must equal the sum of item price × quantity, ${sum} (got ${grossAmount})`);
	}
}

/** Reads and checks order ID, amount, items and customer; the amount must equal the items' sum. */
export function readOrder(this: IExecuteFunctions, itemIndex: number, validate: ItemValidator): Order {
	const orderId = validate.orderId('Order ID (orderId)', this.getNodeParameter('orderId', itemIndex));
	const grossAmount = validate.wholeAmount('Gross Amount (grossAmount)', this.getNodeParameter('grossAmount', itemIndex));
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;

	const itemDetails = readItemDetails.call(this, itemIndex, validate, additional);
	checkItemsSum(validate, itemDetails, grossAmount);
	const customerDetails = readCustomerDetails.call(this, itemIndex, validate);

	const body: IDataObject = { transaction_details: { order_id: orderId, gross_amount: grossAmount } };
	if (itemDetails.length) body.item_details = itemDetails;
	if (Object.keys(customerDetails).length) body.customer_details = customerDetails;
	return { orderId, grossAmount, itemDetails, customerDetails, additional, body };
}

/** The expiry from Additional Fields → Custom Expiry, or undefined when it is not set. */
export function readExpiry(
	additional: IDataObject,
	validate: ItemValidator,
	units: readonly ExpiryUnit[],
): { duration: number; unit: ExpiryUnit; startTime?: string } | undefined {
	const group = (additional.customExpiry as IDataObject | undefined)?.expiry as IDataObject | undefined;
	if (!group) return undefined;
	const expiry: { duration: number; unit: ExpiryUnit; startTime?: string } = {
		duration: validate.wholeNumber('Custom Expiry Duration (additionalFields.customExpiry.duration)', group.duration ?? 60),
		unit: validate.oneOf('Custom Expiry Unit (additionalFields.customExpiry.unit)', group.unit ?? 'minute', units),
	};
	const startTime = group.startTime ? String(group.startTime).trim() : '';
	if (startTime) {
		validate.pattern(
			'Custom Expiry Start Time (additionalFields.customExpiry.startTime)',
			startTime,
			/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{4}$/,
			'must look like 2026-11-22 15:07:00 +0700',
		);
		expiry.startTime = startTime;
	}
	return expiry;
}

/**
 * The Idempotency-Key header: the user's key, or the item's derived one (the same on every try of the item).
 * None when Midtrans ignores keys for this request: a key it ignores would make a retry look safe when it is not.
 */
export function idempotencyHeader(
	additional: IDataObject,
	validate: ItemValidator,
	derivedKey: string,
	honoured = true,
): Record<string, string> {
	const idempotencyKey = validate.maxLength(
		'Idempotency Key (additionalFields.idempotencyKey)',
		additional.idempotencyKey,
		LIMITS.idempotencyKeyLength,
	);
	if (!honoured) return {};
	return { 'Idempotency-Key': idempotencyKey ?? derivedKey };
}

/** X-Override-Notification and X-Append-Notification from the Notification URLs fields. */
export function notificationHeaders(additional: IDataObject, validate: ItemValidator): Record<string, string> {
	const headers: Record<string, string> = {};
	const override = validate.urlList('Notification URLs (Override) (additionalFields.overrideNotificationUrls)', additional.overrideNotificationUrls);
	const append = validate.urlList('Notification URLs (Append) (additionalFields.appendNotificationUrls)', additional.appendNotificationUrls);
	if (override) headers['X-Override-Notification'] = override;
	if (append) headers['X-Append-Notification'] = append;
	return headers;
}
