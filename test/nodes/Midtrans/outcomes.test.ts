/**
 * When the node cannot know what Midtrans did, it must say so: never turn a lost, unfinished or unreadable
 * answer into an item that looks like a result. Where an Idempotency-Key makes it safe, it asks again.
 */
import { runMidtrans } from '../../harness/engine';
import { QUICK_RETRIES, SANDBOX_HOST } from '../../harness/midtrans';
import { interceptMidtrans, networkFailure } from '../../harness/nock';
import { answerInTurn, type Reply, type SeenRequest } from '../../harness/nockReplies';
import { alfamartCharge, charge, indomaretCharge } from '../../harness/parameters';

const pending = { status_code: '201', transaction_status: 'pending', order_id: 'order-1', transaction_id: 'b0a5c7e2-1d5e-4bb4-a7f6-0d3a51f3e2a1' };
const LOOK_UP = 'The request may have reached Midtrans: look up order "order-1" with Get Status before sending it again.';

/** Midtrans's answer to a repeated Idempotency-Key while it is still processing the first request. */
const stillProcessing: Array<[string, Reply]> = [
	['HTTP 202', { status: 202, body: { status_message: 'Request is being processed, please retry later' } }],
	['status_code "202" in HTTP 200', { body: { status_code: '202', status_message: 'Request is being processed, please retry later' } }],
];

/** Answers that are not Midtrans's JSON: they say nothing about what Midtrans did. */
const unreadable: Array<[string, Reply]> = [
	['JSON cut short', { body: '{"status_code":"201","transaction_status":"pend', headers: { 'content-type': 'application/json' } }],
	['a proxy’s HTML page', { body: '<html><body><h1>Upstream sent an invalid response</h1></body></html>', headers: { 'content-type': 'text/html' } }],
];

/** The run's one item is `pending`, reached in `attempts` requests that all carried the same Idempotency-Key. */
function expectPendingUnderOneKey({ items, error }: Awaited<ReturnType<typeof runMidtrans>>, requests: SeenRequest[], attempts: number) {
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json)).toEqual([pending]);
	expect(requests).toHaveLength(attempts);
	expect(new Set(requests.map((request) => request.headers['idempotency-key'])).size).toBe(1);
}

describe('a charge Midtrans is still processing', () => {
	interceptMidtrans();

	it.each(stillProcessing)(
		'after a dropped connection, a retry answered %s is asked again with the same key until Midtrans’s answer is the item',
		async (_shape, inFlight) => {
			const { requests } = answerInTurn(SANDBOX_HOST, 'POST', '/v2/charge', [networkFailure('ECONNRESET'), inFlight, { body: pending }]);
			expectPendingUnderOneKey(await runMidtrans(alfamartCharge({ options: QUICK_RETRIES })), requests, 3);
		},
	);

	it('fails as an unknown outcome, never as an item, when Midtrans is still processing at the end of the Timeout', async () => {
		const [[, inFlight]] = stillProcessing;
		const { requests } = answerInTurn(SANDBOX_HOST, 'POST', '/v2/charge', [inFlight], { repeatLast: true });
		const { items, error } = await runMidtrans(alfamartCharge({ options: { timeout: 1000, retryWait: 50 } }));
		expect(items).toEqual([]);
		expect(error?.message).toBe('The outcome is unknown: Midtrans was still processing the request when the time allowed for it ran out');
		expect(error?.description).toBe(LOOK_UP);
		expect(requests.length).toBeGreaterThan(1);
	});

	it('reports a card charge the bank denied (status_code "202", transaction_status deny) as Midtrans’s answer, asked once', async () => {
		const denied = { status_code: '202', status_message: 'Card is not authorized', transaction_status: 'deny', fraud_status: 'accept', order_id: 'order-1' };
		const { requests } = answerInTurn(SANDBOX_HOST, 'POST', '/v2/charge', [{ body: denied }, { body: pending }]);
		const { items, error } = await runMidtrans(charge({ paymentType: 'credit_card', grossAmount: 150000, tokenId: 'tok-1' }));
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([denied]);
		expect(requests).toHaveLength(1);
	});
});

describe('an answer that cannot be read', () => {
	interceptMidtrans();

	it.each(unreadable)(
		'to an Indomaret charge (no Idempotency-Key), %s is not resent and fails as an unknown outcome to look up with Get Status',
		async (_shape, answer) => {
			const { requests } = answerInTurn(SANDBOX_HOST, 'POST', '/v2/charge', [answer, { body: pending }]);
			const { items, error } = await runMidtrans(indomaretCharge({ options: QUICK_RETRIES }));
			expect(items).toEqual([]);
			expect(requests).toHaveLength(1);
			expect(error?.message).toMatch(/^The outcome is unknown: Midtrans’s answer \(HTTP 200\) is not the JSON it sends/);
			expect(error?.description).toBe(LOOK_UP);
		},
	);

	it.each(unreadable)('with Continue On Fail, %s to an Indomaret charge becomes an error item, not a result', async (_shape, answer) => {
		answerInTurn(SANDBOX_HOST, 'POST', '/v2/charge', [answer]);
		const { items, error } = await runMidtrans(indomaretCharge(), [{}], { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				json: { error: expect.stringMatching(/^The outcome is unknown: /), description: LOOK_UP },
				pairedItem: { item: 0 },
			},
		]);
	});

	it.each(unreadable)(
		'to an Alfamart charge (with an Idempotency-Key), %s is resent with the same key and the readable answer is the item',
		async (_shape, answer) => {
			const { requests } = answerInTurn(SANDBOX_HOST, 'POST', '/v2/charge', [answer, { body: pending }]);
			expectPendingUnderOneKey(await runMidtrans(alfamartCharge({ options: QUICK_RETRIES })), requests, 2);
		},
	);
});
