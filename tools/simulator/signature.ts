import { createHash } from 'crypto';

/**
 * Midtrans's notification signature: hex SHA-512 of order_id + status_code + gross_amount + server key,
 * over the strings exactly as they are sent (gross_amount keeps its ".00").
 */
export function signatureFor(orderId: string, statusCode: string, grossAmount: string, serverKey: string): string {
	return createHash('sha512').update(`${orderId}${statusCode}${grossAmount}${serverKey}`).digest('hex');
}
