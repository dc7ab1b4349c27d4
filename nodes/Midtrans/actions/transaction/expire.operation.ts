import { transactionAction } from './shared';

// Midtrans answers a successful expire with status_code "407"; the transport knows that is not an error.
export const expire = transactionAction({
	value: 'expire',
	name: 'Expire',
	action: 'Expire a pending transaction',
	description:
		'End a pending payment now, so its VA number, payment code or QR can no longer be paid and the order ID may be reused (POST /v2/{order_id}/expire)',
});
