/** Payment → Charge with OVO, Akulaku PayLater and Kredivo: request shapes, next steps, refusals, against nock. */
import type { IDataObject } from 'n8n-workflow';

import { runMidtrans } from '../../harness/engine';
import { SANDBOX_HOST } from '../../harness/midtrans';
import { interceptMidtrans, recordRequest } from '../../harness/nock';
import { charge, MADE_KEY } from '../../harness/parameters';
import { expectRefusedBeforeSending } from '../../harness/runs';

const CUSTOMER = { firstName: 'Budi', lastName: 'Utomo', email: 'budi@example.com', phone: '08123456789' };
const SHOES = { id: 'shoe-1', name: 'Sepatu', price: 44000, quantity: 1, category: 'Fashion', url: 'https://toko.example.com/sepatu' };
const SHIPPING = {
	address: {
		firstName: 'Budi',
		lastName: 'Utomo',
		phone: '08123456789',
		address: 'Jl. Kemanggisan 12',
		city: 'Jakarta',
		postalCode: '12190',
		countryCode: 'IDN',
	},
};

const ovo = (parameters: IDataObject = {}) => charge({ paymentType: 'ovo', ovoPhoneNumber: '081111111111', ...parameters });
const akulaku = (parameters: IDataObject = {}) =>
	charge({ paymentType: 'akulaku', itemDetails: { item: [SHOES] }, customerDetails: CUSTOMER, ...parameters });
const kredivo = (parameters: IDataObject = {}) =>
	charge({ paymentType: 'kredivo', itemDetails: { item: [SHOES] }, customerDetails: CUSTOMER, shippingAddress: SHIPPING, ...parameters });

describe('OVO', () => {
	interceptMidtrans();

	it('sends the payer’s phone in the ovo object, with an Idempotency-Key, and the item holds the short expiry', async () => {
		const answer = {
			status_code: '201',
			status_message: 'Ovo transaction is created',
			order_id: 'order-1',
			payment_type: 'ovo',
			transaction_status: 'pending',
			expiry_time: '2026-05-12 14:27:58',
			payer_phone_number: '081111111111',
		};
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'POST', '/v2/charge', answer);
		const { items, error } = await runMidtrans(ovo({ ovoPhoneNumber: '0811-1111-1111' }));
		expect(error).toBeUndefined();
		scope.done();
		expect(seen.body).toEqual({
			payment_type: 'ovo',
			transaction_details: { order_id: 'order-1', gross_amount: 44000 },
			ovo: { payer_phone_number: '081111111111' },
		});
		expect(seen.headers?.['idempotency-key']).toMatch(MADE_KEY);
		expect(items[0].json).toEqual(answer);
	});

	it('fails with Midtrans’s 404 when no OVO account has that phone number', async () => {
		recordRequest(SANDBOX_HOST, 'POST', '/v2/charge', {
			status_code: '404',
			status_message: "User with requested phone number doesn't exist",
			id: '781ea7c4',
		});
		const { error } = await runMidtrans(ovo());
		expect(error?.message).toBe("Midtrans error 404: User with requested phone number doesn't exist");
	});

	it.each([
		['a phone number with letters', { ovoPhoneNumber: '0811-CALL-ME' }, /Invalid OVO Phone Number \(ovoPhoneNumber\) in item 0: must be a phone number of 9 to 15 digits/],
		[
			'a custom expiry, which OVO does not take',
			{ additionalFields: { customExpiry: { expiry: { duration: 5, unit: 'minute' } } } },
			/Invalid Custom Expiry \(additionalFields.customExpiry\) in item 0: OVO takes none: its payments expire after 65 seconds/,
		],
	])('refuses %s before sending anything', async (_case, parameters, message) => {
		await expectRefusedBeforeSending(ovo(parameters), message);
	});
});

