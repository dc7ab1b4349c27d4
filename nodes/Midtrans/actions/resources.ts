import { card } from './card';
import { payment } from './payment';
import { paymentPage } from './paymentPage';
import { transaction } from './transaction';
import type { MidtransResource } from '../../shared/actions/types';

/** In the order of the Resource parameter's options. */
export const resources: MidtransResource[] = [payment, paymentPage, transaction, card];

