import type { IDataObject } from 'n8n-workflow';

import type { MidtransRequest } from '../../../shared/transport';
import type { MidtransOperation } from '../../../shared/actions/types';
import {
	readAmount,
	readName,
	readRetrySchedule,
	readSubscriptionId,
	retryScheduleField,
	SUBSCRIPTION_HINTS,
	subscriptionIdProperty,
} from './fields';

interface PreparedUpdate {
	id: string;
	segment: string;
	changes: IDataObject;
}

/**
 * PATCH /v1/subscriptions/{id} wants name, amount, currency and token every time. The node reads the
 * subscription first and sends what it has for every field the item does not change, so an update names only
 * what changes.
 */
export const update: MidtransOperation<PreparedUpdate> = {
	value: 'update',
	properties: [
		subscriptionIdProperty,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add field to change',
			default: {},
			description:
				'What to change; everything else stays as it is. The payment type cannot change: disable the subscription and create another.',
			options: [
				{
					displayName: 'Amount',
					name: 'amount',
					type: 'number',
					default: 0,
					description: 'What each charge takes from now on, in whole Indonesian rupiah',
				},
				{
					displayName: 'GoPay Account ID',
					name: 'gopayAccountId',
					type: 'string',
					default: '',
					description: 'Another linked GoPay account of the customer (with its Token)',
				},
				{
					displayName: 'Interval',
					name: 'interval',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 1,
					description:
						'How many units between charges, from the charge after the next; the unit and the number of charges cannot change',
				},
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					description: 'At most 40 of letters, digits, dash, underscore, tilde and dot',
				},
				retryScheduleField,
				{
					displayName: 'Token',
					name: 'token',
					type: 'string',
					typeOptions: { password: true },
					default: '',
					description: 'A new saved card token (saved_token_id) or GoPay payment_option_token, e.g. after the card expired',
				},
			],
		},
	],
	prepare(itemIndex, validate) {
		const { id, segment } = readSubscriptionId.call(this, itemIndex, validate);
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const changes: IDataObject = {};
		if (fields.name !== undefined && fields.name !== '') changes.name = readName(validate, 'Name (updateFields.name)', fields.name);
		if (fields.amount !== undefined && fields.amount !== '') changes.amount = readAmount(validate, 'Amount (updateFields.amount)', fields.amount);
		if (fields.token !== undefined && fields.token !== '') changes.token = validate.required('Token (updateFields.token)', fields.token);
		if (fields.interval !== undefined && fields.interval !== '') {
			changes.schedule = { interval: validate.wholeNumber('Interval (updateFields.interval)', fields.interval) };
		}
		if (fields.gopayAccountId !== undefined && fields.gopayAccountId !== '') {
			changes.gopay = { account_id: validate.required('GoPay Account ID (updateFields.gopayAccountId)', fields.gopayAccountId) };
		}
		const retrySchedule = readRetrySchedule(fields, validate, 'updateFields');
		if (retrySchedule) changes.retry_schedule = retrySchedule;
		if (!Object.keys(changes).length) validate.fail('Update Fields (updateFields)', 'name at least one field to change');
		return { id, segment, changes };
	},
	async run({ id, segment, changes }, send): Promise<IDataObject> {
		const read: MidtransRequest = { method: 'GET', path: `/v1/subscriptions/${segment}`, retrySafe: true, errorHints: SUBSCRIPTION_HINTS };
		const current = await send(read);
		const body: IDataObject = {
			name: current.name,
			amount: current.amount,
			currency: current.currency ?? 'IDR',
			token: current.token,
			...(current.gopay ? { gopay: current.gopay } : {}),
			...changes,
		};
		const answer = await send({
			method: 'PATCH',
			path: `/v1/subscriptions/${segment}`,
			body,
			// The same PATCH twice leaves the subscription as once.
			retrySafe: true,
			subject: `subscription "${id}"`,
			lookUp: `The request may have reached Midtrans: check subscription "${id}" with Subscription → Get.`,
			errorHints: SUBSCRIPTION_HINTS,
		});
		return { id, ...answer, updated: changes };
	},
};
