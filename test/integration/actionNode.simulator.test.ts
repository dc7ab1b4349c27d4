/**
 * The Midtrans action node, run by n8n-core's real WorkflowExecute, against the local simulator over
 * real HTTP: no nock. What the user sees (items, errors) is checked against what the simulator holds.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Fault } from '../../tools/simulator';
import { runMidtrans } from '../harness/engine';
import { newOrderId, QUICK_RETRIES } from '../harness/midtrans';
import { alfamartCharge, charge, getStatus as getStatusOf, indomaretCharge, onTransaction } from '../harness/parameters';
import { cardToken, useSimulator } from '../harness/simulator';

const local = useSimulator();

/** Runs the node once against the simulator; retries wait a millisecond. */
const run = (parameters: IDataObject, options: { continueOnFail?: boolean } = {}) =>
	runMidtrans({ ...parameters, options: QUICK_RETRIES }, [{}], { ...options, credentials: local.credentials });

const gopayCharge = (orderId: string) => charge({ paymentType: 'gopay', orderId });
const cardCharge = async (orderId: string, cardNumber: string) =>
	charge({ paymentType: 'credit_card', orderId, grossAmount: 150000, tokenId: await cardToken(local.api, cardNumber) });
const getStatus = (id: string) => run(getStatusOf(id));
const transactionsOf = (orderId: string) => local.simulator.transactions().filter((transaction) => transaction.order_id === orderId);

describe('Midtrans node against the simulator: a payment from charge to settlement', () => {
	it.each([
		['indomaret', indomaretCharge],
		['alfamart', alfamartCharge],
	] as const)('%s: charge gives a payment code; once paid at the till, Get Status shows settlement', async (store, chargeAt) => {
		const orderId = newOrderId(store);
		const charged = await run(chargeAt({ orderId, grossAmount: 25000 }));
		expect(charged.error).toBeUndefined();
		const item = charged.items[0].json;
		expect(item).toMatchObject({ order_id: orderId, transaction_status: 'pending', store, payment_type: 'cstore' });
		expect(item.payment_code).toBe(local.simulator.transaction(orderId)?.payment_code);

		await local.simulator.pay(orderId);
		const status = await getStatus(orderId);
		expect(status.items[0].json).toMatchObject({
			order_id: orderId,
			transaction_status: 'settlement',
			transaction_id: item.transaction_id,
		});
	});

	it('GoPay: the QR and deeplink URLs surface on the item; once paid, Get Status by transaction_id shows settlement', async () => {
		const orderId = newOrderId('gopay');
		const { items } = await run(gopayCharge(orderId));
		const item = items[0].json;
		expect(item.transaction_status).toBe('pending');
		expect(String(item.qr_code_url)).toBe(`${local.simulator.url}/v2/gopay/${item.transaction_id}/qr-code`);
		expect(String(item.deeplink_url).startsWith(local.simulator.url)).toBe(true);

		await local.simulator.pay(orderId);
		expect((await getStatus(String(item.transaction_id))).items[0].json.transaction_status).toBe('settlement');
	});

	it('card: a 3DS card waits with a redirect_url, completing 3DS captures it; a non-3DS card captures at once', async () => {
		const threeDsOrder = newOrderId('card3ds');
		const threeDs = await run(await cardCharge(threeDsOrder, '4811111111111114'));
		expect(threeDs.items[0].json).toMatchObject({
			transaction_status: 'pending',
			redirect_url: expect.stringContaining(local.simulator.url),
		});
		await local.simulator.pay(threeDsOrder);
		expect((await getStatus(threeDsOrder)).items[0].json).toMatchObject({ transaction_status: 'capture', fraud_status: 'accept' });

		const direct = await run(await cardCharge(newOrderId('card'), '4411111111111118'));
		expect(direct.items[0].json).toMatchObject({ status_code: '200', transaction_status: 'capture' });
	});

	it('a bank-denied card comes back as a deny item, not an error', async () => {
		const { items, error } = await run(await cardCharge(newOrderId('deny'), '4911111111111113'));
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status_code: '202', transaction_status: 'deny' });
	});

	it('Cancel cancels a pending payment; cancelling a settled one is a clear 412 error', async () => {
		const pendingOrder = newOrderId('cancel');
		await run(gopayCharge(pendingOrder));
		const cancelled = await run(onTransaction('payment', 'cancel', pendingOrder));
		expect(cancelled.items[0].json).toMatchObject({ transaction_status: 'cancel' });
		expect(local.simulator.transaction(pendingOrder)?.transaction_status).toBe('cancel');

		const settledOrder = newOrderId('settled');
		await run(indomaretCharge({ orderId: settledOrder }));
		await local.simulator.pay(settledOrder);
		const refused = await run(onTransaction('payment', 'cancel', settledOrder));
		expect(refused.error?.message).toMatch(/^Midtrans error 412: /);
		expect(local.simulator.transaction(settledOrder)?.transaction_status).toBe('settlement');
	});

	it('a duplicate order_id and an unknown transaction are clear errors; continueOnFail keeps Midtrans’s code', async () => {
		const orderId = newOrderId('dup');
		await run(gopayCharge(orderId));
		const duplicate = await run(gopayCharge(orderId));
		expect(duplicate.error?.message).toMatch(/^Midtrans error 406: Duplicate order ID/);
		expect(transactionsOf(orderId)).toHaveLength(1);

		const unknown = await run(getStatusOf('never-charged'), { continueOnFail: true });
		expect(unknown.items[0].json).toMatchObject({ status_code: '404', error: expect.stringMatching(/^Midtrans error 404/) });
	});

	it('a wrong server key is a clear 401 error', async () => {
		const { error } = await runMidtrans(getStatusOf('x'), [{}], {
			credentials: { ...local.credentials, serverApiKey: 'SB-Mid-server-wrong' },
		});
		expect(error?.message).toMatch(/^Midtrans error 401/);
	});
});

