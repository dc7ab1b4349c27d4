import { akulaku } from './akulaku';
import { bankTransfer } from './bankTransfer';
import { creditCard } from './creditCard';
import { cstore } from './cstore';
import { echannel } from './echannel';
import { gopay } from './gopay';
import { kredivo } from './kredivo';
import { ovo } from './ovo';
import { qris } from './qris';
import { shopeepay } from './shopeepay';
import type { PaymentType } from './types';

export type { PaymentType } from './types';

/** In the order of the Payment Type options (alphabetical by name). */
export const paymentTypes: PaymentType[] = [
	akulaku,
	bankTransfer,
	cstore,
	creditCard,
	gopay,
	kredivo,
	echannel,
	ovo,
	qris,
	shopeepay,
];

export function paymentTypeByValue(value: string): PaymentType | undefined {
	return paymentTypes.find((paymentType) => paymentType.value === value);
}
