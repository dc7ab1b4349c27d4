import { randomBytes, randomUUID } from 'crypto';

import {
	ACCOUNT_PATTERN,
	ALIAS_NAME_MAX_LENGTH,
	ALIAS_NAME_PATTERN,
	BENEFICIARY_BANKS,
	E_WALLET_NUMBER_PATTERN,
	E_WALLETS,
	invalid,
	IrisError,
	KNOWN_ACCOUNTS,
	MONEY_PATTERN,
	NEXT_STATUSES,
	notFound,
	NOTES_MAX_LENGTH,
	PAYOUT_ERROR_CODES,
	type PayoutStatus,
} from './irisRules';

/** A payout as the simulator keeps it; amounts in whole rupiah. */
export interface Payout {
	reference_no: string;
	beneficiary_name: string;
	beneficiary_account: string;
	beneficiary_bank: string;
	beneficiary_email?: string;
	amount: number;
	notes: string;
	status: PayoutStatus;
	created_by: string;
	created_at: string;
	updated_at: string;
	error_code?: string;
	error_message?: string;
	reject_reason?: string;
}

export interface Beneficiary {
	name: string;
	account: string;
	bank: string;
	alias_name: string;
	email?: string;
}

/** A row of the statements: direction debit or credit; payouts, their refunds and top-ups. */
export interface StatementEntry {
	reference_no?: string;
	beneficiary_name?: string;
	beneficiary_account?: string;
	account: string;
	type: 'Payout' | 'Refund' | 'Topup' | 'Account validation fee';
	amount: string;
	status: 'debit' | 'credit';
	created_at: string;
}

/** Iris's time format: ISO 8601 to the second ("2018-07-23T10:23:31Z"). */
export const irisTime = (date = new Date()) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Iris's money in answers and notifications: "10000.00". */
export const money = (rupiah: number) => `${rupiah}.00`;

type Fields = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');
const isBank = (code: string) => BENEFICIARY_BANKS.some((bank) => bank.code === code);
const bankName = (code: string) => BENEFICIARY_BANKS.find((bank) => bank.code === code)?.name ?? code;

/** What each problem of a field is called in Iris's errors list ("Account is invalid"). */
function accountProblems(label: string, account: string, bank: string): string[] {
	if (!ACCOUNT_PATTERN.test(account)) return [`${label} should be 6 to 20 digits`];
	if (E_WALLETS.includes(bank) && !E_WALLET_NUMBER_PATTERN.test(account)) {
		return [`${label} of ${bank} should be a mobile number starting with 62 or 08`];
	}
	return [];
}

/** The amount in whole rupiah, or why it is not one Iris takes. */
function wholeRupiah(value: unknown): number | string {
	// create-payout: "string (numeric)"; a JSON number is refused here.
	const amount = typeof value === 'string' ? value.trim() : '';
	if (!MONEY_PATTERN.test(amount)) return 'should be a number with at most 2 decimals, as a string';
	const [whole, fraction = ''] = amount.split('.');
	if (/[1-9]/.test(fraction)) return 'should have a decimal fraction of .0';
	const rupiah = Number(whole);
	if (!Number.isSafeInteger(rupiah) || rupiah <= 0) return 'should be more than 0';
	return rupiah;
}

/**
 * The state of one Iris account: beneficiaries, payouts, the balance they are paid from, and the statements.
 * `announce` sends a payout's (or top-up's) notification; every status change calls it.
 */
export class PayoutLedger {
	balance: number;
	private readonly payouts = new Map<string, Payout>();
	private readonly beneficiaries = new Map<string, Beneficiary>();
	private statements: StatementEntry[] = [];

	constructor(
		private readonly initialBalance: number,
		private readonly announce: (payout: Payout) => void,
		private readonly announceTopUp: (topUp: { transaction_id: string; order_id: string; gross_amount: string; transaction_time: string }) => void,
	) {
		this.balance = initialBalance;
	}

	reset(): void {
		this.balance = this.initialBalance;
		this.payouts.clear();
		this.beneficiaries.clear();
		this.statements = [];
	}

	// Beneficiaries

	createBeneficiary(body: Fields): void {
		const beneficiary = this.checkBeneficiary(body, 'creating beneficiary');
		if (this.beneficiaries.has(beneficiary.alias_name)) {
			throw invalid('creating beneficiary', ['Alias name has already been taken']);
		}
		this.beneficiaries.set(beneficiary.alias_name, beneficiary);
	}

