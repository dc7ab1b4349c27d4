import type { MidtransResource } from '../../../shared/actions/types';
import { approve } from './approve.operation';
import { create } from './create.operation';
import { get } from './get.operation';
import { reject } from './reject.operation';

/** A payout's life as the two roles see it: the creator proposes, the approver approves or rejects. */
export const payout: MidtransResource = {
	value: 'payout',
	operations: [create, approve, reject, get],
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payout'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create payouts',
				description:
					'Propose one payout per item, or several from a JSON list; they wait (status queued) until an approver approves them. Uses the Creator API Key (POST /payouts).',
			},
			{
				name: 'Approve',
				value: 'approve',
				action: 'Approve payouts',
				description:
					'Release queued payouts, with the approver’s OTP where the account asks for one. Uses the Approver API Key (POST /payouts/approve).',
			},
			{
				name: 'Reject',
				value: 'reject',
				action: 'Reject payouts',
				description: 'Turn down queued payouts with a reason; no money moves. Uses the Approver API Key (POST /payouts/reject).',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a payout',
				description: 'Read one payout’s details and current status by its reference_no (GET /payouts/{reference_no})',
			},
		],
		default: 'create',
	},
};
