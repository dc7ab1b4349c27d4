/** Subscription → Create, Get, Update, Enable, Disable through n8n's engine, Midtrans answered by nock. */
import type { IDataObject } from 'n8n-workflow';

import { runMidtrans } from '../../harness/engine';
import { basicAuthFor, QUICK_RETRIES, SANDBOX_HOST } from '../../harness/midtrans';
import { interceptMidtrans, recordRequest } from '../../harness/nock';
import { MADE_KEY } from '../../harness/parameters';
import { expectRefusedBeforeSending } from '../../harness/runs';

const SAVED_CARD = '48111111sHfSakAvHvFQFEjTivUV1114';
const SUBSCRIPTION_ID = 'd98a63b8-97e4-4059-825f-0f62340407e9';

const createSubscription = (parameters: IDataObject = {}): IDataObject => ({
	resource: 'subscription',
	operation: 'create',
	name: 'MONTHLY-COFFEE-42',
	amount: 14000,
	paymentType: 'credit_card',
	token: SAVED_CARD,
	interval: 1,
	intervalUnit: 'month',
	...parameters,
});
const onSubscription = (operation: string, parameters: IDataObject = {}): IDataObject => ({
	resource: 'subscription',
	operation,
	subscriptionId: SUBSCRIPTION_ID,
	...parameters,
});

/** Midtrans's answer to create and get, as its docs show it. */
const SUBSCRIPTION = {
	id: SUBSCRIPTION_ID,
	name: 'MONTHLY-COFFEE-42',
	amount: '14000',
	currency: 'IDR',
	created_at: '2026-05-29 09:11:01',
	schedule: { interval: 1, interval_unit: 'month', max_interval: 12, current_interval: 0, start_time: '2026-06-29 09:11:01', next_execution_at: '2026-06-29 09:11:01' },
	status: 'active',
	token: SAVED_CARD,
	payment_type: 'credit_card',
	transaction_ids: [],
};

/** A start time a year ahead, in the format Midtrans wants. */
function nextYearAt(time = '07:25:01'): string {
	return `${new Date().getUTCFullYear() + 1}-07-22 ${time} +0700`;
}

