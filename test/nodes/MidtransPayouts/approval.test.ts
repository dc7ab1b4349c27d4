/**
 * Approve and Reject: the approver's key (never the creator's), the OTP where Iris asks for one, and never a
 * resend after a lost answer (Iris does not say it honours X-Idempotency-Key there).
 */
import { interceptMidtrans, networkFailure, recordRequest } from '../../harness/nock';
import { answerInTurn, unansweredDuring } from '../../harness/nockReplies';
import {
	IRIS_CREDENTIALS,
	IRIS_PATH,
	IRIS_SANDBOX_HOST,
	irisAuthFor,
	runPayouts,
	TEST_APPROVER_KEY,
	TEST_CREATOR_KEY,
} from '../../harness/payouts';

const approve = (referenceNumbers: string, otp = '') => ({ resource: 'payout', operation: 'approve', referenceNumbers, otp });
const reject = (referenceNumbers: string, reason = 'Account does not match the seller') => ({
	resource: 'payout',
	operation: 'reject',
	referenceNumbers,
	reason,
});
const withoutApprover = { ...IRIS_CREDENTIALS, approverApiKey: '' };

describe('Payout → Approve and Reject', () => {
	interceptMidtrans();

	it('approves with the approver’s key and the OTP, and says which payouts it approved', async () => {
		const { seen } = recordRequest(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/payouts/approve`, { status: 'ok' });
		const { items, error } = await runPayouts(approve('10438f2b393005, 1d4f8423393005', '335163'));

		expect(error).toBeUndefined();
		expect(seen.headers?.authorization).toBe(irisAuthFor(TEST_APPROVER_KEY));
		expect(seen.headers?.authorization).not.toBe(irisAuthFor(TEST_CREATOR_KEY));
		// The marker that picks the key is removed before the request leaves.
		expect(Object.keys(seen.headers ?? {}).filter((name) => name.includes('role'))).toEqual([]);
		expect(seen.body).toEqual({ reference_nos: ['10438f2b393005', '1d4f8423393005'], otp: '335163' });
		expect(items.map((item) => item.json)).toEqual([
			{ status: 'ok', reference_nos: ['10438f2b393005', '1d4f8423393005'], action: 'approve' },
		]);
	});

	it('takes the reference numbers from an expression giving a list, and sends no OTP when none is given', async () => {
		const { seen } = recordRequest(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/payouts/approve`, { status: 'ok' });
		const { error } = await runPayouts(approve('={{ $json.reference_no }}'), [{ reference_no: ['r1', 'r2', 'r1'] }]);
		expect(error).toBeUndefined();
		expect(seen.body).toEqual({ reference_nos: ['r1', 'r2'] });
	});

	it('rejects with the approver’s key and the reason', async () => {
		const { seen } = recordRequest(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/payouts/reject`, { status: 'ok' });
		const { items, error } = await runPayouts(reject('r9'));
		expect(error).toBeUndefined();
		expect(seen.headers?.authorization).toBe(irisAuthFor(TEST_APPROVER_KEY));
		expect(seen.body).toEqual({ reference_nos: ['r9'], reject_reason: 'Account does not match the seller' });
		expect(items[0].json).toEqual({ status: 'ok', reference_nos: ['r9'], action: 'reject' });
	});

	it.each([
		['approve', approve('r1', '123456')],
		['reject', reject('r1')],
	])('refuses to %s before sending when the credential has no Approver API Key', async (_what, parameters) => {
		const { result, unanswered } = await unansweredDuring(() => runPayouts(parameters, [{}], { credentials: withoutApprover }));
		expect(unanswered).toEqual([]);
		expect(result.error?.message).toMatch(/needs the Approver API Key, and the Midtrans Iris credential has none/);
		expect(result.error?.description).toMatch(/Nothing was sent to Midtrans for this item/);
	});

	it('still creates payouts with a credential that has no Approver API Key', async () => {
		const { seen } = recordRequest(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/payouts`, { payouts: [{ status: 'queued', reference_no: 'c1' }] });
		const { error } = await runPayouts(
			{ resource: 'payout', operation: 'create', beneficiaryName: 'A', beneficiaryAccount: '123456', beneficiaryBank: 'bca', amount: 10000, notes: 'n' },
			[{}],
			{ credentials: withoutApprover },
		);
		expect(error).toBeUndefined();
		expect(seen.headers?.authorization).toBe(irisAuthFor(TEST_CREATOR_KEY));
	});

	it('with continueOnFail, an item without the approver’s key becomes an error item and the others still run', async () => {
		const { result, unanswered } = await unansweredDuring(() =>
			runPayouts(approve('r1'), [{}, {}], { credentials: withoutApprover, continueOnFail: true }),
		);
		expect(unanswered).toEqual([]);
		expect(result.items.map((item) => [Boolean(item.json.error), item.pairedItem])).toEqual([
			[true, { item: 0 }],
			[true, { item: 1 }],
		]);
	});

	it.each([
		['a 500', { status: 500, body: { error_message: 'Internal server error' } }],
		['a dropped connection', networkFailure('ECONNRESET')],
	])('does not send an approval again after %s: the outcome is reported unknown, with where to look', async (_what, failure) => {
		const { requests } = answerInTurn(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/payouts/approve`, [failure, { body: { status: 'ok' } }]);
		const { error } = await runPayouts({ ...approve('r7'), options: { retryWait: 1 } });
		expect(requests).toHaveLength(1);
		expect(error?.description).toMatch(/payout r7 with Payout → Get before approving again/);
	});

	it('retries an approval that Iris rate limited (429 is never processed)', async () => {
		const { requests } = answerInTurn(IRIS_SANDBOX_HOST, 'POST', `${IRIS_PATH}/payouts/approve`, [
			{ status: 429, body: { error_message: 'Too many requests' }, headers: { 'retry-after': '0' } },
			{ body: { status: 'ok' } },
		]);
		const { error } = await runPayouts({ ...approve('r8'), options: { retryWait: 1 } });
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(2);
		expect(requests[0].headers['x-idempotency-key']).toBe(requests[1].headers['x-idempotency-key']);
	});

	it('reports a creator’s key used to approve as Iris does (401 "not authorized"), with the roles to check', async () => {
		recordRequest(
			IRIS_SANDBOX_HOST,
			'POST',
			`${IRIS_PATH}/payouts/approve`,
			{ error_message: 'You are not authorized to perform this action', errors: ['not authorized'] },
			{ status: 401 },
		);
		const { error } = await runPayouts(approve('r1'));
		expect(error?.message).toBe('Midtrans error 401: You are not authorized to perform this action');
		expect(error?.description).toMatch(/Approver for approve and reject/);
	});
});
