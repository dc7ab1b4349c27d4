import type { MidtransResource } from '../../shared/actions/types';
import { balance } from './balance';
import { bank } from './bank';
import { beneficiary } from './beneficiary';
import { payout } from './payout';

/** In the order of the Resource parameter's options. */
export const resources: MidtransResource[] = [payout, beneficiary, bank, balance];
