import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemValidator } from '../../../shared/validation';
import { requireCustomer, requireItems } from './cardlessCredit';
import type { PaymentType } from './types';

/** The shipping address Kredivo wants (docs.midtrans.com/reference/kredivo-1: every field of the sample is required). */
const SHIPPING_FIELDS = [
	['firstName', 'first_name', 'First Name'],
	['lastName', 'last_name', 'Last Name'],
	['phone', 'phone', 'Phone'],
	['address', 'address', 'Address'],
	['city', 'city', 'City'],
	['postalCode', 'postal_code', 'Postal Code'],
	['countryCode', 'country_code', 'Country Code'],
] as const;

const shippingAddressValues: INodeProperties[] = [
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: '08123456789' },
	{ displayName: 'Address', name: 'address', type: 'string', default: '', placeholder: 'Jl. Kemanggisan 12' },
	{ displayName: 'City', name: 'city', type: 'string', default: '', placeholder: 'Jakarta' },
	{ displayName: 'Postal Code', name: 'postalCode', type: 'string', default: '', placeholder: '12190' },
	{
		displayName: 'Country Code',
		name: 'countryCode',
		type: 'string',
		default: 'IDN',
		description: 'Three letters (ISO 3166-1 alpha-3); IDN for Indonesia',
	},
];

/**
 * Kredivo (docs.midtrans.com/reference/kredivo-1): by default Midtrans wants the customer with a shipping
 * address, and every item with its ID, category and URL; a marketplace also sends seller_details. A merchant
 * Kredivo approved may leave the details out.
 */
export const kredivo: PaymentType = {
	value: 'kredivo',
	properties: [
		{
			displayName: 'Shipping Address',
			name: 'shippingAddress',
			type: 'fixedCollection',
			placeholder: 'Add shipping address',
			default: {},
			description: 'Where the order goes; Kredivo needs every field unless it approved your account to leave details out',
			options: [{ displayName: 'Address', name: 'address', values: shippingAddressValues }],
		},
		{
			displayName: 'Kredivo Options',
			name: 'kredivo',
			type: 'collection',
			placeholder: 'Add Kredivo option',
			default: {},
			options: [
				{
					displayName: 'Details Optional (Approved by Kredivo)',
					name: 'detailsOptional',
					type: 'boolean',
					default: false,
					description:
						'Whether Kredivo approved this merchant to charge without customer, shipping and item details; the node then does not ask for them',
				},
				{
					displayName: 'Seller Details (JSON)',
					name: 'sellerDetails',
					type: 'json',
					default: '[]',
					hint: 'Example: [{"id": "seller-1", "name": "Toko Budi", "email": "budi@example.com", "url": "https://toko.example.com", "address": {"city": "Jakarta"}}]',
					description: 'For marketplaces, which Kredivo requires to name the seller of each order: a JSON array of sellers',
				},
			],
		},
	],
	buildBody(itemIndex, validate, { itemDetails, customerDetails }) {
		const options = this.getNodeParameter('kredivo', itemIndex, {}) as IDataObject;
		const rows = this.getNodeParameter('shippingAddress', itemIndex, {}) as IDataObject;
		const address = (rows.address ?? {}) as IDataObject;
		const shipping: IDataObject = {};
		for (const [name, field, displayName] of SHIPPING_FIELDS) {
			const value = address[name] === undefined || address[name] === null ? '' : String(address[name]).trim();
			if (value) shipping[field] = value;
			else if (!options.detailsOptional) validate.fail(`Shipping Address ${displayName} (shippingAddress.${name})`, 'Kredivo needs it');
		}
		if (shipping.country_code !== undefined) {
			validate.pattern('Shipping Address Country Code (shippingAddress.countryCode)', String(shipping.country_code), /^[A-Z]{3}$/, 'must be three capital letters, like IDN');
		}
		if (!options.detailsOptional) {
			requireCustomer(validate, customerDetails, 'Kredivo');
			requireItems(validate, itemDetails, 'Kredivo', ['id', 'category', 'url']);
		}
		const body: IDataObject = {};
		if (Object.keys(shipping).length) body.customer_details = { ...customerDetails, shipping_address: shipping };
		const sellers = readSellers(validate, options.sellerDetails);
		if (sellers.length) body.seller_details = sellers;
		return body;
	},
};

/** seller_details from Seller Details (JSON): an array of sellers, each with at least an id and a name. */
function readSellers(validate: ItemValidator, raw: unknown): IDataObject[] {
	if (raw === undefined || raw === null || raw === '' || raw === '[]') return [];
	const field = 'Seller Details (JSON) (kredivo.sellerDetails)';
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw);
		} catch {
			validate.fail(field, 'is not valid JSON');
		}
	}
	if (!Array.isArray(parsed)) validate.fail(field, 'must be a JSON array of sellers');
	parsed.forEach((seller, index) => {
		if (!seller || typeof seller !== 'object' || Array.isArray(seller)) validate.fail(field, `seller ${index + 1} must be an object`);
		if (!(seller as IDataObject).id || !(seller as IDataObject).name) validate.fail(field, `seller ${index + 1} needs an id and a name`);
	});
	return parsed as IDataObject[];
}
