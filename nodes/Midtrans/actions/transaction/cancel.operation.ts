import { transactionAction } from './shared';

export const cancel = transactionAction({
	value: 'cancel',
	name: 'Cancel',
	action: 'Cancel a transaction',
	description:
		'Cancel a transaction before it is paid, or a card payment before settlement (POST /v2/{order_id}/cancel)',
});
