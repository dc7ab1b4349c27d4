/** Saved GoPay Account → Link, Get, Unbind, and charging a linked account, through n8n's engine against nock. */
import type { IDataObject } from 'n8n-workflow';

import { runMidtrans } from '../../harness/engine';
import { basicAuthFor, QUICK_RETRIES, SANDBOX_HOST } from '../../harness/midtrans';
import { interceptMidtrans, recordRequest } from '../../harness/nock';
import { charge } from '../../harness/parameters';
import { expectRefusedBeforeSending } from '../../harness/runs';

const ACCOUNT_ID = '00000269-7836-49e5-bc65-e592afafec14';
const WALLET_TOKEN = 'eyJ0eXBlIjogIkdPUEFZX1dBTExFVCIsICJpZCI6ICIifQ==';

const linkAccount = (parameters: IDataObject = {}): IDataObject => ({
	resource: 'gopayAccount',
	operation: 'link',
	phoneNumber: '81212345678',
	countryCode: '62',
	...parameters,
});
const onAccount = (operation: string, accountId = ACCOUNT_ID): IDataObject => ({ resource: 'gopayAccount', operation, accountId });

/** Midtrans's answers, from docs.midtrans.com/reference/create-pay-account and get-pay-account. */
const PENDING = {
	status_code: '201',
	payment_type: 'gopay',
	account_id: ACCOUNT_ID,
	account_status: 'PENDING',
	actions: [
		{ name: 'activation-link-url', method: 'GET', url: 'https://api.sandbox.midtrans.com/v2/gopay/redirect/gpar_6123/link' },
		{ name: 'activation-link-app', method: 'GET', url: 'https://simulator.sandbox.midtrans.com/gopay/partner/app/link?id=6123' },
	],
};
const ENABLED = {
	status_code: '200',
	payment_type: 'gopay',
	account_id: ACCOUNT_ID,
	account_status: 'ENABLED',
	metadata: {
		payment_options: [
			{ name: 'PAY_LATER', active: true, balance: { value: '350000.00', currency: 'IDR' }, metadata: {}, token: 'eyJ0eXBlIjogIlBBWV9MQVRFUiIsICJpZCI6ICIifQ==' },
			{ name: 'GOPAY_WALLET', active: true, balance: { value: '1000000.00', currency: 'IDR' }, metadata: {}, token: WALLET_TOKEN },
		],
	},
};

describe('Saved GoPay Account: Link', () => {
	interceptMidtrans();

	it('asks Midtrans to link the phone’s GoPay, without an Idempotency-Key (/pay/account takes none), and surfaces the activation URLs', async () => {
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'POST', '/v2/pay/account', PENDING);
		const { items, error } = await runMidtrans(
			linkAccount({ additionalFields: { redirectUrl: 'https://shop.example.com/gopay-linked', locale: 'en-EN' } }),
		);
		expect(error).toBeUndefined();
		scope.done();
		expect(seen.body).toEqual({
			payment_type: 'gopay',
			gopay_partner: { phone_number: '81212345678', country_code: '62', redirect_url: 'https://shop.example.com/gopay-linked' },
		});
		expect(seen.headers?.authorization).toBe(basicAuthFor());
		expect(seen.headers?.['idempotency-key']).toBeUndefined();
		expect(seen.headers?.['x-payment-locale']).toBe('en-EN');
		expect(items[0].json).toEqual({
			activation_url: PENDING.actions[0].url,
			activation_app_url: PENDING.actions[1].url,
			...PENDING,
		});
	});

	it('fails when GoPay refuses with body status_code "202", naming GoPay’s reason', async () => {
		recordRequest(SANDBOX_HOST, 'POST', '/v2/pay/account', {
			status_code: '202',
			payment_type: 'gopay',
			channel_response_code: '105',
			channel_response_message: 'User Not Found',
		});
		const { error, items } = await runMidtrans(linkAccount({ phoneNumber: '123450001' }), [{}], { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ error: 'Midtrans error 202: User Not Found', status_code: '202' });
	});

	it('does not resend a link after a 500, since Midtrans would make a second pending account', async () => {
		const { seen } = recordRequest(SANDBOX_HOST, 'POST', '/v2/pay/account', { status_code: '500', status_message: 'Internal Server Error' }, { times: 2 });
		const { error } = await runMidtrans(linkAccount({ options: QUICK_RETRIES }));
		expect(seen.calls).toBe(1);
		expect(error?.message).toBe('Midtrans error 500: Internal Server Error');
	});

	const refusals: Array<[string, IDataObject, RegExp]> = [
		[
			'a phone number with its leading 0',
			{ phoneNumber: '081212345678' },
			/Invalid Phone Number \(phoneNumber\) in item 0: must be given without the country code and without the leading 0/,
		],
		[
			'a phone number with its country code',
			{ phoneNumber: '+6281212345678' },
			/Invalid Phone Number \(phoneNumber\) in item 0: must be given without the country code/,
		],
		['a phone number with letters', { phoneNumber: '8121234abc' }, /Invalid Phone Number \(phoneNumber\) in item 0: may hold only digits/],
		['a country code with a plus', { countryCode: '+62' }, /Invalid Country Code \(countryCode\) in item 0: may hold only digits/],
		[
			'a redirect URL that is neither a URL nor a deeplink',
			{ additionalFields: { redirectUrl: 'shop.example.com' } },
			/Invalid Redirect URL \(additionalFields.redirectUrl\) in item 0: must be an https URL or an app deeplink/,
		],
	];
	it.each(refusals)('refuses %s before sending anything', async (_case, parameters, message) => {
		await expectRefusedBeforeSending(linkAccount(parameters), message);
	});
});

