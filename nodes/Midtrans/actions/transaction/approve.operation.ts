import { transactionAction } from '../transactionReference';

export const approve = transactionAction('approve');
