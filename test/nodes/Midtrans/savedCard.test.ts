/** Saved Card → Register, Get Points, Look Up BIN, and one-click charges with a saved token, against nock. */
import type { IDataObject } from 'n8n-workflow';

import { runMidtrans } from '../../harness/engine';
import { basicAuthFor, FUTURE_YEAR, SANDBOX_CREDENTIALS, SANDBOX_HOST, TEST_CLIENT_KEY } from '../../harness/midtrans';
import { interceptMidtrans, queryOf, recordRequest } from '../../harness/nock';
import { unansweredDuring } from '../../harness/nockReplies';
import { charge } from '../../harness/parameters';
import { expectRefusedBeforeSending } from '../../harness/runs';

const SAVED_TOKEN = '48111111sHfSakAvHvFQFEjTivUV1114';

const registerCard = (parameters: IDataObject = {}): IDataObject => ({
	resource: 'card',
	operation: 'register',
	cardNumber: '4811 1111 1111 1114',
	cardExpMonth: '2',
	cardExpYear: FUTURE_YEAR,
	...parameters,
});

describe('Saved Card: Register', () => {
	interceptMidtrans();

	it('registers a card with the client key in the query, as the docs put it, and the item holds saved_token_id', async () => {
		const answer = {
			status_code: '200',
			saved_token_id: SAVED_TOKEN,
			transaction_id: '50e7c4ac-772e-43fa-94fb-52559bce4fc0',
			masked_card: '48111111-1114',
		};
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'GET', '/v2/card/register', answer);
		const { items, error } = await runMidtrans(registerCard());
		expect(error).toBeUndefined();
		scope.done();
		expect(queryOf(seen.path)).toEqual({
			card_number: '4811111111111114',
			card_exp_month: '02',
			card_exp_year: FUTURE_YEAR,
			client_key: TEST_CLIENT_KEY,
		});
		expect(seen.headers?.authorization).toBe(basicAuthFor());
		expect(items[0].json).toEqual(answer);
	});

	it('refuses to send card numbers in production unless allowed, before sending anything', async () => {
		const { result, unanswered } = await unansweredDuring(() =>
			runMidtrans(registerCard(), [{}], { credentials: { ...SANDBOX_CREDENTIALS, environment: 'production' } }),
		);
		expect(result.error?.message).toMatch(/Register Card is refused in production \(item 0\): card numbers must not pass through n8n/);
		expect(result.error?.description).toMatch(/PCI DSS.*Nothing was sent to Midtrans\./);
		expect(unanswered).toEqual([]);
	});

	it('refuses without a client key in the credential, saying where to find one', async () => {
		const { error } = await runMidtrans(registerCard(), [{}], { credentials: { ...SANDBOX_CREDENTIALS, clientKey: '' } });
		expect(error?.message).toMatch(/The Midtrans credential has no Client Key, which Register Card needs/);
	});

	it.each([
		['a card number whose check digit is wrong', { cardNumber: '4811 1111 1111 1115' }, /Invalid Card Number \(cardNumber\) in item 0: is not a valid card number/],
		['an expired card', { cardExpYear: '2020' }, /Invalid Expiry Year \(cardExpYear\) in item 0: the card expired/],
	])('refuses %s before sending anything', async (_case, parameters, message) => {
		await expectRefusedBeforeSending(registerCard(parameters), message);
	});
});

