import type { IDataObject } from 'n8n-workflow';
import { randomUUID } from 'crypto';

import { idempotencyHeader, idempotencyKeyField } from '../orderDetails';
import { additionalFieldsProperty, type MidtransOperation } from '../types';
import { transactionIdProperty, transactionPath } from './shared';

const REASON_LENGTH = 255;
const REFUND_KEY_PATTERN = /^[A-Za-z0-9_-]+$/;

export const refund: MidtransOperation = {
	value: 'refund',
	name: 'Refund',
	action: 'Refund a paid transaction',
	description:
		'Return all or part of a settled payment to the customer (POST /v2/{order_id}/refund, or /refund/online/direct for a direct refund). For a payment not yet settled, use Cancel.',
	properties: [
		transactionIdProperty,
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
					'Your unique ID for this refund: letters, digits, - and _. Midtrans refuses a second refund with the same key, so a workflow run twice cannot refund twice. Empty makes a new one per item.',
			},
		]),
	],
	prepare(itemIndex, validate) {
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = {};

		const refundKey = additional.refundKey ? String(additional.refundKey).trim() : '';
		// Midtrans would make a key itself; making it here means the body is never empty (n8n sends no body for {}).
		body.refund_key = refundKey
			? validate.pattern('Refund Key (additionalFields.refundKey)', refundKey, REFUND_KEY_PATTERN, 'may hold only letters, digits, - and _')
			: randomUUID();
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
			path: transactionPath.call(this, itemIndex, validate, suffix),
			body,
			// A refund moves money: the key lets the transport repeat it after a lost answer without refunding twice.
			headers: idempotencyHeader(additional, validate),
		};
	},
};
