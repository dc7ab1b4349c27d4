import { transactionAction } from '../transactionReference';

// Midtrans answers a successful Expire with status_code "407" ("transaction is expired").
export const expire = transactionAction('expire', { successCodes: [407] });
