/**
 * Iris's rules, checked before anything is sent: a bad item stops the run with the parameter, the item and the
 * rule named, and no request leaves the node.
 */
import type { IDataObject } from 'n8n-workflow';

import { interceptMidtrans } from '../../harness/nock';
import { unansweredDuring } from '../../harness/nockReplies';
import { createPayout, runPayouts } from '../../harness/payouts';

async function expectRefusedBeforeSending(parameters: IDataObject, message: RegExp, items: IDataObject[] = [{}]) {
	const { result, unanswered } = await unansweredDuring(() => runPayouts(parameters, items));
	expect(result.error?.message).toMatch(message);
	expect(result.error?.description).toBe('Nothing was sent to Midtrans for this item.');
	expect(result.items).toEqual([]);
	expect(unanswered).toEqual([]);
}

const entry = (fields: IDataObject = {}) => ({
	beneficiary_name: 'Jon Snow',
	beneficiary_account: '1172993826',
	beneficiary_bank: 'bni',
	amount: 100000,
	notes: 'Payout April 17',
	...fields,
});
const fromJson = (payouts: IDataObject['payouts']): IDataObject => ({ resource: 'payout', operation: 'create', payoutsFrom: 'json', payouts });

const cases: Array<[string, IDataObject, RegExp]> = [
	// Amounts: whole rupiah only, exactly.
	['an amount with cents', createPayout({ amount: 100000.5 }), /Invalid Amount \(amount\) in item 0: must be a whole number of rupiah/],
	['an amount of "100000.50"', createPayout({ amount: '100000.50' }), /must be a whole number of rupiah/],
	['an amount of 0', createPayout({ amount: 0 }), /must be at least 1/],
	['a negative amount', createPayout({ amount: -5000 }), /must be at least 1/],
	['an amount that is not a number', createPayout({ amount: 'ten thousand' }), /must be a number/],
	['an amount beyond exact numbers', createPayout({ amount: '9007199254740993' }), /too large to be sent exactly/],
	// Account numbers.
	['an account with dashes', createPayout({ beneficiaryAccount: '117-299-3826' }), /Beneficiary Account.*may hold only digits/],
	['an account with spaces', createPayout({ beneficiaryAccount: '1172 9938 26' }), /may hold only digits/],
	['an account of 5 digits', createPayout({ beneficiaryAccount: '12345' }), /must be 6 to 20 digits long \(got 5\)/],
	['an account of 21 digits', createPayout({ beneficiaryAccount: '1'.repeat(21) }), /must be 6 to 20 digits long \(got 21\)/],
	['an empty account', createPayout({ beneficiaryAccount: '={{ "" }}' }), /Beneficiary Account.*it is required/],
	['a GoPay number not starting with 62 or 08', createPayout({ beneficiaryBank: 'gopay', beneficiaryAccount: '1234567890' }), /for gopay must be the owner's mobile number starting with 62 or 08/],
	['an OVO number with a plus sign', createPayout({ beneficiaryBank: 'ovo', beneficiaryAccount: '+6281234567' }), /may hold only digits/],
	// Names, banks, notes, e-mail.
	['no beneficiary name', createPayout({ beneficiaryName: '  ' }), /Beneficiary Name.*it is required/],
	['a bank that is not a code', createPayout({ beneficiaryBank: 'Bank Central Asia' }), /must be an Iris bank code/],
	['no notes', createPayout({ notes: '={{ "" }}' }), /Notes \(notes\).*it is required/],
	['notes of 101 characters', createPayout({ notes: 'n'.repeat(101) }), /Notes \(notes\) in item 0: must be at most 100 characters \(got 101\)/],
	['a beneficiary e-mail that is not one', createPayout({ additionalFields: { beneficiaryEmail: 'budi at example' } }), /Beneficiary Email.*must be an e-mail address/],
	// The idempotency key.
	['an Idempotency Key of 101 characters', createPayout({ additionalFields: { idempotencyKey: 'k'.repeat(101) } }), /Idempotency Key.*at most 100 characters/],
	['an Idempotency Key with a space', createPayout({ additionalFields: { idempotencyKey: 'invoice 1001' } }), /Idempotency Key.*without spaces/],
	// A JSON list.
	['a JSON list that is not JSON', fromJson('[{"beneficiary_name": '), /Payouts \(payouts\).*is not valid JSON/],
	['an empty JSON list', fromJson([]), /must be a list of at least one payout/],
	['a JSON object instead of a list', fromJson(entry()), /must be a list of at least one payout/],
	['a JSON list entry that is not an object', fromJson([entry(), 'Jon']), /Payouts \(payouts\) entry 2.*must be an object/],
	['a JSON list entry with cents', fromJson([entry(), entry({ amount: '50000.25' })]), /Payouts \(payouts\) entry 2: amount in item 0: must be a whole number/],
	['a JSON list entry with a bad account', fromJson([entry({ beneficiary_account: 'abc123' })]), /entry 1: beneficiary_account.*may hold only digits/],
	// Approve and reject.
	['approve without reference numbers', { resource: 'payout', operation: 'approve', referenceNumbers: ' , ' }, /at least one reference_no is required/],
	['approve a reference number with a slash', { resource: 'payout', operation: 'approve', referenceNumbers: 'r1, ../balance' }, /each reference_no may hold only letters, digits, - and _/],
	['approve with an OTP of 5 digits', { resource: 'payout', operation: 'approve', referenceNumbers: 'r1', otp: '12345' }, /OTP \(otp\).*six digits/],
	['reject without a reason', { resource: 'payout', operation: 'reject', referenceNumbers: 'r1', reason: '={{ "" }}' }, /Reason \(reason\).*it is required/],
	['get a payout by a path', { resource: 'payout', operation: 'get', referenceNo: '../balance' }, /Reference Number.*may hold only letters/],
	// Beneficiaries.
	[
		'a beneficiary alias of 21 characters',
		{ resource: 'beneficiary', operation: 'create', name: 'Budi', bank: 'bca', account: '1234567', aliasName: 'a'.repeat(21) },
		/Alias Name \(aliasName\).*at most 20 characters/,
	],
	[
		'a beneficiary alias with a dash',
		{ resource: 'beneficiary', operation: 'create', name: 'Budi', bank: 'bca', account: '1234567', aliasName: 'budi-bca' },
		/may hold only letters and digits/,
	],
	['an update with nothing to change', { resource: 'beneficiary', operation: 'update', aliasName: 'budibca', updateFields: {} }, /add at least one field to change/],
	[
		'an update with a bad account',
		{ resource: 'beneficiary', operation: 'update', aliasName: 'budibca', updateFields: { account: '12' } },
		/Account \(updateFields.account\).*6 to 20 digits/,
	],
	// Account validation and statements.
	['an account check of letters', { resource: 'bank', operation: 'validateAccount', bank: 'danamon', account: 'abcdef' }, /may hold only digits/],
	[
		'statements from a date that is not one',
		{ resource: 'balance', operation: 'getStatements', fromDate: '2026-02-30', toDate: '2026-03-01' },
		/From Date \(fromDate\).*must be a date as YYYY-MM-DD/,
	],
	[
		'statements to a date before the first',
		{ resource: 'balance', operation: 'getStatements', fromDate: '2026-03-10', toDate: '2026-03-01' },
		/To Date \(toDate\).*must not be before From Date/,
	],
	['a facilitator bank account ID with a slash', { resource: 'balance', operation: 'get', additionalFields: { bankAccountId: 'a/b' } }, /Bank Account ID/],
];

describe('nothing is sent for an item that breaks Iris’s rules', () => {
	interceptMidtrans();

	it.each(cases)('refuses %s', async (_what, parameters, message) => {
		await expectRefusedBeforeSending(parameters, message);
	});

	it('names the item that broke a rule, and sends none of the items before it', async () => {
		await expectRefusedBeforeSending(createPayout({ amount: '={{ $json.amount }}' }), /Invalid Amount \(amount\) in item 2/, [
			{ amount: 10000 },
			{ amount: 20000 },
			{ amount: 300.5 },
		]);
	});
});
