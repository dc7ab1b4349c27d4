/**
 * Every operation besides creating and approving payouts: the request Iris receives, with the creator's key,
 * and the items the workflow gets (lists become one item per entry).
 */
import type { IDataObject } from 'n8n-workflow';

import { interceptMidtrans, queryOf, recordRequest } from '../../harness/nock';
import {
	IRIS_CREDENTIALS,
	IRIS_PATH,
	IRIS_SANDBOX_HOST,
	irisAuthFor,
	runPayouts,
	TEST_CREATOR_KEY,
} from '../../harness/payouts';

const json = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json);

describe('Midtrans Payouts: beneficiaries, banks, balance', () => {
	interceptMidtrans();

	it('Payout → Get reads one payout by its reference_no', async () => {
		const details = { reference_no: '83hgf882', amount: '200000.00', status: 'queued', bank: 'Bank Central Asia ( BCA )' };
		const { seen } = recordRequest(IRIS_SANDBOX_HOST, 'GET', `${IRIS_PATH}/payouts/83hgf882`, details);
		const { items, error } = await runPayouts({ resource: 'payout', operation: 'get', referenceNo: '83hgf882' });
		expect(error).toBeUndefined();
		expect(seen.headers?.authorization).toBe(irisAuthFor(TEST_CREATOR_KEY));
		expect(json(items)).toEqual([details]);
	});

	it('Beneficiary → Create saves a payee and answers with what was saved', async () => {
		const { seen } = recordRequest(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/beneficiaries`, { status: 'created' });
		const { items, error } = await runPayouts({
			resource: 'beneficiary',
			operation: 'create',
			name: 'John Doe',
			bank: 'bca',
			account: '33452784',
			aliasName: 'johnbca',
			additionalFields: { email: 'john@example.com' },
		});
		expect(error).toBeUndefined();
		expect(seen.headers?.authorization).toBe(irisAuthFor(TEST_CREATOR_KEY));
		expect(seen.body).toEqual({ name: 'John Doe', account: '33452784', bank: 'bca', alias_name: 'johnbca', email: 'john@example.com' });
		expect(json(items)).toEqual([
			{ status: 'created', name: 'John Doe', account: '33452784', bank: 'bca', alias_name: 'johnbca', email: 'john@example.com' },
		]);
	});

	it('Beneficiary → Update sends only the fields to change, to the alias given', async () => {
		const { seen } = recordRequest(IRIS_SANDBOX_HOST, 'PATCH', `${IRIS_PATH}/beneficiaries/johnbca`, { status: 'updated' });
		const { items, error } = await runPayouts({
			resource: 'beneficiary',
			operation: 'update',
			aliasName: 'johnbca',
			updateFields: { account: '0611101141', newAliasName: 'johnbca2' },
		});
		expect(error).toBeUndefined();
		expect(seen.body).toEqual({ account: '0611101141', alias_name: 'johnbca2' });
		expect(json(items)).toEqual([{ status: 'updated', alias_name: 'johnbca2', account: '0611101141' }]);
	});

	it('Beneficiary → Get Many answers one item per beneficiary, up to the limit', async () => {
		const beneficiaries = [1, 2, 3].map((n) => ({ name: `Payee ${n}`, account: `1234567${n}`, bank: 'bca', alias_name: `payee${n}`, email: '' }));
		recordRequest(IRIS_SANDBOX_HOST, 'GET', `${IRIS_PATH}/beneficiaries`, beneficiaries, { times: 2 });
		const all = await runPayouts({ resource: 'beneficiary', operation: 'getAll', returnAll: true });
		expect(json(all.items)).toEqual(beneficiaries);
		expect(all.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const limited = await runPayouts({ resource: 'beneficiary', operation: 'getAll', returnAll: false, limit: 2 });
		expect(json(limited.items)).toEqual(beneficiaries.slice(0, 2));
	});

	it('Bank → Get Many answers one item per bank', async () => {
		const banks = [
			{ code: 'bca', name: 'Bank Central Asia', routing_code: ['014'] },
			{ code: 'gopay', name: 'GoPay', routing_code: [] },
		];
		recordRequest(IRIS_SANDBOX_HOST, 'GET', `${IRIS_PATH}/beneficiary_banks`, { beneficiary_banks: banks });
		const { items, error } = await runPayouts({ resource: 'bank', operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(json(items)).toEqual(banks);
	});

	it('Bank → Validate Account asks with the bank and account as query parameters, and answers the holder’s name', async () => {
		const answer = { id: 'e2c6', account_name: 'Danamon Simulator A', account_no: '000001137298', bank_name: 'danamon' };
		const { seen } = recordRequest(IRIS_SANDBOX_HOST, 'GET', `${IRIS_PATH}/account_validation`, answer);
		const { items, error } = await runPayouts({ resource: 'bank', operation: 'validateAccount', bank: 'danamon', account: '000001137298' });
		expect(error).toBeUndefined();
		expect(queryOf(seen.path)).toEqual({ bank: 'danamon', account: '000001137298' });
		expect(json(items)).toEqual([answer]);
	});

	it('Bank → Validate Account is not sent again after a 503: each check may cost a fee', async () => {
		const { seen } = recordRequest(IRIS_SANDBOX_HOST, 'GET', `${IRIS_PATH}/account_validation`, { error_message: 'Bank account validation is currently unavailable' }, {
			status: 503,
			times: 3,
		});
		const { error } = await runPayouts({ resource: 'bank', operation: 'validateAccount', bank: 'bca', account: '1234567', options: { retryWait: 1 } });
		expect(seen.calls).toBe(1);
		expect(error?.message).toBe('Midtrans error 503: Bank account validation is currently unavailable');
	});

	it('Balance → Get reads an aggregator’s balance, or a facilitator bank account’s', async () => {
		recordRequest(IRIS_SANDBOX_HOST, 'GET', `${IRIS_PATH}/balance`, { balance: '10000000.00' });
		recordRequest(IRIS_SANDBOX_HOST, 'GET', `${IRIS_PATH}/bank_accounts/mandiri7891/balance`, { balance: '250000.00' });
		const aggregator = await runPayouts({ resource: 'balance', operation: 'get' });
		const facilitator = await runPayouts({ resource: 'balance', operation: 'get', additionalFields: { bankAccountId: 'mandiri7891' } });
		expect(json(aggregator.items)).toEqual([{ balance: '10000000.00' }]);
		expect(json(facilitator.items)).toEqual([{ bank_account_id: 'mandiri7891', balance: '250000.00' }]);
	});

	it('Balance → Get Statements sends the dates as query parameters (as the Java SDK does), and answers one item per entry', async () => {
		const entries = [
			{ reference_no: 'r1', beneficiary_name: 'A', beneficiary_account: '123456', account: 'bca', type: 'Payout', amount: '10000.0', status: 'debit', created_at: '2026-03-02T08:38:45Z' },
			{ account: 'Topup', type: 'Topup', amount: '500000.0', status: 'credit', created_at: '2026-03-01T01:00:00Z' },
		];
		const { seen } = recordRequest(IRIS_SANDBOX_HOST, 'GET', `${IRIS_PATH}/statements`, entries);
		const { items, error } = await runPayouts({
			resource: 'balance',
			operation: 'getStatements',
			fromDate: '2026-03-01T00:00:00',
			toDate: '2026-03-31',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(queryOf(seen.path)).toEqual({ from_date: '2026-03-01', to_date: '2026-03-31' });
		expect(json(items)).toEqual(entries);
	});

	it('Balance → Get Top-Up Channels answers one item per virtual account', async () => {
		const channels = [
			{ id: 1, virtual_account_type: 'mandiri_bill_key', virtual_account_number: '12345678901' },
			{ id: 2, virtual_account_type: 'bca_va', virtual_account_number: '98765432109' },
		];
		recordRequest(IRIS_SANDBOX_HOST, 'GET', `${IRIS_PATH}/channels`, channels);
		const { items, error } = await runPayouts({ resource: 'balance', operation: 'getTopUpChannels' });
		expect(error).toBeUndefined();
		expect(json(items)).toEqual(channels);
	});

	it.each([
		['production', 'https://app.midtrans.com', '/iris/api/v1/balance'],
		['custom', 'http://127.0.0.1:3999', '/iris/api/v1/balance'],
	])('reaches Iris in the %s environment', async (environment, host, path) => {
		const { seen } = recordRequest(host, 'GET', path, { balance: '1.00' });
		const { error } = await runPayouts({ resource: 'balance', operation: 'get' }, [{}], {
			credentials: { ...IRIS_CREDENTIALS, environment, baseUrl: 'http://127.0.0.1:3999/' },
		});
		expect(error).toBeUndefined();
		expect(seen.calls).toBe(1);
	});
});
