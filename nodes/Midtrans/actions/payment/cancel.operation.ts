import { transactionAction } from '../transactionReference';

export const cancel = transactionAction('cancel');