describe('Akulaku PayLater', () => {
	interceptMidtrans();

	it('sends items and customer, which Akulaku requires, and the item holds redirect_url to Akulaku’s page', async () => {
		const redirect = 'https://api.sandbox.veritrans.co.id/v2/akulaku/redirect/b3a40398-d95d-4bb9-afe8-9a57bc0786ea';
		const { seen } = recordRequest(SANDBOX_HOST, 'POST', '/v2/charge', {
			status_code: '201',
			transaction_status: 'pending',
			redirect_url: redirect,
		});
		const { items, error } = await runMidtrans(akulaku());
		expect(error).toBeUndefined();
		expect(seen.body).toEqual({
			payment_type: 'akulaku',
			transaction_details: { order_id: 'order-1', gross_amount: 44000 },
			item_details: [SHOES],
			customer_details: { first_name: 'Budi', last_name: 'Utomo', email: 'budi@example.com', phone: '08123456789' },
		});
		expect(items[0].json.redirect_url).toBe(redirect);
	});

	it.each([
		['a charge without items', { itemDetails: {} }, /Invalid Item Details \(itemDetails\) in item 0: Akulaku needs the items bought/],
		['an item without an ID', { itemDetails: { item: [{ ...SHOES, id: '' }] } }, /Invalid Item Details \(itemDetails\) row 1 ID in item 0: Akulaku needs it for every item/],
		['a customer without a last name', { customerDetails: { ...CUSTOMER, lastName: '' } }, /Invalid Customer Details lastName \(customerDetails.lastName\) in item 0: Akulaku needs it/],
	])('refuses %s before sending anything', async (_case, parameters, message) => {
		await expectRefusedBeforeSending(akulaku(parameters), message);
	});
});

describe('Kredivo', () => {
	interceptMidtrans();

	it('sends the customer with a shipping address, items with category and URL, and the sellers of a marketplace', async () => {
		const { seen } = recordRequest(SANDBOX_HOST, 'POST', '/v2/charge', {
			status_code: '201',
			transaction_status: 'pending',
			redirect_url: 'https://api.sandbox.veritrans.co.id/v2/oms/redirect/c1b4e32c',
		});
		const sellers = [{ id: 'seller-1', name: 'Toko Budi', email: 'budi@example.com', url: 'https://toko.example.com' }];
		const { items, error } = await runMidtrans(kredivo({ kredivo: { sellerDetails: JSON.stringify(sellers) } }));
		expect(error).toBeUndefined();
		expect(seen.body).toEqual({
			payment_type: 'kredivo',
			transaction_details: { order_id: 'order-1', gross_amount: 44000 },
			item_details: [SHOES],
			customer_details: {
				first_name: 'Budi',
				last_name: 'Utomo',
				email: 'budi@example.com',
				phone: '08123456789',
				shipping_address: {
					first_name: 'Budi',
					last_name: 'Utomo',
					phone: '08123456789',
					address: 'Jl. Kemanggisan 12',
					city: 'Jakarta',
					postal_code: '12190',
					country_code: 'IDN',
				},
			},
			seller_details: sellers,
		});
		expect(items[0].json.redirect_url).toBe('https://api.sandbox.veritrans.co.id/v2/oms/redirect/c1b4e32c');
	});

	it('sends a charge without details when Kredivo approved the merchant to leave them out', async () => {
		const { seen } = recordRequest(SANDBOX_HOST, 'POST', '/v2/charge', { status_code: '201', transaction_status: 'pending' });
		const { error } = await runMidtrans(
			charge({ paymentType: 'kredivo', kredivo: { detailsOptional: true } }),
		);
		expect(error).toBeUndefined();
		expect(seen.body).toEqual({ payment_type: 'kredivo', transaction_details: { order_id: 'order-1', gross_amount: 44000 } });
	});

	it.each([
		[
			'a shipping address without a city',
			{ shippingAddress: { address: { ...SHIPPING.address, city: '' } } },
			/Invalid Shipping Address City \(shippingAddress.city\) in item 0: Kredivo needs it/,
		],
		[
			'a country code of two letters',
			{ shippingAddress: { address: { ...SHIPPING.address, countryCode: 'ID' } } },
			/Invalid Shipping Address Country Code \(shippingAddress.countryCode\) in item 0: must be three capital letters/,
		],
		['an item without its URL', { itemDetails: { item: [{ ...SHOES, url: '' }] } }, /Invalid Item Details \(itemDetails\) row 1 url in item 0: Kredivo needs it for every item/],
		['a seller without a name', { kredivo: { sellerDetails: '[{"id": "s-1"}]' } }, /Invalid Seller Details \(JSON\) \(kredivo.sellerDetails\) in item 0: seller 1 needs an id and a name/],
	])('refuses %s before sending anything', async (_case, parameters, message) => {
		await expectRefusedBeforeSending(kredivo(parameters), message);
	});
});
