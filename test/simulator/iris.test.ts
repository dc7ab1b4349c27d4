/**
 * The simulator's Iris API, tested against Iris's documented rules at their edges, over real HTTP and
 * independently of the nodes: roles and keys, payouts and their idempotency key, approval with an OTP, the
 * balance payouts draw down, beneficiaries, banks, account validation, statements.
 */
import axios, { type AxiosInstance } from 'axios';

import {
	DEFAULT_IRIS_APPROVER_KEY,
	DEFAULT_IRIS_BALANCE,
	DEFAULT_IRIS_CREATOR_KEY,
	IRIS_SANDBOX_OTP,
	type Simulator,
	startSimulator,
} from '../../tools/simulator';
import { basicAuth, type Json } from './helpers';

function irisClient(simulator: Simulator, key?: string): AxiosInstance {
	return axios.create({
		baseURL: `${simulator.url}/iris/api/v1`,
		headers: { Accept: 'application/json', ...(key ? { Authorization: basicAuth(key) } : {}) },
		validateStatus: () => true,
	});
}

const payout = (fields: Json = {}) => ({
	beneficiary_name: 'Jon Snow',
	beneficiary_account: '1172993826',
	beneficiary_bank: 'bni',
	beneficiary_email: 'jon@example.com',
	amount: '100000.00',
	notes: 'Payout April 17',
	...fields,
});

