/**
 * Iris's refusals as the user sees them: its HTTP status and its own words (error_message, and errors as a
 * list, an object of lists or a string), a hint where one helps; and the three keys nowhere in the run, in any
 * form they could take on the wire.
 */
import { expectNoEchoIn, keyEchoes } from '../../harness/keyEchoes';
import { interceptMidtrans, recordRequest } from '../../harness/nock';
import { answerInTurn } from '../../harness/nockReplies';
import { createPayout, IRIS_PATH, IRIS_SANDBOX_HOST, irisAuthFor, runPayouts } from '../../harness/payouts';

describe('Iris’s errors, as the node reports them', () => {
	interceptMidtrans();

	it('a validation error with a list of errors (creating a beneficiary whose alias is taken)', async () => {
		recordRequest(
			IRIS_SANDBOX_HOST,
			'POST',
			`${IRIS_PATH}/beneficiaries`,
			{ error_message: 'An error occurred when creating beneficiary', errors: ['Alias name has already been taken'] },
			{ status: 400 },
		);
		const { error } = await runPayouts({ resource: 'beneficiary', operation: 'create', name: 'Budi', bank: 'bca', account: '0611101146', aliasName: 'budi' });
		expect(error?.message).toBe('Midtrans error 400: An error occurred when creating beneficiary');
		expect(error?.description).toMatch(/Alias name has already been taken/);
	});

	it('an account validation error with an object of lists, each named by its field', async () => {
		recordRequest(
			IRIS_SANDBOX_HOST,
			'GET',
			`${IRIS_PATH}/account_validation`,
			{ id: 'f00d', error_message: 'An error occured when doing account validation', errors: { account: ['Account does not exist'] } },
			{ status: 400 },
		);
		const { error } = await runPayouts({ resource: 'bank', operation: 'validateAccount', bank: 'danamon', account: '000001137298' });
		expect(error?.message).toBe('Midtrans error 400: An error occured when doing account validation');
		expect(error?.description).toMatch(/account: Account does not exist/);
	});

	it('an idempotency conflict (409, errors a string) says a payout may already exist', async () => {
		recordRequest(
			IRIS_SANDBOX_HOST,
			'POST',
			`${IRIS_PATH}/payouts`,
			{ error_message: 'idempotency-key is not unique', errors: 'idempotency-key is not unique' },
			{ status: 409 },
		);
		const { error } = await runPayouts(createPayout());
		expect(error?.message).toBe('Midtrans error 409: idempotency-key is not unique');
		expect(error?.description).toMatch(/may have created payouts\. Check the payouts/);
	});

	it('a key Iris refuses with plain text (401) is quoted, with what to check about Iris keys', async () => {
		answerInTurn(IRIS_SANDBOX_HOST, 'GET', `${IRIS_PATH}/balance`, [{ status: 401, body: 'HTTP Basic: Access denied.\n' }]);
		const { error } = await runPayouts({ resource: 'balance', operation: 'get' });
		expect(error?.message).toMatch(/^Midtrans error 401: .*\(it said "HTTP Basic: Access denied\."\)$/);
		expect(error?.description).toMatch(/Check the Iris API keys: each belongs to one environment/);
	});

	it('a Core API server key in the credential is named as the likely cause of a 401', async () => {
		answerInTurn(IRIS_SANDBOX_HOST, 'GET', `${IRIS_PATH}/balance`, [{ status: 401, body: 'HTTP Basic: Access denied.\n' }]);
		const { error } = await runPayouts({ resource: 'balance', operation: 'get' }, [{}], {
			credentials: { environment: 'sandbox', creatorApiKey: 'SB-Mid-server-NotAnIrisKey_123' },
		});
		expect(error?.description).toMatch(/starts with SB-Mid-server- or Mid-server-: that is a Core API server key/);
	});

	it('a 403 names the roles', async () => {
		recordRequest(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/beneficiaries`, { error_message: 'Forbidden' }, { status: 403 });
		const { error } = await runPayouts({ resource: 'beneficiary', operation: 'create', name: 'Budi', bank: 'bca', account: '0611101146', aliasName: 'budi' });
		expect(error?.description).toMatch(/Creator for payouts and beneficiaries/);
	});

	it('a 500 to a payout creation, once its retries are spent, says the payouts may exist and where to look', async () => {
		recordRequest(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/payouts`, { error_message: 'Internal server error' }, { status: 500, times: 2 });
		const { error } = await runPayouts(createPayout({ options: { retries: 1, retryWait: 1 } }));
		expect(error?.message).toBe('Midtrans error 500: Internal server error');
		expect(error?.description).toMatch(/payouts may have been created/);
	});

	it('with continueOnFail, the error item carries Iris’s code and words, paired with its item', async () => {
		recordRequest(
			IRIS_SANDBOX_HOST,
			'GET',
			`${IRIS_PATH}/payouts/missing1`,
			{ error_message: 'Payout not found', errors: 'Payout not found' },
			{ status: 404 },
		);
		const { items } = await runPayouts({ resource: 'payout', operation: 'get', referenceNo: 'missing1' }, [{}], { continueOnFail: true });
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({ error: 'Midtrans error 404: Payout not found', status_code: '404' });
		expect(String(items[0].json.description)).toMatch(/Iris knows no such payout/);
	});
});

