/**
 * Payout → Create: what Iris receives (the creator's key, the payouts as Iris's strings, an X-Idempotency-Key)
 * and what the workflow gets back. A payout created twice is money lost, so the key must be the same on every
 * attempt of an item: the node's own retries and n8n's Retry On Fail.
 */
import type { IDataObject } from 'n8n-workflow';

import { interceptMidtrans, networkFailure, recordRequest } from '../../harness/nock';
import { answerInTurn, type Reply, type SeenRequest } from '../../harness/nockReplies';
import {
	createPayout,
	IRIS_PATH,
	IRIS_SANDBOX_HOST,
	irisAuthFor,
	runPayouts,
	TEST_CREATOR_KEY,
} from '../../harness/payouts';

const QUICK = { retryWait: 1 };
const queued = (...references: string[]) => ({
	body: { payouts: references.map((reference_no) => ({ status: 'queued', reference_no })) },
});
const serverError: Reply = { status: 500, body: { error_message: 'Internal server error' } };
const unavailable: Reply = { status: 503, body: { error_message: 'Service unavailable' } };

const keysOf = (requests: SeenRequest[]) => requests.map((request) => request.headers['x-idempotency-key']);
/** What the node makes when the user gives no key: well within Iris's 100 characters. */
const MADE_KEY = /^n8n-[A-Za-z0-9_-]{32}$/;

