import { creditCard } from './creditCard';
import { cstore } from './cstore';
import { gopay } from './gopay';
import type { PaymentType } from './types';

export type { PaymentType } from './types';

export const paymentTypes: PaymentType[] = [cstore, creditCard, gopay];

export function paymentTypeByValue(value: string): PaymentType | undefined {
	return paymentTypes.find((paymentType) => paymentType.value === value);
}
