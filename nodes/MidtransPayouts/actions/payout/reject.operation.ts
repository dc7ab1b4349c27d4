import type { MidtransOperation } from '../../../shared/actions/types';
import { asApprover } from '../../../shared/iris/connection';
import type { MidtransRequest } from '../../../shared/transport';
import { referenceNumbers } from '../irisRules';
import { referenceNumbersProperty, subjectOf } from './referenceNumbers';

export const reject: MidtransOperation = {
	value: 'reject',
	properties: [
		referenceNumbersProperty,
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Bank account does not match the seller',
			description: 'Why the payouts are turned down, sent as reject_reason',
		},
	],
	prepare(itemIndex, validate, keyFor): MidtransRequest {
		const references = referenceNumbers(
			validate,
			'Reference Numbers (referenceNumbers)',
			this.getNodeParameter('referenceNumbers', itemIndex),
		);
		const reason = validate.required('Reason (reason)', this.getNodeParameter('reason', itemIndex, ''));
		return {
			method: 'POST',
			path: '/payouts/reject',
			body: { reference_nos: references, reject_reason: reason },
			headers: { ...asApprover(), 'X-Idempotency-Key': keyFor('reject') },
			retrySafe: false,
			subject: subjectOf(references),
			lookUp: `The rejection may have been received. Look at ${subjectOf(references)} with Payout → Get before sending it again.`,
		};
	},
	toItem(answer, prepared) {
		return { ...answer, reference_nos: (prepared as MidtransRequest).body?.reference_nos ?? [], action: 'reject' };
	},
};
