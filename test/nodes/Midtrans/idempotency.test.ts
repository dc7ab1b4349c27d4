/**
 * Midtrans answers a repeated Idempotency-Key with its first answer, and refuses a second refund with the
 * same refund_key: so an item sent twice moves money once only if every attempt carries the same keys.
 * These tests read the keys Midtrans received.
 */
import type { IDataObject } from 'n8n-workflow';

import { runMidtrans } from '../../harness/engine';
import { QUICK_RETRIES, SANDBOX_HOST } from '../../harness/midtrans';
import { interceptMidtrans } from '../../harness/nock';
import { answerInTurn, type Reply, type SeenRequest } from '../../harness/nockReplies';
import { alfamartCharge, MADE_KEY, refund } from '../../harness/parameters';

const pending = { body: { status_code: '201', transaction_status: 'pending', order_id: 'order-1', payment_code: '123' } };
const refunded = { body: { status_code: '200', transaction_status: 'refund', order_id: 'order-1' } };
const serverError = { status: 500, body: { status_code: '500', status_message: 'Internal server error' } };
const unavailable = { status: 503, body: { status_code: '503', status_message: 'Service unavailable' } };

const idempotencyKeys = (requests: SeenRequest[]) => requests.map((request) => request.headers['idempotency-key']);
const refundKeys = (requests: SeenRequest[]) => requests.map((request) => request.body?.refund_key);

/** Every value the same, and a key the node made. */
function expectOneMadeKey(keys: unknown[]) {
	expect(keys[0]).toMatch(MADE_KEY);
	expect(new Set(keys).size).toBe(1);
}

/** How an item comes to be sent twice: the first attempt fails as `failure`, the second succeeds. */
const retries: Array<[string, Reply, (parameters: IDataObject) => ReturnType<typeof runMidtrans>]> = [
	['the node’s own retry after a 500', serverError, (parameters) => runMidtrans({ ...parameters, options: QUICK_RETRIES })],
	[
		'n8n’s Retry On Fail after a 503 (with Retries 0)',
		unavailable,
		(parameters) => runMidtrans({ ...parameters, options: { retries: 0 } }, [{}], { retryOnFail: { maxTries: 2 } }),
	],
];

describe('the keys of one item survive every retry', () => {
	interceptMidtrans();

	it.each(retries)('a charge keeps its Idempotency-Key across %s, and the answer to the retry is the item', async (_how, failure, runRetrying) => {
		const { requests } = answerInTurn(SANDBOX_HOST, 'POST', '/v2/charge', [failure, pending]);
		const { items, error } = await runRetrying(alfamartCharge());
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(2);
		expectOneMadeKey(idempotencyKeys(requests));
		expect(items.map((item) => item.json)).toEqual([pending.body]);
	});

	it.each(retries)('a refund keeps its refund_key and Idempotency-Key across %s, so it cannot refund twice', async (_how, failure, runRetrying) => {
		const { requests } = answerInTurn(SANDBOX_HOST, 'POST', '/v2/order-1/refund', [failure, refunded]);
		const { items, error } = await runRetrying(refund('order-1', { amount: 10000 }));
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(2);
		expectOneMadeKey(refundKeys(requests));
		expectOneMadeKey(idempotencyKeys(requests));
		expect(items.map((item) => item.json)).toEqual([refunded.body]);
	});

	it('sends the user’s Idempotency Key and Refund Key as given, on every attempt', async () => {
		const { requests } = answerInTurn(SANDBOX_HOST, 'POST', '/v2/order-1/refund', [serverError, refunded]);
		await runMidtrans(
			refund('order-1', {
				additionalFields: { idempotencyKey: 'shop-refund-1001', refundKey: 'order-1-refund-1' },
				options: QUICK_RETRIES,
			}),
		);
		expect(idempotencyKeys(requests)).toEqual(['shop-refund-1001', 'shop-refund-1001']);
		expect(refundKeys(requests)).toEqual(['order-1-refund-1', 'order-1-refund-1']);
	});
});

describe('the keys differ wherever the payment differs', () => {
	interceptMidtrans();

	it('gives every item of a run its own Idempotency-Key and refund_key', async () => {
		const { requests } = answerInTurn(SANDBOX_HOST, 'POST', /^\/v2\/order-\d\/refund$/, [refunded, refunded, refunded]);
		const { error } = await runMidtrans(refund('={{ $json.order }}'), [{ order: 'order-1' }, { order: 'order-2' }, { order: 'order-3' }]);
		expect(error).toBeUndefined();
		expect(new Set(idempotencyKeys(requests)).size).toBe(3);
		expect(new Set(refundKeys(requests)).size).toBe(3);
	});

	it('gives the same item a new key in a new execution: running the workflow again is a new request', async () => {
		const { requests } = answerInTurn(SANDBOX_HOST, 'POST', '/v2/order-1/refund', [refunded, refunded]);
		await runMidtrans(refund());
		await runMidtrans(refund());
		expect(requests).toHaveLength(2);
		expect(new Set(idempotencyKeys(requests)).size).toBe(2);
		expect(new Set(refundKeys(requests)).size).toBe(2);
	});
});
