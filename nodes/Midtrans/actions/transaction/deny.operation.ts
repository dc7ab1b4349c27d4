import { transactionAction } from './shared';

export const deny = transactionAction({
	value: 'deny',
	name: 'Deny',
	action: 'Deny a challenged transaction',
	description:
		'Reject a card payment that Midtrans’s fraud check put on challenge (fraud_status "challenge"); no money is taken (POST /v2/{order_id}/deny)',
});