describe('Subscription: Create', () => {
	interceptMidtrans();

	it('sends a card subscription in Midtrans’s shape, the amount as the string the docs type it as, with an Idempotency-Key', async () => {
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'POST', '/v1/subscriptions', SUBSCRIPTION);
		const startTime = nextYearAt();
		const { items, error } = await runMidtrans(
			createSubscription({
				customerDetails: { firstName: 'Budi', email: 'budi@example.com', phone: '+628123456789' },
				additionalFields: {
					maxInterval: 12,
					startTime,
					retrySchedule: { retry: { interval: 1, intervalUnit: 'day', maxInterval: 3 } },
					metadata: '{"plan": "coffee-monthly"}',
				},
			}),
		);
		expect(error).toBeUndefined();
		scope.done();
		expect(seen.body).toEqual({
			name: 'MONTHLY-COFFEE-42',
			amount: '14000',
			currency: 'IDR',
			payment_type: 'credit_card',
			token: SAVED_CARD,
			schedule: { interval: 1, interval_unit: 'month', max_interval: 12, start_time: startTime },
			retry_schedule: { interval: 1, interval_unit: 'day', max_interval: 3 },
			metadata: { plan: 'coffee-monthly' },
			customer_details: { first_name: 'Budi', email: 'budi@example.com', phone: '+628123456789' },
		});
		expect(seen.headers?.authorization).toBe(basicAuthFor());
		expect(seen.headers?.['idempotency-key']).toMatch(MADE_KEY);
		expect(items[0].json).toEqual(SUBSCRIPTION);
	});

	it('sends a GoPay subscription with the linked account’s ID beside its payment option token', async () => {
		const { seen } = recordRequest(SANDBOX_HOST, 'POST', '/v1/subscriptions', { ...SUBSCRIPTION, payment_type: 'gopay' });
		await runMidtrans(
			createSubscription({
				paymentType: 'gopay',
				token: 'eyJ0eXBlIjogIkdPUEFZX1dBTExFVCIsICJpZCI6ICIifQ==',
				gopayAccountId: '0dd2cd90-a9a9-4a09-b393-21162dfb713b',
				intervalUnit: 'week',
				additionalFields: {},
			}),
		);
		expect(seen.body).toMatchObject({
			payment_type: 'gopay',
			token: 'eyJ0eXBlIjogIkdPUEFZX1dBTExFVCIsICJpZCI6ICIifQ==',
			gopay: { account_id: '0dd2cd90-a9a9-4a09-b393-21162dfb713b' },
			schedule: { interval: 1, interval_unit: 'week' },
		});
	});

	it('resends after a 503 with the same Idempotency-Key, which Midtrans honours for 3 minutes', async () => {
		const failed = recordRequest(SANDBOX_HOST, 'POST', '/v1/subscriptions', { status_message: 'Service Unavailable' }, { status: 503 });
		const succeeded = recordRequest(SANDBOX_HOST, 'POST', '/v1/subscriptions', SUBSCRIPTION);
		const { items, error } = await runMidtrans(createSubscription({ options: QUICK_RETRIES }));
		expect(error).toBeUndefined();
		expect(succeeded.seen.headers?.['idempotency-key']).toBe(failed.seen.headers?.['idempotency-key']);
		expect(items[0].json.id).toBe(SUBSCRIPTION_ID);
	});

	it('fails with Midtrans’s 400 and its validation messages (bodies without status_code, real HTTP status)', async () => {
		recordRequest(
			SANDBOX_HOST,
			'POST',
			'/v1/subscriptions',
			{ status_message: 'Invalid parameter.', validation_messages: ['subscription.token is invalid'] },
			{ status: 400 },
		);
		const { error } = await runMidtrans(createSubscription());
		expect(error?.message).toBe('Midtrans error 400: Invalid parameter.');
		expect(error?.description).toMatch(/subscription\.token is invalid/);
	});

	const refusals: Array<[string, IDataObject, RegExp]> = [
		['a name longer than 40 characters', { name: 'N'.repeat(41) }, /Invalid Name \(name\) in item 0: must be at most 40 characters \(got 41\)/],
		['a name with a space', { name: 'Monthly coffee' }, /Invalid Name \(name\) in item 0: may hold only letters, digits and - _ ~ \./],
		['an amount with decimals', { amount: 14000.5 }, /Invalid Amount \(amount\) in item 0: must be a whole number of rupiah/],
		['an interval of 0', { interval: 0 }, /Invalid Interval \(interval\) in item 0: must be at least 1 \(got 0\)/],
		['an interval unit Midtrans does not take', { intervalUnit: 'year' }, /Invalid Interval Unit \(intervalUnit\) in item 0: must be one of day, week, month \(got "year"\)/],
		['an empty token expression', { token: '={{ $json.missing }}' }, /Invalid Token \(token\) in item 0: it is required/],
		[
			'a GoPay subscription without the account ID',
			{ paymentType: 'gopay', gopayAccountId: '={{ "" }}' },
			/Invalid GoPay Account ID \(gopayAccountId\) in item 0: it is required/,
		],
		[
			'a start time in the past',
			{ additionalFields: { startTime: '2020-07-22 07:25:01 +0700' } },
			/Invalid Start Time \(additionalFields.startTime\) in item 0: must be in the future/,
		],
		[
			'a start time without seconds and offset',
			{ additionalFields: { startTime: '2030-07-22 07:25' } },
			/Invalid Start Time \(additionalFields.startTime\) in item 0: must look like 2026-07-22 07:25:01 \+0700/,
		],
		[
			'more than 3 retries',
			{ additionalFields: { retrySchedule: { retry: { interval: 1, intervalUnit: 'hour', maxInterval: 4 } } } },
			/Invalid Retry Schedule Max Retries \(additionalFields.retrySchedule.maxInterval\) in item 0: must be at most 3 \(got 4\)/,
		],
		[
			'metadata of 1 KB or more',
			{ additionalFields: { metadata: JSON.stringify({ note: 'x'.repeat(1024) }) } },
			/Invalid Metadata \(additionalFields.metadata\) in item 0: must be smaller than 1 KB/,
		],
		['metadata that is an array', { additionalFields: { metadata: '[1, 2]' } }, /Invalid Metadata \(additionalFields.metadata\) in item 0: must be a JSON object/],
	];
	it.each(refusals)('refuses %s before sending anything, naming the field and the rule', async (_case, parameters, message) => {
		await expectRefusedBeforeSending(createSubscription(parameters), message);
	});
});