describe('simulator: Iris', () => {
	let simulator: Simulator;
	let creator: AxiosInstance;
	let approver: AxiosInstance;

	beforeAll(async () => {
		simulator = await startSimulator({ port: 0 });
		creator = irisClient(simulator, DEFAULT_IRIS_CREATOR_KEY);
		approver = irisClient(simulator, DEFAULT_IRIS_APPROVER_KEY);
	});
	afterAll(() => simulator.close());
	beforeEach(() => {
		simulator.reset();
		simulator.iris.setOtp(undefined);
	});

	const create = async (...payouts: Json[]) => {
		const { status, data } = await creator.post('/payouts', { payouts: payouts.length ? payouts : [payout()] });
		expect(status).toBe(201);
		return (data.payouts as Json[]).map((entry) => String(entry.reference_no));
	};

	describe('keys and roles', () => {
		it('answers a missing or unknown key 401 in plain text, as Iris does', async () => {
			for (const client of [irisClient(simulator), irisClient(simulator, 'SB-Mid-server-simulator')]) {
				const answer = await client.get('/balance');
				expect(answer.status).toBe(401);
				expect(answer.headers['content-type']).toMatch(/^text\/plain/);
				expect(answer.data).toBe('HTTP Basic: Access denied.\n');
			}
		});

		it('answers ping without a key', async () => {
			const answer = await irisClient(simulator).get('/ping');
			expect([answer.status, answer.data]).toEqual([200, 'pong']);
		});

		it('lets only the creator create payouts and beneficiaries, and only the approver approve and reject', async () => {
			expect((await approver.post('/payouts', { payouts: [payout()] })).status).toBe(401);
			expect((await approver.post('/beneficiaries', {})).data).toEqual({ error_message: 'You are not authorized to perform this action', errors: ['not authorized'] });
			const [reference] = await create();
			expect((await creator.post('/payouts/approve', { reference_nos: [reference] })).status).toBe(401);
			expect((await creator.post('/payouts/reject', { reference_nos: [reference], reject_reason: 'x' })).status).toBe(401);
			expect(simulator.iris.payout(reference)?.status).toBe('queued');
		});

		it('lets both roles read balance, payouts, banks, channels and statements', async () => {
			const [reference] = await create();
			for (const client of [creator, approver]) {
				for (const path of ['/balance', `/payouts/${reference}`, '/beneficiary_banks', '/channels', '/statements?from_date=2020-01-01&to_date=2099-12-31', '/beneficiaries']) {
					expect([path, (await client.get(path)).status]).toEqual([path, 200]);
				}
			}
		});

		it('refuses the facilitator endpoints to its aggregator account', async () => {
			expect((await creator.get('/bank_accounts')).status).toBe(401);
			expect((await creator.get('/bank_accounts/abc/balance')).status).toBe(401);
		});
	});

	describe('payouts', () => {
		it('creates one or many payouts, queued, each with a reference_no, and shows their details', async () => {
			const { data } = await creator.post('/payouts', { payouts: [payout(), payout({ beneficiary_name: 'John Doe', beneficiary_bank: 'mandiri', beneficiary_account: '112673910288', amount: '50000' })] });
			expect(data.payouts).toEqual([
				{ status: 'queued', reference_no: expect.stringMatching(/^[0-9a-f]{14}$/) },
				{ status: 'queued', reference_no: expect.stringMatching(/^[0-9a-f]{14}$/) },
			]);
			const details = (await creator.get(`/payouts/${data.payouts[1].reference_no}`)).data;
			expect(details).toMatchObject({
				reference_no: data.payouts[1].reference_no,
				amount: '50000.00',
				beneficiary_name: 'John Doe',
				bank: 'Bank Mandiri ( MANDIRI )',
				status: 'queued',
				created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
			});
		});

		it.each([
			['an amount with a fraction', payout({ amount: '100000.50' }), /amount should have a decimal fraction of \.0/],
			['an amount with 3 decimals', payout({ amount: '100000.000' }), /amount should be a number with at most 2 decimals/],
			['an amount as a number', payout({ amount: 100000 }), /amount should be a number with at most 2 decimals/],
			['an amount of 0', payout({ amount: '0.00' }), /amount should be more than 0/],
			['an account of 5 digits', payout({ beneficiary_account: '12345' }), /beneficiary_account should be 6 to 20 digits/],
			['an account of 21 digits', payout({ beneficiary_account: '1'.repeat(21) }), /beneficiary_account should be 6 to 20 digits/],
			['a GoPay number not starting with 62 or 08', payout({ beneficiary_bank: 'gopay', beneficiary_account: '1234567890' }), /mobile number starting with 62 or 08/],
			['an unknown bank', payout({ beneficiary_bank: 'bank of narnia' }), /beneficiary_bank is not supported/],
			['notes of 101 characters', payout({ notes: 'n'.repeat(101) }), /notes is too long \(maximum is 100 characters\)/],
			['no notes', payout({ notes: '' }), /notes can't be blank/],
		])('refuses %s with 400 and creates nothing', async (_what, entry, problem) => {
			const { status, data } = await creator.post('/payouts', { payouts: [payout(), entry] });
			expect(status).toBe(400);
			expect(data.error_message).toBe('An error occurred when creating payouts');
			expect((data.errors as string[]).join('; ')).toMatch(problem);
			expect(simulator.iris.payouts()).toEqual([]);
		});

		it('accepts notes of exactly 100 characters and GoPay numbers starting with 62 or 08', async () => {
			await create(payout({ notes: 'n'.repeat(100) }), payout({ beneficiary_bank: 'gopay', beneficiary_account: '6281234567890' }), payout({ beneficiary_bank: 'ovo', beneficiary_account: '081234567890' }));
		});

		it('answers an identical request with the same X-Idempotency-Key as the first time, creating nothing more', async () => {
			const headers = { 'X-Idempotency-Key': 'invoice-1001' };
			const first = await creator.post('/payouts', { payouts: [payout()] }, { headers });
			const again = await creator.post('/payouts', { payouts: [payout()] }, { headers });
			expect(again.status).toBe(first.status);
			expect(again.data).toEqual(first.data);
			expect(simulator.iris.payouts()).toHaveLength(1);
		});

		it('refuses the same X-Idempotency-Key on a different request with 409, as the docs say', async () => {
			const headers = { 'X-Idempotency-Key': 'invoice-1002' };
			await creator.post('/payouts', { payouts: [payout()] }, { headers });
			const changed = await creator.post('/payouts', { payouts: [payout({ amount: '200000.00' })] }, { headers });
			expect(changed.status).toBe(409);
			expect(changed.data).toEqual({ error_message: 'idempotency-key is not unique', errors: 'idempotency-key is not unique' });
			expect(simulator.iris.payouts()).toHaveLength(1);
		});

		it('takes a key of 100 characters and refuses one of 101', async () => {
			expect((await creator.post('/payouts', { payouts: [payout()] }, { headers: { 'X-Idempotency-Key': 'k'.repeat(100) } })).status).toBe(201);
			expect((await creator.post('/payouts', { payouts: [payout()] }, { headers: { 'X-Idempotency-Key': 'k'.repeat(101) } })).status).toBe(400);
		});

		it('does not remember a refused request under its key: the corrected one goes through', async () => {
			const headers = { 'X-Idempotency-Key': 'invoice-1003' };
			expect((await creator.post('/payouts', { payouts: [payout({ amount: '1.5' })] }, { headers })).status).toBe(400);
			expect((await creator.post('/payouts', { payouts: [payout()] }, { headers })).status).toBe(201);
		});

		it('answers an unknown reference_no 404', async () => {
			const { status, data } = await creator.get('/payouts/doesnotexist');
			expect(status).toBe(404);
			expect(data).toEqual({ error_message: 'Payout not found', errors: 'Payout not found' });
		});
	});

	describe('approval', () => {
		it('approves queued payouts, drawing their amounts from the balance once', async () => {
			const references = await create(payout({ amount: '100000.00' }), payout({ amount: '250000' }));
			expect((await approver.post('/payouts/approve', { reference_nos: references })).data).toEqual({ status: 'ok' });
			expect(references.map((reference) => simulator.iris.payout(reference)?.status)).toEqual(['approved', 'approved']);
			expect((await creator.get('/balance')).data).toEqual({ balance: `${DEFAULT_IRIS_BALANCE - 350000}.00` });
		});

		it('refuses to approve a payout that is no longer queued: an approval sent twice cannot pay twice', async () => {
			const [reference] = await create();
			await approver.post('/payouts/approve', { reference_nos: [reference] });
			const twice = await approver.post('/payouts/approve', { reference_nos: [reference] });
			expect(twice.status).toBe(400);
			expect(twice.data.errors).toEqual([`Payout ${reference} is approved, not queued`]);
			expect(simulator.iris.balance()).toBe(DEFAULT_IRIS_BALANCE - 100000);
		});

		it('asks for the OTP when the account is set up for one', async () => {
			simulator.iris.setOtp(IRIS_SANDBOX_OTP);
			const [reference] = await create();
			expect((await approver.post('/payouts/approve', { reference_nos: [reference] })).data.errors).toEqual(['OTP is required']);
			expect((await approver.post('/payouts/approve', { reference_nos: [reference], otp: '000000' })).data.errors).toEqual(['OTP is invalid']);
			expect(simulator.iris.payout(reference)?.status).toBe('queued');
			expect((await approver.post('/payouts/approve', { reference_nos: [reference], otp: IRIS_SANDBOX_OTP })).status).toBe(200);
			expect(simulator.iris.payout(reference)?.status).toBe('approved');
		});

		it('fails a payout the balance cannot cover with error 016, and takes nothing from the balance', async () => {
			const [reference] = await create(payout({ amount: `${DEFAULT_IRIS_BALANCE + 1}` }));
			await approver.post('/payouts/approve', { reference_nos: [reference] });
			expect(simulator.iris.payout(reference)).toMatchObject({ status: 'failed', error_code: '016', error_message: 'Merchant balance is not enough' });
			expect(simulator.iris.balance()).toBe(DEFAULT_IRIS_BALANCE);
		});

		it('rejects queued payouts with a reason; a reason is required', async () => {
			const [reference] = await create();
			expect((await approver.post('/payouts/reject', { reference_nos: [reference] })).status).toBe(400);
			expect((await approver.post('/payouts/reject', { reference_nos: [reference], reject_reason: 'Wrong account' })).data).toEqual({ status: 'ok' });
			expect(simulator.iris.payout(reference)).toMatchObject({ status: 'rejected', reject_reason: 'Wrong account' });
		});

		it('approves none when one of the payouts named is unknown', async () => {
			const [reference] = await create();
			const answer = await approver.post('/payouts/approve', { reference_nos: [reference, 'nope'] });
			expect(answer.status).toBe(400);
			expect(simulator.iris.payout(reference)?.status).toBe('queued');
		});
	});

	describe('beneficiaries, banks, validation, statements', () => {
		const beneficiary = (fields: Json = {}) => ({ name: 'John Doe', account: '33452784', bank: 'bca', alias_name: 'johnbca', email: 'john@example.com', ...fields });

		it('creates, lists and updates beneficiaries; an alias is unique', async () => {
			expect(await creator.post('/beneficiaries', beneficiary()).then((answer) => [answer.status, answer.data])).toEqual([201, { status: 'created' }]);
			const duplicate = await creator.post('/beneficiaries', beneficiary());
			expect([duplicate.status, duplicate.data.errors]).toEqual([400, ['Alias name has already been taken']]);
			expect((await creator.patch('/beneficiaries/johnbca', { account: '0611101141', alias_name: 'johnbca2' })).data).toEqual({ status: 'updated' });
			expect((await creator.get('/beneficiaries')).data).toEqual([beneficiary({ account: '0611101141', alias_name: 'johnbca2' })]);
			expect((await creator.patch('/beneficiaries/johnbca', { name: 'x' })).status).toBe(404);
		});

		it.each([
			['an alias of 21 characters', beneficiary({ alias_name: 'a'.repeat(21) }), /too long \(maximum is 20 characters\)/],
			['an alias with a dash', beneficiary({ alias_name: 'john-bca' }), /only allows alphanumeric characters/],
			['an account of letters', beneficiary({ account: 'abcdefg' }), /Account should be 6 to 20 digits/],
			['an e-mail that is not one', beneficiary({ email: 'john at example' }), /Email is invalid/],
		])('refuses a beneficiary with %s', async (_what, body, problem) => {
			const { status, data } = await creator.post('/beneficiaries', body);
			expect(status).toBe(400);
			expect((data.errors as string[]).join('; ')).toMatch(problem);
		});

		it('lists the beneficiary banks and the top-up channels', async () => {
			const banks = (await creator.get('/beneficiary_banks')).data.beneficiary_banks as Json[];
			expect(banks.map((bank) => bank.code)).toEqual(expect.arrayContaining(['bca', 'bni', 'mandiri', 'gopay', 'ovo']));
			expect((await creator.get('/channels')).data[0]).toEqual({ id: 1, virtual_account_type: expect.any(String), virtual_account_number: expect.any(String) });
		});

		it('validates accounts: the docs’ sample, any other, one that does not exist, one that is dormant', async () => {
			const validate = (bank: string, account: string) => creator.get('/account_validation', { params: { bank, account } });
			expect((await validate('danamon', '000001137298')).data).toEqual({ id: expect.any(String), account_name: 'Danamon Simulator A', account_no: '000001137298', bank_name: 'danamon' });
			expect((await validate('bca', '1234567')).data.account_name).toBe('Bank Central Asia Account 4567');
			const missing = await validate('bca', '12340000');
			expect([missing.status, missing.data.errors]).toEqual([400, { account: ['Account does not exist'] }]);
			expect((await validate('bca', '12349999')).data.errors).toEqual({ account: ['Account is dormant'] });
		});

		it('lists statements between two dates, from query parameters or a JSON body, and refuses a reversed range', async () => {
			const [reference] = await create();
			await approver.post('/payouts/approve', { reference_nos: [reference] });
			const today = new Date().toISOString().slice(0, 10);
			const byQuery = (await creator.get('/statements', { params: { from_date: today, to_date: today } })).data as Json[];
			expect(byQuery).toEqual([expect.objectContaining({ reference_no: reference, type: 'Payout', amount: '100000.0', status: 'debit' })]);
			const byBody = (await creator.request({ method: 'GET', url: '/statements', data: { from_date: today, to_date: today } })).data;
			expect(byBody).toEqual(byQuery);
			expect((await creator.get('/statements', { params: { from_date: '2000-01-01', to_date: '2000-01-31' } })).data).toEqual([]);
			expect((await creator.get('/statements', { params: { from_date: '2026-03-10', to_date: '2026-03-01' } })).status).toBe(400);
		});
	});

	it('takes faults on its API like the Core API: a 500 after the payout was made, then the same key replays the answer', async () => {
		simulator.injectFault({ path: '/iris/api/v1/payouts', method: 'POST', type: 'http-500', after: true, times: 1 });
		const headers = { 'X-Idempotency-Key': 'after-fault-1' };
		const lost = await creator.post('/payouts', { payouts: [payout()] }, { headers });
		expect(lost.status).toBe(500);
		expect(lost.data).toEqual({ error_message: expect.any(String), errors: [expect.any(String)] });
		const again = await creator.post('/payouts', { payouts: [payout()] }, { headers });
		expect(again.status).toBe(201);
		expect(simulator.iris.payouts()).toHaveLength(1);
		expect(again.data.payouts[0].reference_no).toBe(simulator.iris.payouts()[0].reference_no);
	});
});
