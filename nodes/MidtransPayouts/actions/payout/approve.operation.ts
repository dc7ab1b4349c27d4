import type { IDataObject } from 'n8n-workflow';

import type { MidtransOperation } from '../../../shared/actions/types';
import { asApprover } from '../../../shared/iris/connection';
import type { MidtransRequest } from '../../../shared/transport';
import { referenceNumbers } from '../irisRules';
import { referenceNumbersProperty, subjectOf } from './referenceNumbers';

/** The approver's one-time password: Google Authenticator's six digits. */
const OTP_PATTERN = /^\d{6}$/;

/**
 * Approving twice cannot pay twice (a payout leaves "queued" once), but the second answer would be an error
 * that hides what the first did; so a lost answer is not repeated, and the user is told to look first.
 */
const lostAnswer = (references: string[]) =>
	`The approval may have been received. Look at ${subjectOf(references)} with Payout → Get before approving again; approving a payout that is no longer queued cannot pay it twice.`;

export const approve: MidtransOperation = {
	value: 'approve',
	properties: [
		referenceNumbersProperty,
		{
			displayName: 'OTP',
			name: 'otp',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: '335163',
			description:
				'The approver’s current six-digit code from Google Authenticator, for accounts where Iris asks for one (set up when the approver was registered). Empty for accounts without it.',
		},
	],
	prepare(itemIndex, validate, keyFor): MidtransRequest {
		const references = referenceNumbers(
			validate,
			'Reference Numbers (referenceNumbers)',
			this.getNodeParameter('referenceNumbers', itemIndex),
		);
		const body: IDataObject = { reference_nos: references };
		const otp = String(this.getNodeParameter('otp', itemIndex, '') ?? '').trim();
		if (otp) body.otp = validate.pattern('OTP (otp)', otp, OTP_PATTERN, 'must be the six digits Google Authenticator shows');
		return {
			method: 'POST',
			path: '/payouts/approve',
			body,
			// The docs do not list approve among the endpoints that honour X-Idempotency-Key: sent anyway (a retry of the
			// item by n8n is then answered as the first was where Iris honours it), but never relied on for a resend.
			headers: { ...asApprover(), 'X-Idempotency-Key': keyFor('approve') },
			retrySafe: false,
			subject: subjectOf(references),
			lookUp: lostAnswer(references),
		};
	},
	toItem(answer, prepared) {
		return { ...answer, reference_nos: (prepared as MidtransRequest).body?.reference_nos ?? [], action: 'approve' };
	},
};
