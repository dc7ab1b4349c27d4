import nock from 'nock';

import { runMidtrans, SANDBOX_HOST } from '../../harness/engine';
import { queryOf, recordRequest, useShortRetryDelays } from '../../harness/recordedRequest';

const transaction = (operation: string, parameters: object = {}) => ({
	resource: 'transaction',
	operation,
	transactionId: 'order-3001',
	...parameters,
});

const settled = {
	transaction_id: 'be4f3e44-d6ee-4355-8c64-c1d1dc7f4590',
	order_id: 'order-3001',
	gross_amount: '150000.00',
	payment_type: 'credit_card',
};

describe('Approve, Deny, Expire, Refund, Capture and Get Status B2B', () => {
	useShortRetryDelays();
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it.each([
		['approve', { status_code: '200', transaction_status: 'capture', fraud_status: 'accept' }],
		['deny', { status_code: '200', transaction_status: 'deny', fraud_status: 'deny' }],
	])('%ss a challenged card payment with an Idempotency-Key and returns Midtrans’s answer', async (operation, answer) => {
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'POST', `/v2/order-3001/${operation}`, { ...settled, ...answer });
		const { items, error } = await runMidtrans(transaction(operation));
		expect(error).toBeUndefined();
		scope.done();
		expect(String(seen.headers?.['idempotency-key'])).toMatch(/^[0-9a-f-]{36}$/);
		expect(items[0].json).toEqual({ ...settled, ...answer });
	});

	it('expires a pending transaction: the "407" Midtrans answers is a success, not an error', async () => {
		const answer = {
			...settled,
			payment_type: 'bank_transfer',
			status_code: '407',
			status_message: 'Success, transaction has expired',
			transaction_status: 'expire',
		};
		const { scope } = recordRequest(SANDBOX_HOST, 'POST', '/v2/order-3001/expire', answer);
		const { items, error } = await runMidtrans(transaction('expire'));
		expect(error).toBeUndefined();
		scope.done();
		expect(items[0].json).toEqual(answer);
	});

	it('percent-encodes an order ID that is not URL-safe in the path', async () => {
		const { scope } = recordRequest(SANDBOX_HOST, 'POST', '/v2/order%2F7/expire', { status_code: '407' });
		await runMidtrans(transaction('expire', { transactionId: 'order/7' }));
		scope.done();
	});

	it('refunds part of a payment with amount, reason and refund key, carrying an Idempotency-Key', async () => {
		const answer = { ...settled, status_code: '200', transaction_status: 'partial_refund', refund_amount: '50000.00', refund_key: 'order-3001-r1' };
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'POST', '/v2/order-3001/refund', answer);
		const { items } = await runMidtrans(
			transaction('refund', {
				amount: 50000,
				reason: 'Item out of stock',
				additionalFields: { refundKey: 'order-3001-r1' },
			}),
		);
		scope.done();
		expect(seen.body).toEqual({ refund_key: 'order-3001-r1', amount: 50000, reason: 'Item out of stock' });
		expect(String(seen.headers?.['idempotency-key'])).toMatch(/^[0-9a-f-]{36}$/);
		expect(items[0].json).toEqual(answer);
	});

	it('refunds everything when the amount is 0: no amount, so Midtrans refunds the rest, and a refund key of its own', async () => {
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'POST', '/v2/order-3001/refund', { status_code: '200' });
		await runMidtrans(transaction('refund', { amount: 0 }));
		scope.done();
		expect(seen.body).toEqual({ refund_key: expect.stringMatching(/^[0-9a-f-]{36}$/) });
	});

	it('sends a direct refund to /refund/online/direct with the user’s Idempotency-Key', async () => {
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'POST', '/v2/order-3001/refund/online/direct', { status_code: '200' });
		await runMidtrans(
			transaction('refund', { amount: 10000, additionalFields: { direct: true, idempotencyKey: 'refund-3001-a' } }),
		);
		scope.done();
		expect(seen.body).toEqual({ amount: 10000, refund_key: expect.any(String) });
		expect(seen.headers?.['idempotency-key']).toBe('refund-3001-a');
	});

	it('repeats a refund whose answer was a 503 with the same Idempotency-Key, so Midtrans refunds once', async () => {
		const keys: unknown[] = [];
		nock(SANDBOX_HOST)
			.post('/v2/order-3001/refund')
			.reply(function () {
				keys.push(this.req.headers['idempotency-key']);
				return [503, { status_code: '503', status_message: 'Service unavailable' }];
			})
			.post('/v2/order-3001/refund')
			.reply(function () {
				keys.push(this.req.headers['idempotency-key']);
				return [200, { ...settled, status_code: '200', transaction_status: 'refund' }];
			});
		const { items, error } = await runMidtrans(transaction('refund'));
		expect(error).toBeUndefined();
		expect(keys).toHaveLength(2);
		expect(keys[0]).toBe(keys[1]);
		expect(items[0].json.transaction_status).toBe('refund');
	});

	it('passes Midtrans’s refusal of a refund on as an error with its code', async () => {
		nock(SANDBOX_HOST)
			.post('/v2/order-3001/refund')
			.reply(200, { status_code: '412', status_message: 'Merchant cannot modify the status of the transaction' });
		const { error } = await runMidtrans(transaction('refund'));
		expect(error?.message).toBe('Midtrans error 412: Merchant cannot modify the status of the transaction');
	});

	it('captures a pre-authorized card payment with transaction_id and gross_amount, carrying an Idempotency-Key', async () => {
		const answer = { ...settled, status_code: '200', transaction_status: 'capture', fraud_status: 'accept' };
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'POST', '/v2/capture', answer);
		const { items } = await runMidtrans({
			resource: 'transaction',
			operation: 'capture',
			transactionId: settled.transaction_id,
			grossAmount: 145000,
		});
		scope.done();
		expect(seen.body).toEqual({ transaction_id: settled.transaction_id, gross_amount: 145000 });
		expect(String(seen.headers?.['idempotency-key'])).toMatch(/^[0-9a-f-]{36}$/);
		expect(items[0].json).toEqual(answer);
	});

	it('reads the B2B transactions of an order, page by page', async () => {
		const answer = {
			status_code: '200',
			status_message: 'Success, transactions are retrieved',
			transactions: [
				{ order_id: 'order-3001-1', transaction_status: 'settlement', payment_type: 'echannel' },
				{ order_id: 'order-3001', transaction_status: 'settlement', payment_type: 'echannel' },
			],
		};
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'GET', '/v2/order-3001/status/b2b', answer);
		const { items } = await runMidtrans(transaction('getStatusB2b', { page: 1, perPage: 2 }));
		scope.done();
		expect(queryOf(seen.path)).toEqual({ page: '1', per_page: '2' });
		expect(items[0].json).toEqual(answer);
	});

	it('asks for Midtrans’s default first page of 10 when page and per page are left alone', async () => {
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'GET', '/v2/order-3001/status/b2b', { status_code: '200', transactions: [] });
		await runMidtrans(transaction('getStatusB2b'));
		scope.done();
		expect(queryOf(seen.path)).toEqual({ page: '0', per_page: '10' });
	});

	const invalidCases: Array<[string, string, object, RegExp]> = [
		['a refund amount with decimals', 'refund', { amount: 1000.5 }, /Invalid Amount \(amount\) in item 0: must be a whole number of rupiah/],
		['a negative refund amount', 'refund', { amount: '={{ -5 }}' }, /Invalid Amount \(amount\) in item 0: must be at least 1/],
		[
			'a refund key with characters Midtrans refuses',
			'refund',
			{ additionalFields: { refundKey: 'refund #1' } },
			/Invalid Refund Key \(additionalFields.refundKey\) in item 0: may hold only letters, digits, - and _/,
		],
		['a reason longer than 255 characters', 'refund', { reason: 'r'.repeat(256) }, /Invalid Reason \(reason\) in item 0: must be at most 255 characters/],
		[
			'an Idempotency-Key longer than Midtrans keeps',
			'refund',
			{ additionalFields: { idempotencyKey: 'k'.repeat(47) } },
			/Invalid Idempotency Key \(additionalFields.idempotencyKey\) in item 0: must be at most 46 characters/,
		],
		['a capture without an amount', 'capture', { grossAmount: 0 }, /Invalid Gross Amount \(grossAmount\) in item 0: must be at least 1/],
		['a capture without a transaction ID', 'capture', { transactionId: '={{ "" }}', grossAmount: 1000 }, /Invalid Transaction ID \(transactionId\) in item 0: it is required/],
		['an approve without a transaction', 'approve', { transactionId: '={{ "" }}' }, /Invalid Order ID or Transaction ID \(transactionId\) in item 0: it is required/],
		['a negative page', 'getStatusB2b', { page: '={{ -1 }}' }, /Invalid Page \(page\) in item 0: must be at least 0/],
	];

	it.each(invalidCases)('refuses %s, naming the field, the item and the rule, and sends nothing', async (_name, operation, parameters, message) => {
		const scope = nock(SANDBOX_HOST).post(/.*/).reply(200, {}).get(/.*/).reply(200, {});
		const { error, items } = await runMidtrans(transaction(operation, parameters));
		expect(error?.message).toMatch(message);
		expect(error?.description).toBe('Nothing was sent to Midtrans for this item.');
		expect(items).toEqual([]);
		expect(scope.pendingMocks()).toHaveLength(2);
	});
});