	updateBeneficiary(alias: string, body: Fields): void {
		const current = this.beneficiaries.get(alias);
		if (!current) throw notFound('Beneficiary');
		const merged = this.checkBeneficiary({ ...current, ...body }, 'updating beneficiary');
		if (merged.alias_name !== alias && this.beneficiaries.has(merged.alias_name)) {
			throw invalid('updating beneficiary', ['Alias name has already been taken']);
		}
		this.beneficiaries.delete(alias);
		this.beneficiaries.set(merged.alias_name, merged);
	}

	listBeneficiaries(): Beneficiary[] {
		return [...this.beneficiaries.values()].map((beneficiary) => ({ email: '', ...beneficiary }));
	}

	private checkBeneficiary(body: Fields, what: string): Beneficiary {
		const problems: string[] = [];
		const name = text(body.name);
		const account = text(body.account);
		const bank = text(body.bank);
		const alias = text(body.alias_name);
		if (!name) problems.push("Name can't be blank");
		if (!isBank(bank)) problems.push('Bank is not supported');
		problems.push(...accountProblems('Account', account, bank));
		if (!alias) problems.push("Alias name can't be blank");
		else if (alias.length > ALIAS_NAME_MAX_LENGTH) problems.push(`Alias name is too long (maximum is ${ALIAS_NAME_MAX_LENGTH} characters)`);
		else if (!ALIAS_NAME_PATTERN.test(alias)) problems.push('Alias name only allows alphanumeric characters');
		const email = text(body.email);
		if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.push('Email is invalid');
		if (problems.length) throw invalid(what, problems);
		return { name, account, bank, alias_name: alias, ...(email ? { email } : {}) };
	}

	// Payouts

	createPayouts(body: Fields, createdBy: string): Payout[] {
		const entries = body.payouts;
		if (!Array.isArray(entries) || entries.length === 0) throw invalid('creating payouts', ['Payouts must be a non-empty list']);
		const problems: string[] = [];
		const checked = entries.map((entry, index) => {
			const fields = (entry && typeof entry === 'object' ? entry : {}) as Fields;
			const label = (field: string) => `payouts[${index}].${field}`;
			const bank = text(fields.beneficiary_bank);
			const amount = wholeRupiah(fields.amount);
			if (!text(fields.beneficiary_name)) problems.push(`${label('beneficiary_name')} can't be blank`);
			if (!isBank(bank)) problems.push(`${label('beneficiary_bank')} is not supported`);
			problems.push(...accountProblems(label('beneficiary_account'), text(fields.beneficiary_account), bank));
			if (typeof amount === 'string') problems.push(`${label('amount')} ${amount}`);
			const notes = text(fields.notes);
			if (!notes) problems.push(`${label('notes')} can't be blank`);
			else if (notes.length > NOTES_MAX_LENGTH) problems.push(`${label('notes')} is too long (maximum is ${NOTES_MAX_LENGTH} characters)`);
			return { fields, bank, amount, notes };
		});
		if (problems.length) throw invalid('creating payouts', problems);

		const now = irisTime();
		return checked.map(({ fields, bank, amount, notes }) => {
			const email = text(fields.beneficiary_email);
			const payout: Payout = {
				reference_no: randomBytes(7).toString('hex'),
				beneficiary_name: text(fields.beneficiary_name),
				beneficiary_account: text(fields.beneficiary_account),
				beneficiary_bank: bank,
				...(email ? { beneficiary_email: email } : {}),
				amount: amount as number,
				notes,
				status: 'queued',
				created_by: createdBy,
				created_at: now,
				updated_at: now,
			};
			this.payouts.set(payout.reference_no, payout);
			return payout;
		});
	}

	payout(referenceNo: string): Payout | undefined {
		return this.payouts.get(referenceNo);
	}

	allPayouts(): Payout[] {
		return [...this.payouts.values()];
	}

	/** The payouts named, all of which must be queued; nothing changes when one is not. */
	private queued(referenceNos: unknown, what: string): Payout[] {
		if (!Array.isArray(referenceNos) || referenceNos.length === 0) throw invalid(what, ['reference_nos must be a non-empty list']);
		const problems: string[] = [];
		const payouts = referenceNos.map((reference) => {
			const payout = this.payouts.get(text(reference));
			if (!payout) problems.push(`Payout ${text(reference)} is not found`);
			else if (payout.status !== 'queued') problems.push(`Payout ${payout.reference_no} is ${payout.status}, not queued`);
			return payout;
		});
		if (problems.length) throw invalid(what, problems);
		return payouts as Payout[];
	}

