import type { IDataObject } from 'n8n-workflow';

import { additionalFieldsProperty, type MidtransOperation } from '../../../shared/actions/types';
import type { MidtransRequest } from '../../../shared/transport';
import { idempotencyKey, payoutBody, type FieldNames } from '../irisRules';

const IDEMPOTENCY_HEADER = 'X-Idempotency-Key';

const FIELD_NAMES: FieldNames = {
	beneficiaryName: 'Beneficiary Name (beneficiaryName)',
	beneficiaryAccount: 'Beneficiary Account (beneficiaryAccount)',
	beneficiaryBank: 'Beneficiary Bank (beneficiaryBank)',
	beneficiaryEmail: 'Beneficiary Email (additionalFields.beneficiaryEmail)',
	amount: 'Amount (amount)',
	notes: 'Notes (notes)',
	bankAccountId: 'Bank Account ID (additionalFields.bankAccountId)',
};

/** Names of a JSON list entry's fields in messages: "Payouts (payouts) entry 2: beneficiary_account". */
const entryFieldNames = (position: number): FieldNames => {
	const name = (field: string) => `Payouts (payouts) entry ${position + 1}: ${field}`;
	return {
		beneficiaryName: name('beneficiary_name'),
		beneficiaryAccount: name('beneficiary_account'),
		beneficiaryBank: name('beneficiary_bank'),
		beneficiaryEmail: name('beneficiary_email'),
		amount: name('amount'),
		notes: name('notes'),
		bankAccountId: name('bank_account_id'),
	};
};

const LOST_ANSWER =
	'The payouts may have been created. Look for them (Balance → Get Statements, or the Iris dashboard’s payout list) before creating them again. Iris answers a request sent again with the same X-Idempotency-Key within 24 hours without creating anything twice: the node does that itself within its retries and n8n’s Retry On Fail, and an Idempotency Key you set yourself does it across executions.';

const showForFields = { show: { payoutsFrom: ['fields'] } };

