import type { IDataObject } from 'n8n-workflow';

import { idempotencyHeader, idempotencyKeyField } from '../orderDetails';
import { orderOrTransactionIdProperty, readTransactionReference } from '../transactionReference';
import { additionalFieldsProperty, type MidtransOperation } from '../../../shared/actions/types';

const REASON_LENGTH = 255;
const REFUND_KEY_PATTERN = /^[A-Za-z0-9_-]+$/;

export const refund: MidtransOperation = {
	value: 'refund',
	properties: [
		orderOrTransactionIdProperty,
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'How much to return, in whole Indonesian rupiah (no decimals). 0 returns everything not yet refunded.',
		},
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'string',
			default: '',
			placeholder: 'Item out of stock',
			description:
				'Why the money is returned, at most 255 characters. Cards acquired by BNI need one; Midtrans sends a generic reason when empty.',
		},
		additionalFieldsProperty([
			{
				displayName: 'Direct Refund',
				name: 'direct',
				type: 'boolean',
				default: false,
				description:
					'Whether to send the refund straight to the payment provider (POST /refund/online/direct): faster, for GoPay, QRIS, ShopeePay, Akulaku, Kredivo and some card banks',
			},
			idempotencyKeyField,
			{
				displayName: 'Refund Key',
				name: 'refundKey',
				type: 'string',
				default: '',
				placeholder: 'order-1001-refund-1',
				description:
					'Your unique ID for this refund: letters, digits, - and _. Midtrans refuses a second refund with the same key, so a workflow run twice cannot refund twice. Empty makes one per item that stays the same when n8n retries the node within an execution.',
			},
		]),
	],
	prepare(itemIndex, validate, keyFor) {
		const transaction = readTransactionReference.call(this, itemIndex, validate);
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = {};

		const refundKey = additional.refundKey ? String(additional.refundKey).trim() : '';
		// A key made here rather than by Midtrans is the same when the node is retried, so a retry cannot refund twice.
		body.refund_key = refundKey
			? validate.pattern('Refund Key (additionalFields.refundKey)', refundKey, REFUND_KEY_PATTERN, 'may hold only letters, digits, - and _')
			: keyFor('refund_key');
		const amount = this.getNodeParameter('amount', itemIndex, 0);
		// 0 (or an empty expression) means "everything": Midtrans refunds the rest when amount is absent.
		if (amount !== '' && amount !== null && Number(amount) !== 0) {
			body.amount = validate.wholeAmount('Amount (amount)', amount);
		}
		const reason = validate.maxLength('Reason (reason)', this.getNodeParameter('reason', itemIndex, ''), REASON_LENGTH);
		if (reason) body.reason = reason;

		const suffix = additional.direct ? '/refund/online/direct' : '/refund';
		return {
			method: 'POST',
			path: `/v2/${transaction.segment}${suffix}`,
			body,
			headers: idempotencyHeader(additional, validate, keyFor('refund')),
			retrySafe: true,
			subject: `"${transaction.id}"`,
		};
	},
};