describe('Saved GoPay Account: Get and Unbind', () => {
	interceptMidtrans();

	it('reads an ENABLED account and surfaces the GoPay wallet’s payment_option_token to charge it with', async () => {
		const { scope } = recordRequest(SANDBOX_HOST, 'GET', `/v2/pay/account/${ACCOUNT_ID}`, ENABLED);
		const { items, error } = await runMidtrans(onAccount('get'));
		expect(error).toBeUndefined();
		scope.done();
		expect(items[0].json).toEqual({ payment_option_token: WALLET_TOKEN, payment_option_name: 'GOPAY_WALLET', ...ENABLED });
	});

	it('treats a DISABLED account’s body status_code "204" as an answer, not a failure', async () => {
		const disabled = { status_code: '204', payment_type: 'gopay', account_id: ACCOUNT_ID, account_status: 'DISABLED' };
		recordRequest(SANDBOX_HOST, 'GET', `/v2/pay/account/${ACCOUNT_ID}`, disabled);
		const { items, error } = await runMidtrans(onAccount('get'));
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(disabled);
	});

	it('unbinds an account with a bodiless POST and returns the DISABLED account', async () => {
		const unbound = {
			status_code: '204',
			payment_type: 'gopay',
			account_id: ACCOUNT_ID,
			account_status: 'DISABLED',
			channel_response_code: '0',
			channel_response_message: 'Process service request successfully.',
		};
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'POST', `/v2/pay/account/${ACCOUNT_ID}/unbind`, unbound);
		const { items, error } = await runMidtrans(onAccount('unbind'));
		expect(error).toBeUndefined();
		scope.done();
		expect(seen.headers?.['idempotency-key']).toBeUndefined();
		expect(items[0].json).toEqual(unbound);
	});

	it('fails an unbind of a PENDING account with Midtrans’s 412 and says only ENABLED accounts can be unbound', async () => {
		recordRequest(SANDBOX_HOST, 'POST', `/v2/pay/account/${ACCOUNT_ID}/unbind`, {
			status_code: '412',
			status_message: 'Account status cannot be updated.',
			id: 'a1',
		});
		const { error } = await runMidtrans(onAccount('unbind'));
		expect(error?.message).toBe('Midtrans error 412: Account status cannot be updated.');
		expect(error?.description).toMatch(/Only an ENABLED account can be unbound/);
	});

	it('fails an unbind GoPay refuses with "202", naming GoPay’s reason', async () => {
		recordRequest(SANDBOX_HOST, 'POST', `/v2/pay/account/${ACCOUNT_ID}/unbind`, {
			status_code: '202',
			payment_type: 'gopay',
			channel_response_code: '1001',
			channel_response_message: 'Caller authentication error.',
		});
		const { error } = await runMidtrans(onAccount('unbind'));
		expect(error?.message).toBe('Midtrans error 202: Caller authentication error.');
	});
});

describe('Charging a linked GoPay account', () => {
	interceptMidtrans();

	it('sends account_id and payment_option_token in the gopay object, with an Idempotency-Key as every charge', async () => {
		const { seen } = recordRequest(SANDBOX_HOST, 'POST', '/v2/charge', {
			status_code: '200',
			transaction_status: 'settlement',
			order_id: 'order-1',
			payment_type: 'gopay',
		});
		const { items, error } = await runMidtrans(
			charge({ paymentType: 'gopay', gopay: { accountId: ACCOUNT_ID, paymentOptionToken: WALLET_TOKEN, callbackUrl: 'https://shop.example.com/done' } }),
		);
		expect(error).toBeUndefined();
		expect(seen.body).toEqual({
			payment_type: 'gopay',
			transaction_details: { order_id: 'order-1', gross_amount: 44000 },
			gopay: { callback_url: 'https://shop.example.com/done', account_id: ACCOUNT_ID, payment_option_token: WALLET_TOKEN },
		});
		expect(seen.headers?.['idempotency-key']).toBeDefined();
		expect(items[0].json.transaction_status).toBe('settlement');
	});

	it('surfaces the verification links GoPay asks the customer to confirm a charge with', async () => {
		recordRequest(SANDBOX_HOST, 'POST', '/v2/charge', {
			status_code: '201',
			transaction_status: 'pending',
			actions: [
				{ name: 'verification-link-url', method: 'GET', url: 'https://gopay.example/verify/web' },
				{ name: 'verification-link-app', method: 'GET', url: 'gojek://gopay/verify' },
			],
		});
		const { items } = await runMidtrans(charge({ paymentType: 'gopay', gopay: { accountId: ACCOUNT_ID, paymentOptionToken: WALLET_TOKEN } }));
		expect(items[0].json).toMatchObject({ verification_url: 'https://gopay.example/verify/web', verification_app_url: 'gojek://gopay/verify' });
	});

	it.each([
		['an account ID without a payment option token', { accountId: ACCOUNT_ID }, /Invalid Payment Option Token \(gopay.paymentOptionToken\) in item 0: is required with Account ID/],
		['a payment option token without an account ID', { paymentOptionToken: WALLET_TOKEN }, /Invalid Account ID \(gopay.accountId\) in item 0: is required with Payment Option Token/],
	])('refuses %s before sending anything', async (_case, gopay, message) => {
		await expectRefusedBeforeSending(charge({ paymentType: 'gopay', gopay }), message);
	});
});