describe('Subscription: Get, Update, Enable, Disable', () => {
	interceptMidtrans();

	it('reads a subscription by its ID', async () => {
		const { scope } = recordRequest(SANDBOX_HOST, 'GET', `/v1/subscriptions/${SUBSCRIPTION_ID}`, SUBSCRIPTION);
		const { items, error } = await runMidtrans(onSubscription('get'));
		expect(error).toBeUndefined();
		scope.done();
		expect(items[0].json).toEqual(SUBSCRIPTION);
	});

	it('fails a Get of an unknown subscription with Midtrans’s 404 and says the subscription is unknown', async () => {
		recordRequest(SANDBOX_HOST, 'GET', `/v1/subscriptions/${SUBSCRIPTION_ID}`, { status_message: "Subscription doesn't exist." }, { status: 404 });
		const { error } = await runMidtrans(onSubscription('get'));
		expect(error?.message).toBe("Midtrans error 404: Subscription doesn't exist.");
		expect(error?.description).toMatch(/no subscription with this ID/);
	});

	it('updates only what the item names, filling the fields Midtrans requires from the subscription as it is', async () => {
		recordRequest(SANDBOX_HOST, 'GET', `/v1/subscriptions/${SUBSCRIPTION_ID}`, SUBSCRIPTION);
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'PATCH', `/v1/subscriptions/${SUBSCRIPTION_ID}`, { status_message: 'Subscription is updated.' });
		const { items, error } = await runMidtrans(
			onSubscription('update', {
				updateFields: { amount: 16000, interval: 2, retrySchedule: { retry: { interval: 6, intervalUnit: 'hour', maxInterval: 0 } } },
			}),
		);
		expect(error).toBeUndefined();
		scope.done();
		expect(seen.body).toEqual({
			name: 'MONTHLY-COFFEE-42',
			amount: '16000',
			currency: 'IDR',
			token: SAVED_CARD,
			schedule: { interval: 2 },
			retry_schedule: { interval: 6, interval_unit: 'hour', max_interval: 0 },
		});
		expect(items[0].json).toMatchObject({ id: SUBSCRIPTION_ID, status_message: 'Subscription is updated.', updated: { amount: '16000' } });
	});

	it('keeps a GoPay subscription’s account when the update changes only the token', async () => {
		recordRequest(SANDBOX_HOST, 'GET', `/v1/subscriptions/${SUBSCRIPTION_ID}`, {
			...SUBSCRIPTION,
			payment_type: 'gopay',
			gopay: { account_id: 'acc-1' },
		});
		const { seen } = recordRequest(SANDBOX_HOST, 'PATCH', `/v1/subscriptions/${SUBSCRIPTION_ID}`, { status_message: 'Subscription is updated.' });
		await runMidtrans(onSubscription('update', { updateFields: { token: 'new-option-token' } }));
		expect(seen.body).toMatchObject({ token: 'new-option-token', gopay: { account_id: 'acc-1' } });
	});

	it('refuses an update that changes nothing before sending anything', async () => {
		await expectRefusedBeforeSending(onSubscription('update', { updateFields: {} }), /Invalid Update Fields \(updateFields\) in item 0: name at least one field to change/);
	});

	it.each([
		['enable', 'active'],
		['disable', 'inactive'],
	])('%ss a subscription with a bodiless POST, and the item names it and its new status', async (operation, status) => {
		const { scope, seen } = recordRequest(SANDBOX_HOST, 'POST', `/v1/subscriptions/${SUBSCRIPTION_ID}/${operation}`, {
			status_message: 'Subscription is updated.',
		});
		const { items, error } = await runMidtrans(onSubscription(operation));
		expect(error).toBeUndefined();
		scope.done();
		expect(seen.body).toBeUndefined();
		expect(items[0].json).toEqual({ id: SUBSCRIPTION_ID, status, status_message: 'Subscription is updated.' });
	});

	it('refuses a subscription ID of ".." before sending anything', async () => {
		await expectRefusedBeforeSending(onSubscription('disable', { subscriptionId: '..' }), /Invalid Subscription ID \(subscriptionId\) in item 0: ".." cannot be sent/);
	});
});
