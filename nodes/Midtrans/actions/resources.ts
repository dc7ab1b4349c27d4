import { card } from './card';
import { gopayAccount } from './gopayAccount';
import { payment } from './payment';
import { paymentLink } from './paymentLink';
import { paymentPage } from './paymentPage';
import { subscription } from './subscription';
import { transaction } from './transaction';
import type { MidtransResource } from '../../shared/actions/types';

/** In the order of the Resource parameter's options. */
export const resources: MidtransResource[] = [
	payment,
	paymentLink,
	paymentPage,
	card,
	gopayAccount,
	subscription,
	transaction,
];

