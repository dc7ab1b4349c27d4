import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { runMidtrans } from '../../harness/engine';
import { SANDBOX_HOST } from '../../harness/midtrans';
import { interceptMidtrans, queryOf, recordRequest } from '../../harness/nock';
import { capture, MADE_KEY, onTransaction, refund } from '../../harness/parameters';
import { expectRefusedBeforeSending } from '../../harness/runs';

const ORDER = 'order-3001';
const settled = {
	transaction_id: 'be4f3e44-d6ee-4355-8c64-c1d1dc7f4590',
	order_id: ORDER,
	gross_amount: '150000.00',
	payment_type: 'credit_card',
};
const transactionOf = (operation: string, parameters: IDataObject = {}) => onTransaction('transaction', operation, ORDER, parameters);
const refundOf = (parameters: IDataObject = {}) => refund(ORDER, parameters);

describe('Approve, Deny, Expire, Refund, Capture and Get Status B2B', () => {
	interceptMidtrans();

	it.each([
		['approves', 'approve', { status_code: '200', transaction_status: 'capture', fraud_status: 'accept' }],
		['denies', 'deny', { status_code: '200', transaction_status: 'deny', fraud_status: 'deny' }],
	])('%s a challenged card payment with an Idempotency-Key and returns Midtrans’s answer', async (_verb, operation, answer) => {
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'POST', `/v2/${ORDER}/${operation}`, { ...settled, ...answer });
		const { items, error } = await runMidtrans(transactionOf(operation));
		expect(error).toBeUndefined();
		scope.done();
		expect(seen.headers?.['idempotency-key']).toMatch(MADE_KEY);
		expect(items[0].json).toEqual({ ...settled, ...answer });
	});

	it('percent-encodes an order ID that is not URL-safe in the path', async () => {
		const { scope } = recordRequest(SANDBOX_HOST, 'POST', '/v2/order%2F7/expire', { status_code: '407', transaction_status: 'expire' });
		const { error } = await runMidtrans(onTransaction('transaction', 'expire', 'order/7'));
		expect(error).toBeUndefined();
		scope.done();
	});

	it('refunds part of a payment with amount, reason and refund key, carrying an Idempotency-Key', async () => {
		const answer = { ...settled, status_code: '200', transaction_status: 'partial_refund', refund_amount: '50000.00', refund_key: 'order-3001-r1' };
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'POST', `/v2/${ORDER}/refund`, answer);
		const { items } = await runMidtrans(
			refundOf({ amount: 50000, reason: 'Item out of stock', additionalFields: { refundKey: 'order-3001-r1' } }),
		);
		scope.done();
		expect(seen.body).toEqual({ refund_key: 'order-3001-r1', amount: 50000, reason: 'Item out of stock' });
		expect(seen.headers?.['idempotency-key']).toMatch(MADE_KEY);
		expect(items[0].json).toEqual(answer);
	});

	it('refunds everything when the amount is 0: no amount, so Midtrans refunds the rest, under a refund key of its own', async () => {
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'POST', `/v2/${ORDER}/refund`, { status_code: '200' });
		await runMidtrans(refundOf({ amount: 0 }));
		scope.done();
		expect(seen.body).toEqual({ refund_key: expect.stringMatching(MADE_KEY) });
	});

	it('sends a direct refund to /refund/online/direct with the user’s Idempotency-Key', async () => {
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'POST', `/v2/${ORDER}/refund/online/direct`, { status_code: '200' });
		await runMidtrans(refundOf({ amount: 10000, additionalFields: { direct: true, idempotencyKey: 'refund-3001-a' } }));
		scope.done();
		expect(seen.body).toEqual({ amount: 10000, refund_key: expect.stringMatching(MADE_KEY) });
		expect(seen.headers?.['idempotency-key']).toBe('refund-3001-a');
	});

	it('passes Midtrans’s refusal of a refund on as an error with its code', async () => {
		nock(SANDBOX_HOST)
			.post(`/v2/${ORDER}/refund`)
			.reply(200, { status_code: '412', status_message: 'Merchant cannot modify the status of the transaction' });
		const { error } = await runMidtrans(refundOf());
		expect(error?.message).toBe('Midtrans error 412: Merchant cannot modify the status of the transaction');
	});

	it('captures a pre-authorized card payment with transaction_id and gross_amount, carrying an Idempotency-Key', async () => {
		const answer = { ...settled, status_code: '200', transaction_status: 'capture', fraud_status: 'accept' };
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'POST', '/v2/capture', answer);
		const { items } = await runMidtrans(capture(settled.transaction_id, 145000));
		scope.done();
		expect(seen.body).toEqual({ transaction_id: settled.transaction_id, gross_amount: 145000 });
		expect(seen.headers?.['idempotency-key']).toMatch(MADE_KEY);
		expect(items[0].json).toEqual(answer);
	});

	it('reads the B2B transactions of an order, page by page', async () => {
		const answer = {
			status_code: '200',
			status_message: 'Success, transactions are retrieved',
			transactions: [
				{ order_id: 'order-3001-1', transaction_status: 'settlement', payment_type: 'echannel' },
				{ order_id: ORDER, transaction_status: 'settlement', payment_type: 'echannel' },
			],
		};
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'GET', `/v2/${ORDER}/status/b2b`, answer);
		const { items } = await runMidtrans(transactionOf('getStatusB2b', { page: 1, perPage: 2 }));
		scope.done();
		expect(queryOf(seen.path)).toEqual({ page: '1', per_page: '2' });
		expect(items[0].json).toEqual(answer);
	});

	it('asks for Midtrans’s default first page of 10 when page and per page are left alone', async () => {
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'GET', `/v2/${ORDER}/status/b2b`, { status_code: '200', transactions: [] });
		await runMidtrans(transactionOf('getStatusB2b'));
		scope.done();
		expect(queryOf(seen.path)).toEqual({ page: '0', per_page: '10' });
	});

	const invalidCases: Array<[string, IDataObject, RegExp]> = [
		['a refund amount with decimals', refundOf({ amount: 1000.5 }), /Invalid Amount \(amount\) in item 0: must be a whole number of rupiah/],
		['a negative refund amount', refundOf({ amount: '={{ -5 }}' }), /Invalid Amount \(amount\) in item 0: must be at least 1/],
		[
			'a refund key with characters Midtrans refuses',
			refundOf({ additionalFields: { refundKey: 'refund #1' } }),
			/Invalid Refund Key \(additionalFields.refundKey\) in item 0: may hold only letters, digits, - and _/,
		],
		['a reason longer than 255 characters', refundOf({ reason: 'r'.repeat(256) }), /Invalid Reason \(reason\) in item 0: must be at most 255 characters/],
		[
			'an Idempotency-Key longer than Midtrans keeps',
			refundOf({ additionalFields: { idempotencyKey: 'k'.repeat(47) } }),
			/Invalid Idempotency Key \(additionalFields.idempotencyKey\) in item 0: must be at most 46 characters/,
		],
		['a capture without an amount', capture(settled.transaction_id, 0), /Invalid Gross Amount \(grossAmount\) in item 0: must be at least 1/],
		['a capture without a transaction ID', capture('={{ "" }}', 1000), /Invalid Transaction ID \(transactionId\) in item 0: it is required/],
		[
			'an approve without a transaction',
			onTransaction('transaction', 'approve', '={{ "" }}'),
			/Invalid Order ID or Transaction ID \(orderOrTransactionId\) in item 0: it is required/,
		],
		['a negative page', transactionOf('getStatusB2b', { page: '={{ -1 }}' }), /Invalid Page \(page\) in item 0: must be at least 0/],
		['a page number with decimals', transactionOf('getStatusB2b', { page: 1.5 }), /Invalid Page \(page\) in item 0: must be a whole number, without decimals/],
	];

	it.each(invalidCases)('refuses %s, naming the field, the item and the rule, and sends nothing', async (_name, parameters, message) => {
		await expectRefusedBeforeSending(parameters, message);
	});
});