// Keys with characters that change under base64 and URL encoding, so that every form differs from the raw key.
const CREATOR = 'IRIS-cre/ator+Key=1 9f8e7d';
const APPROVER = 'IRIS-appr/over+Key=2 6c5b4a';
const MERCHANT = 'IRIS-merchant-Se/cr+et=3 3f2e';
const credentials = { environment: 'sandbox', creatorApiKey: CREATOR, approverApiKey: APPROVER, merchantSecretKey: MERCHANT };

const KEYS: Array<[string, string]> = [
	['creator key', CREATOR],
	['approver key', APPROVER],
	['merchant key', MERCHANT],
];
const ECHOES = keyEchoes(KEYS);

const expectNoKeyIn = (run: unknown) => expectNoEchoIn(run, ECHOES);

describe('the Iris keys never reach the run', () => {
	interceptMidtrans();

	it.each(ECHOES)('an error answer echoing the %s', async (_name, echoed) => {
		answerInTurn(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/payouts/approve`, [
			{ status: 401, body: { error_message: `Access denied for ${echoed}`, errors: [`key ${echoed}`], [echoed]: { authorization: `Basic ${echoed}` } } },
		]);
		const { run, error } = await runPayouts({ resource: 'payout', operation: 'approve', referenceNumbers: 'r1' }, [{}], { credentials });
		expect(error).toBeDefined();
		expectNoKeyIn(run);
	});

	it.each(ECHOES)('a successful answer echoing the %s', async (_name, echoed) => {
		answerInTurn(IRIS_SANDBOX_HOST, 'GET', `${IRIS_PATH}/balance`, [{ body: { balance: '1.00', note: echoed } }]);
		const { run, items } = await runPayouts({ resource: 'balance', operation: 'get' }, [{}], { credentials });
		expect(items).toHaveLength(1);
		expectNoKeyIn(run);
	});

	it.each(ECHOES)('a plain-text answer echoing the %s', async (_name, echoed) => {
		answerInTurn(IRIS_SANDBOX_HOST, 'GET', `${IRIS_PATH}/balance`, [{ status: 502, body: `bad gateway for ${echoed}` }]);
		const { run } = await runPayouts({ resource: 'balance', operation: 'get', options: { retries: 0 } }, [{}], { credentials });
		expectNoKeyIn(run);
	});

	it('while the approver’s key, and only it, authenticates an approval', async () => {
		const { seen } = recordRequest(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/payouts/approve`, { status: 'ok' });
		const { run } = await runPayouts({ resource: 'payout', operation: 'approve', referenceNumbers: 'r1' }, [{}], { credentials });
		expect(seen.headers?.authorization).toBe(irisAuthFor(APPROVER));
		expectNoKeyIn(run);
	});
});
