import { transactionAction } from '../transactionReference';

export const deny = transactionAction('deny');