export const create: MidtransOperation = {
	value: 'create',
	properties: [
		{
			displayName: 'Payouts From',
			name: 'payoutsFrom',
			type: 'options',
			options: [
				{
					name: 'Fields (One Payout per Item)',
					value: 'fields',
					description: 'Each item is one payout, from the fields below',
				},
				{
					name: 'JSON List (Several Payouts per Item)',
					value: 'json',
					description:
						'Each item sends a list of payouts in one request, e.g. a batch of sellers; one output item per payout',
				},
			],
			default: 'fields',
		},
		{
			displayName: 'Beneficiary Name',
			name: 'beneficiaryName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Budi Santoso',
			description: 'The account holder’s name',
			displayOptions: showForFields,
		},
		{
			displayName: 'Beneficiary Bank',
			name: 'beneficiaryBank',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'bca',
			description:
				'Iris’s bank code: bca, bni, bri, mandiri… (Bank → Get Many lists them), or gopay / ovo for a payout to an e-wallet',
			displayOptions: showForFields,
		},
		{
			displayName: 'Beneficiary Account',
			name: 'beneficiaryAccount',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1172993826',
			description:
				'The bank account number, 6 to 20 digits; for gopay and ovo the owner’s mobile number starting with 62 or 08',
			displayOptions: showForFields,
		},
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			default: 0,
			required: true,
			description: 'How much to pay out, in whole Indonesian rupiah (no decimals); sent as Iris’s "100000.00"',
			displayOptions: showForFields,
		},
		{
			displayName: 'Notes',
			name: 'notes',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Seller payout, week 17',
			description: 'Shown with the payout, at most 100 characters; Iris encourages a unique note per payout',
			displayOptions: showForFields,
		},
		{
			displayName: 'Payouts',
			name: 'payouts',
			type: 'json',
			default:
				'[\n  {\n    "beneficiary_name": "Budi Santoso",\n    "beneficiary_account": "1172993826",\n    "beneficiary_bank": "bca",\n    "amount": 100000,\n    "notes": "Seller payout"\n  }\n]',
			required: true,
			description:
				'A list of payouts under Iris’s field names: beneficiary_name, beneficiary_account, beneficiary_bank, amount (whole rupiah), notes, and optionally beneficiary_email and bank_account_id. Usually an expression that takes the list from the input item.',
			displayOptions: { show: { payoutsFrom: ['json'] } },
		},
		additionalFieldsProperty([
			{
				displayName: 'Bank Account ID',
				name: 'bankAccountId',
				type: 'string',
				default: '',
				description:
					'Facilitator accounts only: which of your registered bank accounts pays (Iris dashboard → Bank Accounts). Empty lets Iris choose.',
				displayOptions: { show: { '/payoutsFrom': ['fields'] } },
			},
			{
				displayName: 'Beneficiary Email',
				name: 'beneficiaryEmail',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Where Iris may e-mail the beneficiary about the payout',
				displayOptions: { show: { '/payoutsFrom': ['fields'] } },
			},
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				placeholder: 'payout-invoice-1001',
				description:
					'Sent as X-Idempotency-Key, at most 100 characters: for 24 hours Iris answers a request with the same key without creating payouts again (the request must be identical). Empty makes one per item that stays the same on every retry within this execution; set your own (e.g. from an invoice ID) to also protect a workflow that runs twice.',
			},
		]),
	],
	prepare(itemIndex, validate, keyFor): MidtransRequest {
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		let payouts: IDataObject[];
		if (this.getNodeParameter('payoutsFrom', itemIndex, 'fields') === 'json') {
			const field = 'Payouts (payouts)';
			let list = this.getNodeParameter('payouts', itemIndex, []) as unknown;
			if (typeof list === 'string') {
				try {
					list = JSON.parse(list) as unknown;
				} catch {
					validate.fail(field, 'is not valid JSON');
				}
			}
			if (!Array.isArray(list) || list.length === 0) validate.fail(field, 'must be a list of at least one payout');
			payouts = (list as unknown[]).map((entry, position) => {
				if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
					validate.fail(`${field} entry ${position + 1}`, 'must be an object');
				}
				const fields = entry as IDataObject;
				return payoutBody(
					validate,
					{
						beneficiaryName: fields.beneficiary_name,
						beneficiaryAccount: fields.beneficiary_account,
						beneficiaryBank: fields.beneficiary_bank,
						beneficiaryEmail: fields.beneficiary_email,
						amount: fields.amount,
						notes: fields.notes,
						bankAccountId: fields.bank_account_id,
					},
					entryFieldNames(position),
				);
			});
		} else {
			payouts = [
				payoutBody(
					validate,
					{
						beneficiaryName: this.getNodeParameter('beneficiaryName', itemIndex),
						beneficiaryAccount: this.getNodeParameter('beneficiaryAccount', itemIndex),
						beneficiaryBank: this.getNodeParameter('beneficiaryBank', itemIndex),
						beneficiaryEmail: additional.beneficiaryEmail,
						amount: this.getNodeParameter('amount', itemIndex),
						notes: this.getNodeParameter('notes', itemIndex),
						bankAccountId: additional.bankAccountId,
					},
					FIELD_NAMES,
				),
			];
		}
		const key =
			idempotencyKey(validate, 'Idempotency Key (additionalFields.idempotencyKey)', additional.idempotencyKey) ??
			keyFor('payouts');
		return {
			method: 'POST',
			path: '/payouts',
			body: { payouts },
			// The key makes a repeat safe: Iris answers an identical request with the same key without paying twice.
			headers: { [IDEMPOTENCY_HEADER]: key },
			retrySafe: true,
			lookUp: LOST_ANSWER,
		};
	},
	/** One output item per payout: Iris's status and reference_no, with what was sent for it. */
	toItem(answer, prepared) {
		const sent = ((prepared as MidtransRequest).body?.payouts ?? []) as IDataObject[];
		const created = Array.isArray(answer.payouts) ? (answer.payouts as IDataObject[]) : [];
		if (created.length !== sent.length) return created.length ? created : answer;
		return created.map((entry, position) => ({ ...sent[position], ...entry }));
	},
};