describe('Midtrans node against the simulator: retries and faults', () => {
	async function chargedOrder(): Promise<string> {
		const orderId = newOrderId('read');
		await run(gopayCharge(orderId));
		return orderId;
	}

	it.each(['http-429', 'http-500', 'http-503', 'body-500'] as const)('a read that meets %s twice is retried and succeeds', async (type) => {
		const orderId = await chargedOrder();
		local.simulator.injectFault({ path: '/v2/*/status', type, times: 2, retryAfterSeconds: 0 });
		const { items, error } = await getStatus(orderId);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ order_id: orderId, transaction_status: 'pending' });
		expect(local.simulator.faults()[0].hits).toBe(2);
	});

	it('a read whose connection drops is retried and succeeds', async () => {
		const orderId = await chargedOrder();
		local.simulator.injectFault({ path: '/v2/*/status', type: 'drop', times: 1 });
		const { items } = await getStatus(orderId);
		expect(items[0].json.order_id).toBe(orderId);
	});

	it('a read that keeps failing stops after the default 3 retries with a clear NodeApiError', async () => {
		const orderId = await chargedOrder();
		local.simulator.injectFault({ path: '/v2/*/status', type: 'http-503' });
		const { error, items } = await getStatus(orderId);
		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/^Midtrans error 503/);
		expect(local.simulator.faults()[0].hits).toBe(4);
	});

	it.each(['drop', 'http-500', 'http-503', 'body-500'] as const)(
		'a GoPay charge whose answer is lost (%s after the charge) is retried with the same Idempotency-Key: one transaction',
		async (type) => {
			const orderId = newOrderId('lost');
			local.simulator.injectFault({ path: '/v2/charge', type, after: true, times: 1 });
			const { items, error } = await run(gopayCharge(orderId));
			expect(error).toBeUndefined();
			expect(transactionsOf(orderId)).toHaveLength(1);
			expect(items[0].json).toMatchObject({
				order_id: orderId,
				transaction_status: 'pending',
				transaction_id: transactionsOf(orderId)[0].transaction_id,
			});
		},
	);

	it.each([
		['answered 500', 'http-500', /^Midtrans error 500/, /may still have gone through: check it with Get Status/],
		['whose connection drops', 'drop', /^The outcome is unknown: could not reach Midtrans/, /look up order "[^"]+" with Get Status/],
	] as const)(
		'an Indomaret charge (no idempotency at Midtrans) made but %s is not resent; the error says to look it up first',
		async (_what, type, message, description) => {
			const orderId = newOrderId('indo');
			local.simulator.injectFault({ path: '/v2/charge', type, after: true });
			const { error } = await run(indomaretCharge({ orderId }));
			expect(local.simulator.faults()[0].hits).toBe(1);
			expect(transactionsOf(orderId)).toHaveLength(1);
			expect(error?.message).toMatch(message);
			expect(error?.description).toMatch(description);
		},
	);

	/** Every fault, before or after the operation, once or always: the node's outcome must be a clear error or the truth. */
	const faultCases: Array<[string, Fault]> = [];
	for (const type of ['http-500', 'http-503', 'http-429', 'body-500', 'drop', 'slow'] as const) {
		for (const after of [false, true]) {
			for (const times of [1, undefined]) {
				faultCases.push([
					`${type}${after ? ' after' : ''} ${times ? 'once' : 'always'}`,
					{ path: '/v2/**', type, after, times, delayMs: 30, retryAfterSeconds: 0 },
				]);
			}
		}
	}

	it.each(faultCases)('%s: charge then Get Status end in a clear error or a correct answer', async (_name, fault) => {
		for (const operation of ['charge', 'getStatus'] as const) {
			const orderId = newOrderId('matrix');
			if (operation === 'getStatus') await run(gopayCharge(orderId));
			local.simulator.injectFault(fault);
			const outcome = operation === 'charge' ? await run(gopayCharge(orderId)) : await getStatus(orderId);
			local.simulator.clearFaults();

			const truth = transactionsOf(orderId);
			expect(truth.length).toBeLessThanOrEqual(1);
			if (outcome.error) {
				expect(outcome.error.message).toMatch(/^(Midtrans error (429|5\d\d)|Could not reach Midtrans|The outcome is unknown)/);
			} else {
				expect(truth).toHaveLength(1);
				expect(outcome.items[0].json).toMatchObject({
					order_id: orderId,
					transaction_id: truth[0].transaction_id,
					transaction_status: truth[0].transaction_status,
				});
			}
		}
	});
});
