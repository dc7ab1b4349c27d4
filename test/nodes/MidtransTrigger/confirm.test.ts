import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { retryPolicy } from '../../../nodes/Midtrans/transport';
import { CONFIRMATION_MAX_RETRIES } from '../../../nodes/MidtransTrigger/confirmation';
import { SANDBOX_HOST, TEST_SERVER_KEY } from '../../harness/engine';
import type { WebhookDelivery } from '../../harness/webhook';
import { midtransTrigger, notificationWith } from './fixtures';

const ORDER_ID = 'order-101n-1578557719';
const STATUS_PATH = `/v2/${ORDER_ID}/status`;
const BASIC_AUTH = `Basic ${Buffer.from(`${TEST_SERVER_KEY}:`).toString('base64')}`;

function getStatus() {
	return nock(SANDBOX_HOST, { reqheaders: { authorization: BASIC_AUTH } }).get(STATUS_PATH);
}

/** nock 14 hangs the request when replyWithError gets a plain object: it needs an Error. */
function networkError(code: string): Error {
	return Object.assign(new Error(`${code}: the connection failed`), { code });
}

function statusAnswer(transactionStatus: string, extra: IDataObject = {}): IDataObject {
	return {
		status_code: transactionStatus === 'pending' ? '201' : '200',
		status_message: 'Success, transaction is found',
		order_id: ORDER_ID,
		transaction_id: '9b3951a4-da50-4089-86df-161d3e9251df',
		gross_amount: '44000.00',
		transaction_status: transactionStatus,
		...extra,
	};
}

function onlyBranch(delivery: WebhookDelivery): { output: string; item: IDataObject } {
	const reached = Object.entries(delivery.branches);
	expect(reached).toHaveLength(1);
	return { output: reached[0][0], item: reached[0][1][0] };
}

const confirming = (extraOptions: IDataObject = {}, routeBy = 'status') =>
	midtransTrigger({
		routeBy,
		statuses: ['pending', 'settlement', 'capture', 'expire', 'refund'],
		options: { confirmWithMidtrans: true, ...extraOptions },
	});

