import { createHash } from 'crypto';

import { type Json, newOrderId, startReceiver, startTestSimulator, waitFor } from './helpers';

const SERVER_KEY = 'SB-Mid-server-simulator';
const linkRequest = (phone = '81212345678') => ({
	payment_type: 'gopay',
	gopay_partner: { phone_number: phone, country_code: '62', redirect_url: 'https://shop.example.com/linked' },
});

describe('simulator: GoPay account linking', () => {
	const cleanups: Array<() => Promise<void>> = [];
	afterEach(async () => {
		while (cleanups.length) await cleanups.pop()!();
	});

	async function setUp() {
		const receiver = await startReceiver();
		const { simulator, api } = await startTestSimulator({
			notificationUrl: receiver.url('/payments'),
			payAccountNotificationUrl: receiver.url('/accounts'),
		});
		cleanups.push(
			() => receiver.close(),
			() => simulator.close(),
		);
		const at = (path: string) =>
			receiver.received.filter((request) => request.path === path).map((request) => request.body);
		return { simulator, api, at };
	}

	it('links a PENDING account with activation links; the activation page enables it and notifies the Pay Account Notification URL', async () => {
		const { api, at } = await setUp();
		const { status, data } = await api.post('/v2/pay/account', linkRequest());
		expect(status).toBe(200);
		expect(data).toMatchObject({ status_code: '201', payment_type: 'gopay', account_status: 'PENDING' });
		expect(data.actions.map((action: Json) => action.name)).toEqual(['activation-link-url', 'activation-link-app']);
		expect((await api.get(`/v2/pay/account/${data.account_id}`)).data).toEqual({
			status_code: '201',
			payment_type: 'gopay',
			account_id: data.account_id,
			account_status: 'PENDING',
		});

		const page = await api.post(data.actions[0].url, '');
		expect(page.data).toContain('Linked: the account is ENABLED');
		await waitFor(() => at('/accounts').length === 1, 'the linked notification');
		const [linked] = at('/accounts');
		expect(linked).toEqual({
			account_id: data.account_id,
			merchant_id: expect.any(String),
			payment_type: 'gopay',
			signature_key: createHash('sha512').update(`${data.account_id}200${SERVER_KEY}`).digest('hex'),
			status_code: '200',
			account_status: 'ENABLED',
			status_message: 'Midtrans account_linked notification',
		});
		expect(at('/payments')).toEqual([]);
		const { data: enabled } = await api.get(`/v2/pay/account/${data.account_id}`);
		expect(enabled).toMatchObject({ status_code: '200', account_status: 'ENABLED' });
		expect(enabled.metadata.payment_options.map((option: Json) => option.name)).toEqual(['GOPAY_WALLET', 'PAY_LATER']);
	});

	it('unbinds an ENABLED account (body "204" DISABLED, notified), and refuses to unbind it again with body "412"', async () => {
		const { simulator, api, at } = await setUp();
		const { data } = await api.post('/v2/pay/account', linkRequest());
		await simulator.activateAccount(data.account_id);
		const unbound = await api.post(`/v2/pay/account/${data.account_id}/unbind`);
		expect(unbound.data).toMatchObject({ status_code: '204', account_status: 'DISABLED', channel_response_code: '0' });
		await waitFor(() => at('/accounts').length === 2, 'the unlinked notification');
		expect(at('/accounts')[1]).toMatchObject({
			status_code: '204',
			account_status: 'DISABLED',
			status_message: 'Midtrans account_unlinked notification',
		});
		const again = await api.post(`/v2/pay/account/${data.account_id}/unbind`);
		expect(again.status).toBe(200);
		expect(again.data).toMatchObject({ status_code: '412', status_message: 'Account status cannot be updated.' });
	});

	it('answers the sandbox number GoPay does not know with body "202" User Not Found, and takes no Idempotency-Key', async () => {
		const { api } = await setUp();
		const unknown = await api.post('/v2/pay/account', linkRequest('123450001'));
		expect(unknown.data).toEqual({
			status_code: '202',
			payment_type: 'gopay',
			channel_response_code: '105',
			channel_response_message: 'User Not Found',
		});
		const headers = { 'Idempotency-Key': 'same-key-twice' };
		const first = await api.post('/v2/pay/account', linkRequest(), { headers });
		const second = await api.post('/v2/pay/account', linkRequest(), { headers });
		expect(second.data.account_id).not.toBe(first.data.account_id);
	});

	it('charges a linked account with its payment option token: settled at once, denied beyond the balance, refused when not ENABLED', async () => {
		const { simulator, api, at } = await setUp();
		const { data } = await api.post('/v2/pay/account', linkRequest());
		const charge = (token: string, amount: number) => ({
			payment_type: 'gopay',
			transaction_details: { order_id: newOrderId('token'), gross_amount: amount },
			gopay: { account_id: data.account_id, payment_option_token: token },
		});
		const pending = await api.post('/v2/charge', charge('any-token', 10000));
		expect(pending.data).toMatchObject({
			status_code: '400',
			validation_messages: ['gopay.account_id is not an ENABLED linked account'],
		});
		await simulator.activateAccount(data.account_id);
		const { data: account } = await api.get(`/v2/pay/account/${data.account_id}`);
		const wallet = account.metadata.payment_options[0].token;

		const paid = await api.post('/v2/charge', charge(wallet, 250_000));
		expect(paid.data).toMatchObject({
			status_code: '200',
			transaction_status: 'settlement',
			payment_option_type: 'GOPAY_WALLET',
		});
		const tooMuch = await api.post('/v2/charge', charge(wallet, 900_000));
		expect(tooMuch.data).toMatchObject({
			status_code: '202',
			transaction_status: 'deny',
			channel_response_message: 'Insufficient Balance',
		});
		const { data: after } = await api.get(`/v2/pay/account/${data.account_id}`);
		expect(after.metadata.payment_options[0].balance.value).toBe('750000.00');
		const wrongToken = await api.post('/v2/charge', charge('not-a-token', 1000));
		expect(wrongToken.data.validation_messages).toEqual([
			'gopay.payment_option_token is not one of the account’s payment options',
		]);
		const halfGiven = await api.post('/v2/charge', { ...charge(wallet, 1000), gopay: { account_id: data.account_id } });
		expect(halfGiven.data.validation_messages).toEqual([
			'gopay.payment_option_token is required with gopay.account_id',
		]);
		await simulator.idle();
		expect(at('/payments').map((body) => body.transaction_status)).toEqual(['settlement', 'deny']);
	});
});
