import { bankTransfer } from './bankTransfer';
import { creditCard } from './creditCard';
import { cstore } from './cstore';
import { echannel } from './echannel';
import { gopay } from './gopay';
import { qris } from './qris';
import { shopeepay } from './shopeepay';
import type { PaymentType } from './types';

export type { PaymentType } from './types';

export const paymentTypes: PaymentType[] = [bankTransfer, cstore, creditCard, gopay, echannel, qris, shopeepay];

export function paymentTypeByValue(value: string): PaymentType | undefined {
	return paymentTypes.find((paymentType) => paymentType.value === value);
}
