/**
 * Every wait the node does is bounded, and it repeats only what cannot move money twice: the Timeout
 * option ends a request that gets no answer, Midtrans's Retry-After is honoured only up to 10 s, and
 * each status code is repeated, accepted or reported as Midtrans means it.
 */
import { runMidtrans } from '../../harness/engine';
import { customCredentials, QUICK_RETRIES, SANDBOX_HOST, TEST_SERVER_KEY } from '../../harness/midtrans';
import { startLoopback } from '../../harness/loopback';
import { interceptMidtrans, networkFailure } from '../../harness/nock';
import { answerInTurn, type Reply } from '../../harness/nockReplies';
import { alfamartCharge, getStatus, indomaretCharge, onTransaction } from '../../harness/parameters';

const pending = { body: { status_code: '201', transaction_status: 'pending', order_id: 'order-1' } };

describe('waits end', () => {
	it('fails a charge to a server that never answers within the Timeout option, as an unknown outcome', async () => {
		const server = await startLoopback(() => 'no-answer');
		try {
			const started = Date.now();
			const { error, items } = await runMidtrans(alfamartCharge({ options: { ...QUICK_RETRIES, timeout: 1500 } }), [{}], {
				credentials: customCredentials(server.url, TEST_SERVER_KEY),
			});
			// A behaviour bound, not a benchmark: the default would wait 60 s per attempt.
			expect(Date.now() - started).toBeLessThan(5000);
			expect(items).toEqual([]);
			expect(error?.message).toBe('The outcome is unknown: could not reach Midtrans (no answer in time)');
			expect(error?.description).toMatch(/^The request may have reached Midtrans: look up order "order-1" with Get Status/);
		} finally {
			await server.close();
		}
	});

	describe('against Midtrans', () => {
		interceptMidtrans();

		it('fails at once when Midtrans asks to wait longer than 10 s, naming the wait', async () => {
			const { requests } = answerInTurn(SANDBOX_HOST, 'GET', '/v2/order-1/status', [
				{ status: 429, body: { status_code: '429', status_message: 'Too many requests' }, headers: { 'Retry-After': '30' } },
				{ body: { status_code: '200', transaction_status: 'settlement' } },
			]);
			const started = Date.now();
			const { error } = await runMidtrans(getStatus());
			expect(Date.now() - started).toBeLessThan(2000);
			expect(requests).toHaveLength(1);
			expect(error?.message).toBe('Midtrans error 429: Too many requests');
			expect(error?.description).toContain('Midtrans asked to wait 30 s, longer than the node waits (10 s).');
		});

		it('never repeats a request answered 505, even a read', async () => {
			const { requests } = answerInTurn(SANDBOX_HOST, 'GET', '/v2/order-1/status', [
				{ status: 505, body: { status_code: '505', status_message: 'HTTP Version Not Supported' } },
				{ body: { status_code: '200', transaction_status: 'settlement' } },
			]);
			const { error } = await runMidtrans(getStatus('order-1', { options: QUICK_RETRIES }));
			expect(requests).toHaveLength(1);
			expect(error?.message).toBe('Midtrans error 505: HTTP Version Not Supported');
		});

		it.each([
			['answered 429, which Midtrans did not process', { status: 429, body: { status_code: '429', status_message: 'Too many requests' } }],
			['whose connection was refused, which never left this machine', networkFailure('ECONNREFUSED')],
		] as Array<[string, Reply]>)('repeats an Indomaret charge %s', async (_why, failure) => {
			const { requests } = answerInTurn(SANDBOX_HOST, 'POST', '/v2/charge', [failure, pending]);
			const { items, error } = await runMidtrans(indomaretCharge({ options: QUICK_RETRIES }));
			expect(error).toBeUndefined();
			expect(requests).toHaveLength(2);
			expect(items[0].json).toEqual(pending.body);
		});

		it('does not repeat an Indomaret charge answered 500, which Midtrans may have made, and says to check it first', async () => {
			const { requests } = answerInTurn(SANDBOX_HOST, 'POST', '/v2/charge', [
				{ status: 500, body: { status_code: '500', status_message: 'Internal server error' } },
				pending,
			]);
			const { error } = await runMidtrans(indomaretCharge({ options: QUICK_RETRIES }));
			expect(requests).toHaveLength(1);
			expect(error?.message).toBe('Midtrans error 500: Internal server error');
			expect(error?.description).toMatch(/may still have gone through: check it with Get Status/);
		});
	});
});

describe('status_code "407" means what Midtrans means by it', () => {
	interceptMidtrans();
	const expired = { status_code: '407', status_message: 'Success, transaction has expired', transaction_status: 'expire', order_id: 'order-1' };

	it('Expire answered "407" is a success: the transaction has expired', async () => {
		answerInTurn(SANDBOX_HOST, 'POST', '/v2/order-1/expire', [{ body: expired }]);
		const { items, error } = await runMidtrans(onTransaction('transaction', 'expire'));
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([expired]);
	});

	it('Get Status answered "407" is a success: it reports an expired transaction', async () => {
		const status = { ...expired, status_message: 'Success, transaction is found' };
		answerInTurn(SANDBOX_HOST, 'GET', '/v2/order-1/status', [{ body: status }]);
		const { items, error } = await runMidtrans(getStatus());
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([status]);
	});

	it('Cancel answered "407" is an error: the transaction expired before it could be cancelled', async () => {
		answerInTurn(SANDBOX_HOST, 'POST', '/v2/order-1/cancel', [
			{ body: { status_code: '407', status_message: 'Transaction is expired', order_id: 'order-1' } },
		]);
		const { items, error } = await runMidtrans(onTransaction('payment', 'cancel'));
		expect(items).toEqual([]);
		expect(error?.message).toBe('Midtrans error 407: Transaction is expired');
	});
});
