import { cardCharge, cardToken, clientFor, newOrderId, startTestSimulator } from './helpers';

const CLIENT_KEY = 'SB-Mid-client-simulator';
const FUTURE_YEAR = String(new Date().getFullYear() + 3);

describe('simulator: saved cards, points and BINs', () => {
	const cleanups: Array<() => Promise<void>> = [];
	afterEach(async () => {
		while (cleanups.length) await cleanups.pop()!();
	});
	async function setUp() {
		const started = await startTestSimulator();
		cleanups.push(() => started.simulator.close());
		return started;
	}

	it('registers a card with the client key, answering a saved_token_id of 8 first digits, 20 characters and 4 last digits', async () => {
		const { api } = await setUp();
		const { status, data } = await api.get('/v2/card/register', {
			params: {
				card_number: '4811111111111114',
				card_exp_month: '12',
				card_exp_year: FUTURE_YEAR,
				client_key: CLIENT_KEY,
			},
		});
		expect(status).toBe(200);
		expect(data).toMatchObject({
			status_code: '200',
			masked_card: '48111111-1114',
			transaction_id: expect.any(String),
		});
		expect(data.saved_token_id).toMatch(/^48111111[A-Za-z0-9]{20}1114$/);
		const refused = await api.get('/v2/card/register', {
			params: {
				card_number: '4811111111111114',
				card_exp_month: '12',
				card_exp_year: FUTURE_YEAR,
				client_key: 'SB-Mid-client-other',
			},
		});
		expect(refused.status).toBe(401);
		const invalid = await api.get('/v2/card/register', {
			params: {
				card_number: '4811111111111115',
				card_exp_month: '13',
				card_exp_year: FUTURE_YEAR,
				client_key: CLIENT_KEY,
			},
		});
		expect(invalid.data.validation_messages).toEqual(['card_number is not valid', 'card_exp_month is not valid']);
	});

	it('saves the card of an accepted charge with save_token_id, and charges it again and again without 3DS (one-click)', async () => {
		const { api } = await setUp();
		const token = await cardToken(api, '4411111111111118');
		const first = await api.post('/v2/charge', cardCharge(newOrderId('save'), token, { save_token_id: true }));
		expect(first.data).toMatchObject({
			transaction_status: 'capture',
			saved_token_id: expect.stringMatching(/^44111111[A-Za-z0-9]{20}1118$/),
		});
		expect(first.data.saved_token_id_expired_at).toMatch(/^\d{4}-12-31 23:59:59$/);
		for (const attempt of [1, 2]) {
			const again = await api.post(
				'/v2/charge',
				cardCharge(newOrderId(`one-click-${attempt}`), first.data.saved_token_id, { authentication: false }),
			);
			expect(again.data).toMatchObject({ status_code: '200', transaction_status: 'capture' });
			expect(again.data.redirect_url).toBeUndefined();
		}
	});

	it('saves a 3DS card only once the customer passed 3DS: Get Status then carries saved_token_id', async () => {
		const { simulator, api } = await setUp();
		const token = await cardToken(api, '4811111111111114');
		const orderId = newOrderId('save-3ds');
		const pending = await api.post('/v2/charge', cardCharge(orderId, token, { save_token_id: true }));
		expect(pending.data.transaction_status).toBe('pending');
		expect(pending.data.saved_token_id).toBeUndefined();
		await simulator.pay(orderId);
		const { data } = await api.get(`/v2/${orderId}/status`);
		expect(data).toMatchObject({
			transaction_status: 'capture',
			saved_token_id: expect.stringMatching(/^48111111/),
			saved_token_id_expired_at: expect.any(String),
		});
	});

	it('answers a point inquiry for a known token, 411 for an unknown one', async () => {
		const { api } = await setUp();
		const token = await cardToken(api, '4811111111111114');
		const { data } = await api.get(`/v2/point_inquiry/${token}`, { params: { gross_amount: 150000 } });
		expect(data).toMatchObject({
			status_code: '200',
			point_balance_amount: '10000.00',
			transaction_time: expect.any(String),
		});
		const unknown = await api.get('/v2/point_inquiry/not-a-token');
		expect(unknown.data).toMatchObject({ status_code: '411' });
	});

	it('looks a BIN up with the server key or the client key; its 404 and 401 keep the BIN API’s own shapes', async () => {
		const { simulator, api } = await setUp();
		const bySever = await api.get('/v1/bins/48111111');
		expect(bySever.data).toEqual({
			data: expect.objectContaining({ bin: '48111111', brand: 'visa', bin_type: 'credit', country_code: 'id' }),
		});
		const byClient = await clientFor(simulator, CLIENT_KEY).get('/v1/bins/521111');
		expect(byClient.data.data.brand).toBe('mastercard');
		const unknown = await api.get('/v1/bins/999999');
		expect(unknown.status).toBe(404);
		expect(unknown.data).toEqual({ errors: [{ message_title: 'not found', message: 'not found' }] });
		const refused = await clientFor(simulator, 'SB-Mid-server-other').get('/v1/bins/481111');
		expect(refused.status).toBe(401);
		expect(refused.data).toBe('Unauthorized');
	});
});
