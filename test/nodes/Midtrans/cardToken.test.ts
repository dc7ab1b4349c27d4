import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { runMidtrans } from '../../harness/engine';
import { FUTURE_YEAR, SANDBOX_CREDENTIALS, SANDBOX_HOST, TEST_CLIENT_KEY } from '../../harness/midtrans';
import { interceptMidtrans, queryOf, recordCharge, recordRequest } from '../../harness/nock';
import { unansweredDuring } from '../../harness/nockReplies';
import { charge, createCardToken } from '../../harness/parameters';
import { expectRefusedBeforeSending } from '../../harness/runs';

const tokenAnswer = {
	status_code: '200',
	status_message: 'Credit card token is created as Token ID.',
	token_id: '481111-1114-a901971f-2f1b-4781-802a-df326fbf0e9c',
	hash: '481111-1114-mami',
};
const PRODUCTION_CREDENTIALS = { environment: 'production', serverApiKey: 'Mid-server-Prod_1234abcd', clientKey: 'Mid-client-Prod_1234' };

const expectTokenRequest = (host = SANDBOX_HOST) => recordRequest(host, 'GET', '/v2/token', tokenAnswer);

describe('Card: Create Test Token', () => {
	interceptMidtrans();

	it('asks GET /v2/token with the credential’s client key and the card, and returns token_id', async () => {
		const { scope, seen } = expectTokenRequest();
		const { items, error } = await runMidtrans(createCardToken());
		expect(error).toBeUndefined();
		scope.done();
		expect(queryOf(seen.path)).toEqual({
			client_key: TEST_CLIENT_KEY,
			card_number: '4811111111111114',
			card_exp_month: '02',
			card_exp_year: FUTURE_YEAR,
			card_cvv: '123',
		});
		expect(items[0].json).toEqual(tokenAnswer);
		// The item carries the token, not the card or the client key.
		expect(JSON.stringify(items)).not.toContain('4811111111111114');
		expect(JSON.stringify(items)).not.toContain(TEST_CLIENT_KEY);
	});

	it('makes a token the next node can charge: Card Token → Charge with Credit Card', async () => {
		expectTokenRequest();
		const { scope, seen } = recordCharge({
			status_code: '200',
			transaction_status: 'capture',
			fraud_status: 'accept',
		});
		const { items: tokens } = await runMidtrans(createCardToken('4411111111111118'));
		const { error } = await runMidtrans(
			charge({
				paymentType: 'credit_card',
				grossAmount: 20000,
				tokenId: '={{ $json.token_id }}',
				creditCard: { authentication: false },
			}),
			tokens.map((item) => item.json),
		);
		expect(error).toBeUndefined();
		scope.done();
		expect((seen.body as { credit_card: { token_id: string } }).credit_card.token_id).toBe(tokenAnswer.token_id);
	});

	it('refuses in production, saying card data must not pass through n8n, and sends nothing', async () => {
		const { result, unanswered } = await unansweredDuring(() =>
			runMidtrans(createCardToken(), [{}], { credentials: PRODUCTION_CREDENTIALS }),
		);
		expect(result.error?.message).toBe(
			'Create Card Token is refused in production (item 0): card numbers must not pass through n8n in production',
		);
		expect(result.error?.description).toMatch(/PCI DSS.*Midtrans\.js.*Allow in Production/);
		expect(result.items).toEqual([]);
		expect(unanswered).toEqual([]);
	});

	it('works in production only when Allow in Production is turned on', async () => {
		const { scope, seen } = expectTokenRequest('https://api.midtrans.com');
		const { error } = await runMidtrans(createCardToken(undefined, { allowInProduction: true }), [{}], {
			credentials: PRODUCTION_CREDENTIALS,
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(queryOf(seen.path).client_key).toBe(PRODUCTION_CREDENTIALS.clientKey);
	});

	it('says clearly that the credential needs a client key when it has none, and sends nothing', async () => {
		const { result, unanswered } = await unansweredDuring(() =>
			runMidtrans(createCardToken(), [{}], { credentials: { ...SANDBOX_CREDENTIALS, clientKey: '' } }),
		);
		expect(result.error?.message).toBe('The Midtrans credential has no Client Key, which Create Card Token needs (item 0)');
		expect(result.error?.description).toMatch(/Settings → Access Keys/);
		expect(unanswered).toEqual([]);
	});

	it('passes Midtrans’s refusal of a card on as an error without echoing the client key or the card number', async () => {
		nock(SANDBOX_HOST)
			.get('/v2/token')
			.query(true)
			.reply(200, {
				status_code: '400',
				status_message: 'One or more parameters in the payload is invalid.',
				validation_messages: ['card_cvv must be 3 digits'],
			});
		const { error, run } = await runMidtrans(createCardToken());
		expect(error?.message).toBe('Midtrans error 400: One or more parameters in the payload is invalid.');
		expect(error?.description).toContain('card_cvv must be 3 digits');
		expect(JSON.stringify(run)).not.toContain(TEST_CLIENT_KEY);
		expect(JSON.stringify(run)).not.toContain('4811111111111114');
	});

	const invalidCases: Array<[string, IDataObject, RegExp]> = [
		[
			'a card number whose check digit is wrong',
			{ cardNumber: '4811 1111 1111 1115' },
			/Invalid Card Number \(cardNumber\) in item 0: is not a valid card number \(its check digit is wrong\)/,
		],
		['a card number that is too short', { cardNumber: '4811' }, /Invalid Card Number \(cardNumber\) in item 0: must be 12 to 19 digits/],
		['a month that does not exist', { cardExpMonth: '13' }, /Invalid Expiry Month \(cardExpMonth\) in item 0: must be a month number from 1 to 12/],
		['a two-digit year', { cardExpYear: '39' }, /Invalid Expiry Year \(cardExpYear\) in item 0: must be a four-digit year such as 2030/],
		['a card that has expired', { cardExpMonth: '1', cardExpYear: '2001' }, /Invalid Expiry Year \(cardExpYear\) in item 0: the card expired in 01\/2001/],
		['a CVV of two digits', { cardCvv: '12' }, /Invalid CVV \(cardCvv\) in item 0: must be 3 to 4 digits long/],
	];

	it.each(invalidCases)('refuses %s, naming the field, the item and the rule, and sends nothing', async (_name, parameters, message) => {
		await expectRefusedBeforeSending(createCardToken(undefined, parameters), message);
	});
});
