import nock from 'nock';

import { runMidtrans } from '../../harness/engine';
import { customCredentials, QUICK_RETRIES, SANDBOX_CREDENTIALS, SANDBOX_HOST, TEST_SERVER_KEY } from '../../harness/midtrans';
import { startLoopback, type LoopbackServer } from '../../harness/loopback';
import { interceptMidtrans } from '../../harness/nock';
import { answerInTurn } from '../../harness/nockReplies';
import { alfamartCharge, getStatus, indomaretCharge, onTransaction } from '../../harness/parameters';

describe('Midtrans errors become NodeApiErrors', () => {
	interceptMidtrans();

	it('treats HTTP 200 with status_code "406" inside as an error carrying Midtrans’s code and message', async () => {
		nock(SANDBOX_HOST).post('/v2/charge').reply(200, {
			status_code: '406',
			status_message: 'The request could not be completed due to a conflict with the current state of the target resource, please try again',
			id: 'b1b3ab5e',
		});
		const { error } = await runMidtrans(alfamartCharge());
		expect(error?.message).toBe(
			'Midtrans error 406: The request could not be completed due to a conflict with the current state of the target resource, please try again',
		);
		expect(error?.description).toMatch(/order ID is already used/);
		expect((error as unknown as { httpCode: string }).httpCode).toBe('406');
		expect(error?.name).toBe('NodeApiError');
	});

	it('lists Midtrans’s validation_messages of a 400 in the error description', async () => {
		nock(SANDBOX_HOST).post('/v2/charge').reply(200, {
			status_code: '400',
			status_message: 'One or more parameters in the payload is invalid.',
			validation_messages: ['transaction_details.gross_amount is not equal to the sum of item_details'],
		});
		const { error } = await runMidtrans(alfamartCharge());
		expect(error?.message).toBe('Midtrans error 400: One or more parameters in the payload is invalid.');
		expect(error?.description).toContain('transaction_details.gross_amount is not equal to the sum of item_details');
	});

	it('says a 401 comes from a sandbox key used against production', async () => {
		nock('https://api.midtrans.com').get('/v2/order-1/status').reply(401, {
			status_code: '401',
			status_message: 'Unknown Merchant server_key/id',
		});
		const { error } = await runMidtrans(getStatus(), [{}], {
			credentials: { ...SANDBOX_CREDENTIALS, environment: 'production' },
		});
		expect(error?.message).toBe('Midtrans error 401: Unknown Merchant server_key/id');
		expect(error?.description).toMatch(/starts with SB-Mid-server-, which is a sandbox key, but the credential’s environment is Production/);
	});

	it('says a 401 comes from a production key used against the sandbox', async () => {
		nock(SANDBOX_HOST).get('/v2/order-1/status').reply(401, { status_code: '401', status_message: 'Access denied' });
		const { error } = await runMidtrans(getStatus(), [{}], {
			credentials: { ...SANDBOX_CREDENTIALS, serverApiKey: 'Mid-server-Prod_abcdef123456' },
		});
		expect(error?.description).toMatch(/Mid-server-, which is a production key, but the credential’s environment is Sandbox/);
	});

	it('with Continue On Fail returns Midtrans’s code, message and validation messages on the failed item only', async () => {
		nock(SANDBOX_HOST)
			.get('/v2/good/status')
			.reply(200, { status_code: '200', transaction_status: 'settlement', order_id: 'good' })
			.get('/v2/missing/status')
			.reply(404, { status_code: '404', status_message: "Transaction doesn't exist." });
		const { items, error } = await runMidtrans(getStatus('={{ $json.id }}'), [{ id: 'good' }, { id: 'missing' }], {
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items[0].json.transaction_status).toBe('settlement');
		expect(items[1].json).toMatchObject({
			error: "Midtrans error 404: Transaction doesn't exist.",
			status_code: '404',
			status_message: "Transaction doesn't exist.",
		});
		expect(items[1].json.description).toMatch(/knows no transaction/);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('encodes an order ID that is not URL-safe in the path', async () => {
		const scope = nock(SANDBOX_HOST)
			.get('/v2/order%2F1%20%232/status')
			.reply(200, { status_code: '200', transaction_status: 'pending', order_id: 'order/1 #2' });
		const { items } = await runMidtrans(getStatus('order/1 #2'));
		scope.done();
		expect(items[0].json.order_id).toBe('order/1 #2');
	});

	it('reports Midtrans’s 412 when cancelling a payment that is already settled', async () => {
		nock(SANDBOX_HOST)
			.post('/v2/order-1/cancel')
			.reply(200, { status_code: '412', status_message: 'Merchant cannot modify the status of the transaction' });
		const { error } = await runMidtrans(onTransaction('payment', 'cancel'));
		expect(error?.message).toBe('Midtrans error 412: Merchant cannot modify the status of the transaction');
		expect(error?.description).toMatch(/does not allow this change/);
	});

	it('returns the cancelled transaction when Midtrans accepts the cancel', async () => {
		nock(SANDBOX_HOST)
			.post('/v2/order-1/cancel')
			.reply(200, { status_code: '200', transaction_status: 'cancel', order_id: 'order-1' });
		const { items } = await runMidtrans(onTransaction('payment', 'cancel'));
		expect(items[0].json).toEqual({ status_code: '200', transaction_status: 'cancel', order_id: 'order-1' });
	});
});

describe('reads are retried', () => {
	interceptMidtrans();

	it('retries a status read after 503 and 429 and returns the answer', async () => {
		const { requests } = answerInTurn(SANDBOX_HOST, 'GET', '/v2/order-1/status', [
			{ status: 503, body: 'Service Unavailable' },
			{ status: 429, body: { status_code: '429', status_message: 'Too many requests' }, headers: { 'Retry-After': '0' } },
			{ body: { status_code: '200', transaction_status: 'settlement' } },
		]);
		const { items, error } = await runMidtrans(getStatus('order-1', { options: QUICK_RETRIES }));
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(3);
		expect(items[0].json.transaction_status).toBe('settlement');
	});

	it('gives up on a read after the Retries option’s number of retries, with a clear error', async () => {
		const failing = { body: { status_code: '500', status_message: 'Internal server error' } };
		const { requests } = answerInTurn(SANDBOX_HOST, 'GET', '/v2/order-1/status', [failing, failing, failing, { body: { status_code: '200' } }]);
		const { error } = await runMidtrans(getStatus('order-1', { options: { ...QUICK_RETRIES, retries: 2 } }));
		expect(requests).toHaveLength(3);
		expect(error?.message).toBe('Midtrans error 500: Internal server error');
		expect(error?.description).toMatch(/check it with Get Status/);
	});
});

describe('dropped connections', () => {
	let server: LoopbackServer;
	beforeAll(async () => {
		server = await startLoopback(() => 'hang-up');
	});
	afterAll(async () => await server.close());
	beforeEach(() => server.requests.splice(0));
	const credentials = () => customCredentials(server.url, TEST_SERVER_KEY);

	it('retries a read whose connection drops, as often as the Retries option allows, then says nothing changed at Midtrans', async () => {
		const { error } = await runMidtrans(getStatus('order-1', { options: { ...QUICK_RETRIES, retries: 2 } }), [{}], {
			credentials: credentials(),
		});
		expect(server.requests).toHaveLength(3);
		expect(error?.message).toBe('Could not reach Midtrans: the connection was dropped');
		expect(error?.description).toBe('Nothing was changed at Midtrans. (ECONNRESET)');
	});

	it('does not resend an Indomaret charge whose connection drops, and says the outcome is unknown until looked up', async () => {
		const { error } = await runMidtrans(indomaretCharge({ options: QUICK_RETRIES }), [{}], { credentials: credentials() });
		expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual(['POST /v2/charge']);
		expect(error?.message).toBe('The outcome is unknown: could not reach Midtrans (the connection was dropped)');
		expect(error?.description).toBe(
			'The request may have reached Midtrans: look up order "order-1" with Get Status before sending it again. (ECONNRESET)',
		);
	});
});
