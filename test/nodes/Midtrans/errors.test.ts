import { createServer } from 'http';
import type { AddressInfo } from 'net';
import nock from 'nock';

import { retryPolicy } from '../../../nodes/Midtrans/transport';
import { runMidtrans, SANDBOX_CREDENTIALS, SANDBOX_HOST, TEST_SERVER_KEY } from '../../harness/engine';
import { useShortRetryDelays } from '../../harness/recordedRequest';

const getStatus = (transactionId = 'order-1') => ({ resource: 'transaction', operation: 'getStatus', transactionId });
const alfamartCharge = {
	resource: 'transaction',
	operation: 'charge',
	paymentType: 'cstore',
	store: 'alfamart',
	orderId: 'order-1',
	grossAmount: 44000,
};
const basicAuthValue = Buffer.from(`${TEST_SERVER_KEY}:`).toString('base64');

/** Nothing about a run (items, errors, descriptions) may carry the server key in any form. */
function expectNoSecretIn(run: unknown) {
	const serialized = JSON.stringify(run);
	expect(serialized).not.toContain(TEST_SERVER_KEY);
	expect(serialized).not.toContain(basicAuthValue);
}

describe('Midtrans errors become NodeApiErrors', () => {
	useShortRetryDelays();
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('treats HTTP 200 with status_code "406" inside as an error carrying Midtrans’s code and message', async () => {
		nock(SANDBOX_HOST).post('/v2/charge').reply(200, {
			status_code: '406',
			status_message: 'The request could not be completed due to a conflict with the current state of the target resource, please try again',
			id: 'b1b3ab5e',
		});
		const { error, run } = await runMidtrans(alfamartCharge);
		expect(error?.message).toBe(
			'Midtrans error 406: The request could not be completed due to a conflict with the current state of the target resource, please try again',
		);
		expect(error?.description).toMatch(/order ID is already used/);
		expect((error as unknown as { httpCode: string }).httpCode).toBe('406');
		expect(error?.name).toBe('NodeApiError');
		expectNoSecretIn(run);
	});

	it('lists Midtrans’s validation_messages of a 400 in the error description', async () => {
		nock(SANDBOX_HOST).post('/v2/charge').reply(200, {
			status_code: '400',
			status_message: 'One or more parameters in the payload is invalid.',
			validation_messages: ['transaction_details.gross_amount is not equal to the sum of item_details'],
		});
		const { error } = await runMidtrans(alfamartCharge);
		expect(error?.message).toBe('Midtrans error 400: One or more parameters in the payload is invalid.');
		expect(error?.description).toContain('transaction_details.gross_amount is not equal to the sum of item_details');
	});

	it('says a 401 comes from a sandbox key used against production', async () => {
		nock('https://api.midtrans.com').get('/v2/order-1/status').reply(401, {
			status_code: '401',
			status_message: 'Unknown Merchant server_key/id',
		});
		const { error, run } = await runMidtrans(getStatus(), [{}], {
			credentials: { ...SANDBOX_CREDENTIALS, environment: 'production' },
		});
		expect(error?.message).toBe('Midtrans error 401: Unknown Merchant server_key/id');
		expect(error?.description).toMatch(/starts with SB-Mid-server-, which is a sandbox key, but the credential’s environment is Production/);
		expectNoSecretIn(run);
	});

	it('says a 401 comes from a production key used against the sandbox', async () => {
		nock(SANDBOX_HOST).get('/v2/order-1/status').reply(401, { status_code: '401', status_message: 'Access denied' });
		const { error } = await runMidtrans(getStatus(), [{}], {
			credentials: { ...SANDBOX_CREDENTIALS, serverKey: 'Mid-server-Prod_abcdef123456' },
		});
		expect(error?.description).toMatch(/Mid-server-, which is a production key, but the credential’s environment is Sandbox/);
	});

	it('removes the server key even when an answer repeats it', async () => {
		nock(SANDBOX_HOST).get('/v2/order-1/status').reply(200, {
			status_code: '401',
			status_message: `Access denied for ${TEST_SERVER_KEY}`,
			validation_messages: [`key ${TEST_SERVER_KEY} unknown`],
		});
		const { error, run } = await runMidtrans(getStatus());
		expect(error?.message).toBe('Midtrans error 401: Access denied for ***');
		expectNoSecretIn(run);
	});

	it('with Continue On Fail returns Midtrans’s code, message and validation messages on the failed item only', async () => {
		nock(SANDBOX_HOST)
			.get('/v2/good/status')
			.reply(200, { status_code: '200', transaction_status: 'settlement', order_id: 'good' })
			.get('/v2/missing/status')
			.reply(404, { status_code: '404', status_message: "Transaction doesn't exist." });
		const { items, error } = await runMidtrans(
			getStatus('={{ $json.id }}'),
			[{ id: 'good' }, { id: 'missing' }],
			{ continueOnFail: true },
		);
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

	it('cancels with POST /v2/{id}/cancel and reports Midtrans’s 412 when the payment is already settled', async () => {
		let idempotencyKey: unknown;
		nock(SANDBOX_HOST)
			.post('/v2/order-1/cancel')
			.reply(function () {
				idempotencyKey = this.req.headers['idempotency-key'];
				return [200, { status_code: '412', status_message: 'Merchant cannot modify the status of the transaction' }];
			});
		const { error } = await runMidtrans({ resource: 'transaction', operation: 'cancel', transactionId: 'order-1' });
		expect(error?.message).toBe('Midtrans error 412: Merchant cannot modify the status of the transaction');
		expect(error?.description).toMatch(/does not allow this change/);
		expect(idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('returns the cancelled transaction when Midtrans accepts the cancel', async () => {
		nock(SANDBOX_HOST)
			.post('/v2/order-1/cancel')
			.reply(200, { status_code: '200', transaction_status: 'cancel', order_id: 'order-1' });
		const { items } = await runMidtrans({ resource: 'transaction', operation: 'cancel', transactionId: 'order-1' });
		expect(items[0].json).toEqual({ status_code: '200', transaction_status: 'cancel', order_id: 'order-1' });
	});
});

describe('retries happen only where they cannot charge twice', () => {
	useShortRetryDelays();
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('retries a status read after 503 and 429 and returns the answer', async () => {
		const scope = nock(SANDBOX_HOST)
			.get('/v2/order-1/status')
			.reply(503, 'Service Unavailable')
			.get('/v2/order-1/status')
			.reply(429, { status_code: '429', status_message: 'Too many requests' }, { 'Retry-After': '0' })
			.get('/v2/order-1/status')
			.reply(200, { status_code: '200', transaction_status: 'settlement' });
		const { items, error } = await runMidtrans(getStatus());
		expect(error).toBeUndefined();
		scope.done();
		expect(items[0].json.transaction_status).toBe('settlement');
	});

	it('gives up on a read after the bounded number of retries with a clear error', async () => {
		const scope = nock(SANDBOX_HOST)
			.get('/v2/order-1/status')
			.times(retryPolicy.maxRetries + 1)
			.reply(200, { status_code: '500', status_message: 'Internal server error' });
		const extra = nock(SANDBOX_HOST).get('/v2/order-1/status').reply(200, { status_code: '200' });
		const { error } = await runMidtrans(getStatus());
		scope.done();
		expect(extra.isDone()).toBe(false);
		expect(error?.message).toBe('Midtrans error 500: Internal server error');
		expect(error?.description).toMatch(/check it with Get Status/);
	});

	it('retries a charge after a 500 with the same Idempotency-Key, so Midtrans charges once', async () => {
		const keys: unknown[] = [];
		nock(SANDBOX_HOST)
			.post('/v2/charge')
			.times(2)
			.reply(function () {
				keys.push(this.req.headers['idempotency-key']);
				return keys.length === 1
					? [500, { status_code: '500', status_message: 'Internal server error' }]
					: [200, { status_code: '201', transaction_status: 'pending', payment_code: '123' }];
			});
		const { items } = await runMidtrans(alfamartCharge);
		expect(items[0].json.payment_code).toBe('123');
		expect(keys).toHaveLength(2);
		expect(keys[0]).toBe(keys[1]);
	});

	it('does not retry an Indomaret charge, whose Idempotency-Key Midtrans ignores, and says to check the status', async () => {
		const scope = nock(SANDBOX_HOST)
			.post('/v2/charge')
			.reply(500, { status_code: '500', status_message: 'Internal server error' });
		const second = nock(SANDBOX_HOST).post('/v2/charge').reply(200, { status_code: '201' });
		const { error } = await runMidtrans({ ...alfamartCharge, store: 'indomaret' });
		scope.done();
		expect(second.isDone()).toBe(false);
		expect(error?.message).toBe('Midtrans error 500: Internal server error');
		expect(error?.description).toMatch(/may still have gone through: check it with Get Status/);
	});

});

/** A loopback server that hangs up on every request: what a network failure looks like to the node. */
async function startHangingUpServer() {
	const requests: string[] = [];
	const server = createServer((request) => {
		requests.push(`${request.method} ${request.url}`);
		request.socket.destroy();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		requests,
		credentials: { ...SANDBOX_CREDENTIALS, environment: 'custom', baseUrl: `http://127.0.0.1:${port}` },
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe('dropped connections', () => {
	useShortRetryDelays();
	let server: Awaited<ReturnType<typeof startHangingUpServer>>;
	beforeAll(async () => {
		nock.enableNetConnect('127.0.0.1');
		server = await startHangingUpServer();
	});
	afterAll(async () => await server.close());
	beforeEach(() => server.requests.splice(0));

	it('retries a read whose connection drops, a bounded number of times, then says Midtrans was not reached', async () => {
		const { error, run } = await runMidtrans(getStatus(), [{}], { credentials: server.credentials });
		expect(server.requests).toHaveLength(retryPolicy.maxRetries + 1);
		expect(error?.message).toBe('Could not reach Midtrans: the connection was dropped');
		expect(error?.description).toBe('Nothing was changed at Midtrans. (ECONNRESET)');
		expectNoSecretIn(run);
	});

	it('does not retry an Indomaret charge whose connection drops, and says it may have reached Midtrans', async () => {
		const { error, run } = await runMidtrans({ ...alfamartCharge, store: 'indomaret' }, [{}], {
			credentials: server.credentials,
		});
		expect(server.requests).toEqual(['POST /v2/charge']);
		expect(error?.message).toBe('Could not reach Midtrans: the connection was dropped');
		expect(error?.description).toMatch(/may have reached Midtrans: check the transaction with Get Status/);
		expectNoSecretIn(run);
	});
});
