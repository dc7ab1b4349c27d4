import type { IDataObject } from 'n8n-workflow';

import type { MidtransOperation } from '../../../shared/actions/types';
import { cardTokenIdProperty } from '../paymentTypes/creditCard';

export const getPoints: MidtransOperation = {
	value: 'getPoints',
	properties: [
		{
			...cardTokenIdProperty,
			description:
				'A card token_id (from Midtrans.js, or Create Test Token in sandbox). Ask for a new token to check the points again after a charge.',
		},
		{
			displayName: 'Gross Amount',
			name: 'grossAmount',
			type: 'number',
			default: 0,
			description:
				'The amount of the charge that will redeem the points, in whole rupiah; Mandiri cards need it, BNI cards do not. 0 sends none.',
		},
	],
	prepare(itemIndex, validate) {
		const token = validate.pathSegment('Token ID (tokenId)', this.getNodeParameter('tokenId', itemIndex));
		const amount = this.getNodeParameter('grossAmount', itemIndex, 0);
		const qs: IDataObject = {};
		// The docs' gross_amount query, "required for Mandiri Point", which none of the official SDKs sends.
		if (amount !== '' && amount !== null && Number(amount) !== 0) {
			qs.gross_amount = validate.wholeAmount('Gross Amount (grossAmount)', amount);
		}
		return {
			method: 'GET',
			retrySafe: true,
			path: `/v2/point_inquiry/${token}`,
			qs,
			errorHints: { 411: 'The card token is missing, invalid or expired: ask Midtrans.js (or Create Test Token) for a new one.' },
		};
	},
};