	/**
	 * Approves queued payouts: each is paid from the balance; a payout the balance cannot cover fails at once
	 * (error 016), as Iris reports through its notification.
	 */
	approve(referenceNos: unknown): void {
		for (const payout of this.queued(referenceNos, 'approving payouts')) {
			if (payout.amount > this.balance) {
				this.change(payout, 'failed', { errorCode: '016' });
				continue;
			}
			this.balance -= payout.amount;
			this.record({
				reference_no: payout.reference_no,
				beneficiary_name: payout.beneficiary_name,
				beneficiary_account: payout.beneficiary_account,
				account: payout.beneficiary_bank,
				type: 'Payout',
				amount: `${payout.amount}.0`,
				status: 'debit',
			});
			this.change(payout, 'approved');
		}
	}

	reject(referenceNos: unknown, reason: unknown): void {
		const rejectReason = text(reason);
		if (!rejectReason) throw invalid('rejecting payouts', ["Reject reason can't be blank"]);
		for (const payout of this.queued(referenceNos, 'rejecting payouts')) {
			payout.reject_reason = rejectReason;
			this.change(payout, 'rejected');
		}
	}

	/** What the bank does next (the control API and the CLI): processed, completed or failed. */
	move(referenceNo: string, to: PayoutStatus, { errorCode }: { errorCode?: string } = {}): Payout {
		const payout = this.payouts.get(referenceNo);
		if (!payout) throw notFound('Payout');
		if (!NEXT_STATUSES[payout.status].includes(to)) {
			throw new IrisError(409, { error_message: `A ${payout.status} payout cannot become ${to}`, errors: [`allowed: ${NEXT_STATUSES[payout.status].join(', ') || 'none'}`] });
		}
		if (to === 'failed' && payout.status !== 'queued') {
			// The money comes back: a failed transfer, or a bank's refund of a completed one.
			this.balance += payout.amount;
			this.record({ reference_no: payout.reference_no, account: payout.beneficiary_bank, type: 'Refund', amount: `${payout.amount}.0`, status: 'credit' });
		}
		this.change(payout, to, { errorCode: to === 'failed' ? (errorCode ?? '004') : undefined });
		return payout;
	}

	private change(payout: Payout, to: PayoutStatus, { errorCode }: { errorCode?: string } = {}): void {
		payout.status = to;
		payout.updated_at = irisTime();
		if (errorCode) {
			payout.error_code = errorCode;
			payout.error_message = PAYOUT_ERROR_CODES[errorCode] ?? 'General error';
		}
		this.announce(payout);
	}

	// Balance, statements, top-ups, account validation

	topUp(amount: number): void {
		this.balance += amount;
		const transactionTime = irisTime();
		this.record({ account: 'Topup', type: 'Topup', amount: `${amount}.0`, status: 'credit', created_at: transactionTime });
		this.announceTopUp({
			transaction_id: randomUUID(),
			order_id: `iris-topup-${randomBytes(6).toString('hex')}`,
			gross_amount: money(amount),
			transaction_time: transactionTime,
		});
	}

	statementsBetween(fromDate: string, toDate: string): StatementEntry[] {
		return this.statements.filter((entry) => {
			const day = entry.created_at.slice(0, 10);
			return day >= fromDate && day <= toDate;
		});
	}

	private record(entry: Omit<StatementEntry, 'created_at'> & { created_at?: string }): void {
		this.statements.push({ created_at: irisTime(), ...entry });
	}

	validateAccount(bank: string, account: string): { id: string; account_name: string; account_no: string; bank_name: string } {
		const id = randomBytes(8).toString('hex');
		const problems = [...(isBank(bank) ? [] : ['Bank is not supported']), ...accountProblems('Account', account, bank)];
		if (problems.length) throw new IrisError(400, { id, error_message: 'An error occured when doing account validation', errors: { account: problems } });
		const refuse = (problem: string) =>
			new IrisError(400, { id, error_message: 'An error occured when doing account validation', errors: { account: [problem] } });
		if (account.endsWith('0000')) throw refuse('Account does not exist');
		if (account.endsWith('9999')) throw refuse('Account is dormant');
		const name = KNOWN_ACCOUNTS[`${bank}:${account}`] ?? `${bankName(bank)} Account ${account.slice(-4)}`;
		return { id, account_name: name, account_no: account, bank_name: bank };
	}
}