describe('Midtrans Trigger: Confirm With Midtrans', () => {
	const savedRetryPolicy = { ...retryPolicy };

	beforeAll(() => {
		nock.disableNetConnect();
		// The transport retries network failures with backoff; keep the waits short here.
		Object.assign(retryPolicy, { baseDelayMs: 1, maxDelayMs: 1 });
	});

	afterEach(() => nock.cleanAll());

	afterAll(() => {
		Object.assign(retryPolicy, savedRetryPolicy);
		nock.enableNetConnect();
	});

	it('routes by the confirmed status when it differs from the notified one, keeping the notification as received', async () => {
		const scope = getStatus().reply(
			200,
			statusAnswer('settlement', { settlement_time: '2020-01-09 15:22:07' }),
		);
		const notification = notificationWith('pending');

		const delivery = await confirming().deliver({ body: notification });

		scope.done();
		expect(delivery.answer.statusCode).toBe(200);
		const { output, item } = onlyBranch(delivery);
		expect(output).toBe('settlement');
		expect(item.transaction_status).toBe('pending');
		expect(item._midtrans).toMatchObject({
			transactionStatus: 'settlement',
			outcome: 'paid',
			confirmed: true,
			confirmation: {
				result: 'confirmed',
				transactionStatus: 'settlement',
				statusFromMidtrans: { settlement_time: '2020-01-09 15:22:07' },
			},
		});
	});

	it('defeats a notification whose transaction_status was altered (it is not covered by the signature)', async () => {
		const scope = getStatus().reply(200, statusAnswer('refund'));
		const tampered = { ...notificationWith('refund'), transaction_status: 'settlement' };

		const delivery = await confirming().deliver({ body: tampered });

		scope.done();
		expect(onlyBranch(delivery).output).toBe('refund');
	});

	it('routes by the confirmed fraud status when grouping by outcome: a capture under challenge is pending', async () => {
		const scope = getStatus().reply(200, statusAnswer('capture', { fraud_status: 'challenge' }));
		const delivery = await confirming({}, 'outcome').deliver({
			body: notificationWith('capture', { fraud_status: 'accept' }),
		});
		scope.done();
		expect(onlyBranch(delivery).output).toBe('pending');
	});

	it.each([
		['HTTP 200 carrying status_code 404', 200],
		['an HTTP 404', 404],
	])(
		'emits the dashboard’s test notification (Get Status: %s) on "other", flagged, without failing',
		async (_how, httpCode) => {
			const scope = getStatus().reply(httpCode, {
				status_code: '404',
				status_message: "Transaction doesn't exist.",
			});

			const delivery = await confirming().deliver({ body: notificationWith('settlement') });

			scope.done();
			expect(delivery.answer.statusCode).toBe(200);
			expect(delivery.run!.error).toBeUndefined();
			const { output, item } = onlyBranch(delivery);
			expect(output).toBe('other');
			expect(item._midtrans).toMatchObject({
				confirmed: false,
				output: 'other',
				confirmation: { result: 'not_found', httpCode: '404' },
			});
			expect((item._midtrans as IDataObject & { confirmation: IDataObject }).confirmation.message).toContain(
				'test notification',
			);
		},
	);

	it.each([
		['an HTTP 401', () => getStatus().reply(401, { status_code: '401', status_message: 'Access denied' })],
		[
			'HTTP 200 carrying status_code 401',
			() => getStatus().reply(200, { status_code: '401', status_message: 'Access denied' }),
		],
	])('emits on "other" with the reason when Midtrans rejects the key (%s)', async (_how, intercept) => {
		const scope = intercept();

		const delivery = await confirming().deliver({ body: notificationWith('settlement') });

		scope.done();
		expect(delivery.answer.statusCode).toBe(200);
		const { output, item } = onlyBranch(delivery);
		expect(output).toBe('other');
		const confirmation = (item._midtrans as { confirmation: IDataObject }).confirmation;
		expect(confirmation).toMatchObject({ result: 'rejected', httpCode: '401' });
		expect(confirmation.message).toContain('Midtrans error 401');
		expect(JSON.stringify(delivery)).not.toContain(TEST_SERVER_KEY);
	});

	it('answers 503 on a network failure, so Midtrans retries later, and starts nothing', async () => {
		const scope = getStatus()
			.times(CONFIRMATION_MAX_RETRIES + 1)
			.replyWithError(networkError('ECONNREFUSED'));

		const delivery = await confirming().deliver({ body: notificationWith('settlement') });

		scope.done();
		expect(delivery.answer.statusCode).toBe(503);
		expect(delivery.started).toBe(false);
	});

	it('answers 503 when Midtrans keeps failing with 5xx', async () => {
		const scope = getStatus()
			.times(CONFIRMATION_MAX_RETRIES + 1)
			.reply(503, { status_code: '503', status_message: 'Service unavailable' });
		const delivery = await confirming().deliver({ body: notificationWith('settlement') });
		scope.done();
		expect(delivery.answer.statusCode).toBe(503);
		expect(delivery.started).toBe(false);
	});

	it('does not take a notification answered 503 for a repeat: Midtrans’s retry runs once Midtrans answers', async () => {
		const trigger = confirming({ ignoreRepeated: true });
		const settlement = notificationWith('settlement');
		getStatus()
			.times(CONFIRMATION_MAX_RETRIES + 1)
			.replyWithError(networkError('ECONNRESET'));
		expect((await trigger.deliver({ body: settlement })).answer.statusCode).toBe(503);

		const scope = getStatus().reply(200, statusAnswer('settlement'));
		const retry = await trigger.deliver({ body: settlement });

		scope.done();
		expect(onlyBranch(retry).output).toBe('settlement');
		expect((await trigger.deliver({ body: settlement })).started).toBe(false);
	});

	it('counts a late notification confirmed as a status already emitted as a repeat of it', async () => {
		const trigger = confirming({ ignoreRepeated: true });
		// Pending arrives after the order expired: Get Status says expire, so it runs the expire branch…
		getStatus().reply(200, statusAnswer('expire'));
		expect(onlyBranch(await trigger.deliver({ body: notificationWith('pending') })).output).toBe('expire');
		// …and the expire notification itself must not send a second reminder.
		getStatus().reply(200, statusAnswer('expire'));
		const expire = await trigger.deliver({ body: notificationWith('expire') });
		expect(expire.started).toBe(false);
		expect(expire.answer.statusCode).toBe(200);
	});

	it('emits on "other" marked unconfirmed on a network failure when told to', async () => {
		const scope = getStatus()
			.times(CONFIRMATION_MAX_RETRIES + 1)
			.replyWithError(networkError('ECONNREFUSED'));

		const delivery = await confirming({ whenUnreachable: 'emitUnconfirmed' }).deliver({
			body: notificationWith('settlement'),
		});

		scope.done();
		expect(delivery.answer.statusCode).toBe(200);
		const { output, item } = onlyBranch(delivery);
		expect(output).toBe('other');
		expect(item._midtrans).toMatchObject({ confirmed: false, confirmation: { result: 'unreachable' } });
	});

	it('checks the signature before asking Midtrans: a forgery is rejected without any request', async () => {
		const scope = getStatus().reply(200, statusAnswer('settlement'));
		const forged = { ...notificationWith('settlement'), gross_amount: '1.00' };

		const delivery = await confirming().deliver({ body: forged });

		expect(delivery.answer.statusCode).toBe(403);
		expect(scope.isDone()).toBe(false);
	});
});