describe('Payout → Create', () => {
	interceptMidtrans();

	it('sends one payout per item with the creator’s key, the amount as Iris’s "100000.00" and a made X-Idempotency-Key', async () => {
		const { seen } = recordRequest(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/payouts`, queued('1d4f8423393005').body);
		const { items, error } = await runPayouts(createPayout({ additionalFields: { beneficiaryEmail: 'budi@example.com' } }));

		expect(error).toBeUndefined();
		expect(seen.body).toEqual({
			payouts: [
				{
					beneficiary_name: 'Budi Santoso',
					beneficiary_account: '1172993826',
					beneficiary_bank: 'bca',
					beneficiary_email: 'budi@example.com',
					amount: '100000.00',
					notes: 'Seller payout week 17',
				},
			],
		});
		expect(seen.headers?.authorization).toBe(irisAuthFor(TEST_CREATOR_KEY));
		expect(seen.headers?.['x-idempotency-key']).toMatch(MADE_KEY);
		expect(seen.headers?.['x-n8n-iris-role']).toBeUndefined();
		expect(seen.headers?.['content-type']).toMatch(/application\/json/);
		expect(items.map((item) => item.json)).toEqual([
			{
				status: 'queued',
				reference_no: '1d4f8423393005',
				beneficiary_name: 'Budi Santoso',
				beneficiary_account: '1172993826',
				beneficiary_bank: 'bca',
				beneficiary_email: 'budi@example.com',
				amount: '100000.00',
				notes: 'Seller payout week 17',
			},
		]);
	});

	it('reads an amount given as text ("250000" or "250000.00") and a bank code in capitals', async () => {
		const { requests } = answerInTurn(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/payouts`, [queued('a1'), queued('a2')]);
		const { error } = await runPayouts(createPayout({ amount: '={{ $json.amount }}', beneficiaryBank: 'BNI' }), [
			{ amount: '250000' },
			{ amount: '250000.00' },
		]);
		expect(error).toBeUndefined();
		expect(requests.map((request) => (request.body?.payouts as IDataObject[])[0])).toEqual([
			expect.objectContaining({ amount: '250000.00', beneficiary_bank: 'bni' }),
			expect.objectContaining({ amount: '250000.00', beneficiary_bank: 'bni' }),
		]);
	});

	it('sends a JSON list as one request and answers one item per payout, each paired with its input item', async () => {
		const { seen } = recordRequest(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/payouts`, queued('r-jon', 'r-john').body);
		// Already in Iris's strings: sent as it is.
		const johnDoe = {
			beneficiary_name: 'John Doe',
			beneficiary_account: '112673910288',
			beneficiary_bank: 'mandiri',
			beneficiary_email: 'john@example.com',
			amount: '50000.00',
			notes: 'Payout May 17',
			bank_account_id: 'mandiri7891',
		};
		const list = [
			{ beneficiary_name: 'Jon Snow', beneficiary_account: '1172993826', beneficiary_bank: 'bni', amount: 100000, notes: 'Payout April 17' },
			johnDoe,
		];
		const { items, error } = await runPayouts({ resource: 'payout', operation: 'create', payoutsFrom: 'json', payouts: '={{ $json.batch }}' }, [
			{ batch: list },
		]);

		expect(error).toBeUndefined();
		expect(seen.calls).toBe(1);
		expect((seen.body as IDataObject).payouts).toEqual([
			{ beneficiary_name: 'Jon Snow', beneficiary_account: '1172993826', beneficiary_bank: 'bni', amount: '100000.00', notes: 'Payout April 17' },
			johnDoe,
		]);
		expect(items.map((item) => [item.json.reference_no, item.json.beneficiary_name, item.pairedItem])).toEqual([
			['r-jon', 'Jon Snow', { item: 0 }],
			['r-john', 'John Doe', { item: 0 }],
		]);
	});

	it('sends a payout to GoPay with the owner’s mobile number', async () => {
		const { seen } = recordRequest(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/payouts`, queued('gp1').body);
		const { error } = await runPayouts(createPayout({ beneficiaryBank: 'gopay', beneficiaryAccount: '081234567890' }));
		expect(error).toBeUndefined();
		expect((seen.body as { payouts: IDataObject[] }).payouts[0]).toMatchObject({ beneficiary_bank: 'gopay', beneficiary_account: '081234567890' });
	});

	it('gives each item of a run its own key, so that two payouts are never taken for one', async () => {
		const { requests } = answerInTurn(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/payouts`, [queued('k1'), queued('k2'), queued('k3')]);
		const { error } = await runPayouts(createPayout(), [{}, {}, {}]);
		expect(error).toBeUndefined();
		expect(new Set(keysOf(requests)).size).toBe(3);
	});
});

describe('the X-Idempotency-Key of a payout survives every retry', () => {
	interceptMidtrans();

	const retries: Array<[string, Reply[], (parameters: IDataObject) => ReturnType<typeof runPayouts>]> = [
		['the node’s own retry after a 500', [serverError], (parameters) => runPayouts({ ...parameters, options: QUICK })],
		['the node’s own retry after a dropped connection', [networkFailure('ECONNRESET')], (parameters) => runPayouts({ ...parameters, options: QUICK })],
		[
			'n8n’s Retry On Fail after a 503 (with Retries 0)',
			[unavailable],
			(parameters) => runPayouts({ ...parameters, options: { retries: 0 } }, [{}], { retryOnFail: { maxTries: 2 } }),
		],
		[
			'n8n’s Retry On Fail after the node’s own retries ran out',
			[serverError, serverError],
			(parameters) => runPayouts({ ...parameters, options: { retries: 1, retryWait: 1 } }, [{}], { retryOnFail: { maxTries: 2 } }),
		],
	];

	it.each(retries)('across %s: every attempt carries the same key, and the answer to the last is the item', async (_how, failures, runRetrying) => {
		const { requests } = answerInTurn(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/payouts`, [...failures, queued('once')]);
		const { items, error } = await runRetrying(createPayout());
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(failures.length + 1);
		const keys = keysOf(requests);
		expect(keys[0]).toMatch(MADE_KEY);
		expect(new Set(keys).size).toBe(1);
		// The same body too: Iris refuses a repeated key whose request differs.
		expect(new Set(requests.map((request) => JSON.stringify(request.body))).size).toBe(1);
		expect(items.map((item) => item.json.reference_no)).toEqual(['once']);
	});

	it('sends the user’s own Idempotency Key as given, on every attempt', async () => {
		const { requests } = answerInTurn(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/payouts`, [serverError, queued('mine')]);
		const { error } = await runPayouts(createPayout({ additionalFields: { idempotencyKey: 'payout-invoice-1001' }, options: QUICK }));
		expect(error).toBeUndefined();
		expect(keysOf(requests)).toEqual(['payout-invoice-1001', 'payout-invoice-1001']);
	});

	it('accepts a key of exactly 100 characters, Iris’s limit', async () => {
		const key = 'k'.repeat(100);
		const { requests } = answerInTurn(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/payouts`, [queued('long')]);
		const { error } = await runPayouts(createPayout({ additionalFields: { idempotencyKey: key } }));
		expect(error).toBeUndefined();
		expect(keysOf(requests)).toEqual([key]);
	});

	it('reports a lost answer as an unknown outcome that says how to look, once its retries are spent', async () => {
		const { requests } = answerInTurn(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/payouts`, [networkFailure('ECONNRESET')], { repeatLast: true });
		const { error, items } = await runPayouts(createPayout({ options: { retries: 1, retryWait: 1 } }));
		expect(requests).toHaveLength(2);
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^The outcome is unknown/);
		expect(error?.description).toMatch(/payouts may have been created.*Get Statements.*same X-Idempotency-Key within 24 hours/);
	});
});