describe('Saved Card: Get Points and Look Up BIN', () => {
	interceptMidtrans();

	it('asks for a card token’s points, with gross_amount (which Mandiri needs and no SDK sends) when given', async () => {
		const answer = {
			status_code: '200',
			status_message: 'Success, Credit Card Point inquiry is successful',
			transaction_time: '2026-05-29 12:21:40',
			point_balance_amount: '10000.00',
		};
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'GET', /^\/v2\/point_inquiry\/481111-1114-abc/, answer);
		const { items, error } = await runMidtrans({ resource: 'card', operation: 'getPoints', tokenId: '481111-1114-abc', grossAmount: 150000 });
		expect(error).toBeUndefined();
		scope.done();
		expect(queryOf(seen.path)).toEqual({ gross_amount: '150000' });
		expect(items[0].json).toEqual(answer);
	});

	it('sends no gross_amount when the amount is 0, and reports an expired token as Midtrans’s 411', async () => {
		const { seen } = recordRequest(SANDBOX_HOST, 'GET', /^\/v2\/point_inquiry\//, {
			status_code: '411',
			status_message: 'Token id is missing, invalid, or timed out',
		});
		const { error } = await runMidtrans({ resource: 'card', operation: 'getPoints', tokenId: 'old-token', grossAmount: 0 });
		expect(queryOf(seen.path)).toEqual({});
		expect(error?.message).toBe('Midtrans error 411: Token id is missing, invalid, or timed out');
		expect(error?.description).toMatch(/new one/);
	});

	it('looks a BIN up and copies the card’s details from data to the top of the item', async () => {
		const data = {
			country_name: 'Indonesia',
			country_code: 'id',
			brand: 'visa',
			bin_type: 'credit',
			bin_class: 'gold',
			bin: '45563300',
			bank_code: 'bca',
			bank: 'bank central asia',
		};
		const { scope } = recordRequest(SANDBOX_HOST, 'GET', '/v1/bins/45563300', { data });
		const { items, error } = await runMidtrans({ resource: 'card', operation: 'lookUpBin', bin: '45563300' });
		expect(error).toBeUndefined();
		scope.done();
		expect(items[0].json).toEqual({ ...data, data });
	});

	it('sends only the first 8 digits when given a whole card number', async () => {
		const { scope } = recordRequest(SANDBOX_HOST, 'GET', '/v1/bins/48111111', { data: { bin: '48111111' } });
		const { error } = await runMidtrans({ resource: 'card', operation: 'lookUpBin', bin: '4811 1111 1111 1114' });
		expect(error).toBeUndefined();
		scope.done();
	});

	it('reads the BIN API’s own error shape: a 404 with errors[] and a 409 that is its rate limit', async () => {
		recordRequest(SANDBOX_HOST, 'GET', '/v1/bins/999999', { errors: [{ message_title: 'not found', message: 'not found' }] }, { status: 404 });
		const notFound = await runMidtrans({ resource: 'card', operation: 'lookUpBin', bin: '999999' });
		expect(notFound.error?.message).toBe('Midtrans error 404: message_title: not found');
		expect(notFound.error?.description).toMatch(/knows no card with this BIN/);

		recordRequest(SANDBOX_HOST, 'GET', '/v1/bins/481111', { errors: [{ message: 'too many requests' }] }, { status: 409 });
		const limited = await runMidtrans({ resource: 'card', operation: 'lookUpBin', bin: '481111' });
		expect(limited.error?.description).toMatch(/at most 100 requests a minute/);
	});

	it('refuses a BIN of fewer than 6 digits before sending anything', async () => {
		await expectRefusedBeforeSending({ resource: 'card', operation: 'lookUpBin', bin: '48111' }, /Invalid BIN \(bin\) in item 0: must be 6 to 8 digits long \(got 5\)/);
	});
});

describe('One-click card charges', () => {
	interceptMidtrans();

	it('asks Midtrans to save the card, and the item carries saved_token_id and its expiry', async () => {
		const { seen } = recordRequest(SANDBOX_HOST, 'POST', '/v2/charge', {
			status_code: '200',
			transaction_status: 'capture',
			fraud_status: 'accept',
			saved_token_id: SAVED_TOKEN,
			saved_token_id_expired_at: '2030-12-31 07:00:00',
		});
		const { items } = await runMidtrans(
			charge({ paymentType: 'credit_card', grossAmount: 150000, tokenId: '441111-1118-abc', creditCard: { saveTokenId: true } }),
		);
		expect((seen.body as IDataObject).credit_card).toEqual({ token_id: '441111-1118-abc', authentication: true, save_token_id: true });
		expect(items[0].json).toMatchObject({ saved_token_id: SAVED_TOKEN, saved_token_id_expired_at: '2030-12-31 07:00:00' });
	});

	it('charges again with the saved token in token_id and 3DS off: the one-click charge', async () => {
		const { seen } = recordRequest(SANDBOX_HOST, 'POST', '/v2/charge', { status_code: '200', transaction_status: 'capture' });
		const { error } = await runMidtrans(
			charge({ paymentType: 'credit_card', grossAmount: 150000, tokenId: SAVED_TOKEN, creditCard: { authentication: false } }),
		);
		expect(error).toBeUndefined();
		expect((seen.body as IDataObject).credit_card).toEqual({ token_id: SAVED_TOKEN, authentication: false });
	});
});
