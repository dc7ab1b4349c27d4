import { transactionAction } from './shared';

export const approve = transactionAction({
	value: 'approve',
	name: 'Approve',
	action: 'Approve a challenged transaction',
	description:
		'Accept a card payment that Midtrans’s fraud check put on challenge (fraud_status "challenge"), so it is captured (POST /v2/{order_id}/approve)',
});
