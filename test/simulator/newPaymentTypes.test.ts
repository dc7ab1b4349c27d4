import { newOrderId, startReceiver, startTestSimulator } from './helpers';

const CUSTOMER = { first_name: 'Budi', last_name: 'Utomo', email: 'budi@example.com', phone: '08123456789' };
const ITEM = {
	id: 'shoe-1',
	name: 'Sepatu',
	price: 44000,
	quantity: 1,
	category: 'Fashion',
	url: 'https://toko.example.com/sepatu',
};
const SHIPPING = {
	first_name: 'Budi',
	last_name: 'Utomo',
	phone: '08123456789',
	address: 'Jl. Kemanggisan',
	city: 'Jakarta',
	postal_code: '12190',
	country_code: 'IDN',
};

describe('simulator: OVO, Akulaku and Kredivo charges', () => {
	const cleanups: Array<() => Promise<void>> = [];
	afterEach(async () => {
		while (cleanups.length) await cleanups.pop()!();
	});
	async function setUp() {
		const receiver = await startReceiver();
		const started = await startTestSimulator({ notificationUrl: receiver.url() });
		cleanups.push(
			() => receiver.close(),
			() => started.simulator.close(),
		);
		return { ...started, receiver };
	}
	const charge = (paymentType: string, extra: Record<string, unknown> = {}) => ({
		payment_type: paymentType,
		transaction_details: { order_id: newOrderId(paymentType), gross_amount: 44000 },
		...extra,
	});

	it('OVO: pending with the payer’s phone, expiring 65 seconds after the charge; no custom expiry', async () => {
		const { api } = await setUp();
		const before = Date.now();
		const { data } = await api.post('/v2/charge', charge('ovo', { ovo: { payer_phone_number: '081111111111' } }));
		expect(data).toMatchObject({
			status_code: '201',
			status_message: 'Ovo transaction is created',
			transaction_status: 'pending',
			payer_phone_number: '081111111111',
		});
		const expiry = Date.parse(`${data.expiry_time.replace(' ', 'T')}+07:00`);
		expect(expiry - before).toBeGreaterThanOrEqual(64_000);
		expect(expiry - before).toBeLessThanOrEqual(66_000);
		const refused = await api.post(
			'/v2/charge',
			charge('ovo', { ovo: {}, custom_expiry: { expiry_duration: 5, unit: 'minute' } }),
		);
		expect(refused.data.validation_messages).toEqual(['custom_expiry is not supported for ovo']);
		const missing = await api.post('/v2/charge', charge('ovo'));
		expect(missing.data.validation_messages).toEqual(['ovo is required']);
	});

	it('Akulaku and Kredivo: pending with a redirect_url the customer pays on, notified signed', async () => {
		const { simulator, api, receiver } = await setUp();
		const akulaku = await api.post(
			'/v2/charge',
			charge('akulaku', { item_details: [ITEM], customer_details: CUSTOMER }),
		);
		expect(akulaku.data).toMatchObject({
			status_code: '201',
			transaction_status: 'pending',
			redirect_url: expect.stringContaining(akulaku.data.transaction_id),
		});
		const kredivo = await api.post(
			'/v2/charge',
			charge('kredivo', { item_details: [ITEM], customer_details: { ...CUSTOMER, shipping_address: SHIPPING } }),
		);
		expect(kredivo.data).toMatchObject({
			status_code: '201',
			channel_response_code: 'OK',
			redirect_url: expect.any(String),
		});
		const page = await api.post(kredivo.data.redirect_url, '');
		expect(page.data).toContain('Payment received.');
		await simulator.idle();
		expect(receiver.received.map((request) => [request.body.payment_type, request.body.transaction_status])).toEqual([
			['akulaku', 'pending'],
			['kredivo', 'pending'],
			['kredivo', 'settlement'],
		]);
	});

	it('refuses Akulaku without items and customer, and Kredivo without the shipping address and item URLs', async () => {
		const { api } = await setUp();
		const akulaku = await api.post('/v2/charge', charge('akulaku', { customer_details: { first_name: 'Budi' } }));
		expect(akulaku.data.validation_messages).toEqual([
			'item_details is required for akulaku',
			'customer_details.last_name is required for akulaku',
			'customer_details.email is required for akulaku',
			'customer_details.phone is required for akulaku',
		]);
		const kredivo = await api.post(
			'/v2/charge',
			charge('kredivo', { item_details: [{ ...ITEM, url: undefined }], customer_details: CUSTOMER }),
		);
		expect(kredivo.data.validation_messages).toEqual(
			expect.arrayContaining([
				'item_details[0].url is required for kredivo',
				'customer_details.shipping_address.city is required for kredivo',
			]),
		);
	});
});
