/**
 * The Midtrans node's payment types and transaction actions beyond Charge/Get Status/Cancel, run by
 * n8n-core's real WorkflowExecute against the local simulator over real HTTP (no nock).
 */
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { runMidtrans } from '../harness/engine';
import { newOrderId } from '../harness/midtrans';
import { capture, charge as chargeOf, createCardToken, createPaymentPage, getStatus, onTransaction, refund } from '../harness/parameters';
import { cardToken, useSimulator } from '../harness/simulator';

const local = useSimulator();

/** Runs the node once against the simulator and returns its one item, failing the test on an error. */
async function run(parameters: IDataObject) {
	const result = await runMidtrans(parameters, [{}], { credentials: local.credentials });
	expect(result.error).toBeUndefined();
	return result.items[0].json;
}
const charge = (orderId: string, parameters: IDataObject) => run(chargeOf({ orderId, grossAmount: 150000, ...parameters }));
const statusOf = async (id: string) => (await run(getStatus(id))).transaction_status;
const mandiriBill = { paymentType: 'echannel', billInfo1: 'Payment:', billInfo2: 'Order' };

describe('more payment types against the simulator', () => {
	it('BCA VA: the VA number the customer pays into surfaces on the item; once paid, Get Status shows settlement', async () => {
		const orderId = newOrderId('bca');
		const item = await charge(orderId, { paymentType: 'bank_transfer', bank: 'bca', bankTransfer: { vaNumber: '1234567' } });
		expect(item).toMatchObject({ va_bank: 'bca', va_number: '1234567', transaction_status: 'pending' });
		await local.simulator.pay(orderId);
		expect(await statusOf(orderId)).toBe('settlement');
	});

	it('Permata VA: permata_va_number surfaces as va_number', async () => {
		const orderId = newOrderId('permata');
		const item = await charge(orderId, { paymentType: 'bank_transfer', bank: 'permata' });
		expect(item.va_bank).toBe('permata');
		expect(item.va_number).toBe(local.simulator.transaction(orderId)?.permata_va_number);
	});

	it('Mandiri bill: bill key and biller code come back on the item', async () => {
		const orderId = newOrderId('mandiri');
		const item = await charge(orderId, mandiriBill);
		expect(item.biller_code).toBe('70012');
		expect(item.bill_key).toBe(local.simulator.transaction(orderId)?.bill_key);
	});

	it('QRIS: QR string and QR image URL surface; once paid, a direct refund of part returns partial_refund', async () => {
		const orderId = newOrderId('qris');
		const item = await charge(orderId, { paymentType: 'qris', qrisAcquirer: 'airpay shopee' });
		expect(item).toMatchObject({ acquirer: 'airpay shopee', qr_string: expect.stringMatching(/^000201/) });
		expect(item.qr_code_url).toBe(`${local.simulator.url}/v2/qris/${item.transaction_id}/qr-code`);
		await local.simulator.pay(orderId);

		const refunded = await run(
			refund(orderId, { amount: 50000, reason: 'One item out of stock', additionalFields: { direct: true, refundKey: `${orderId}-r1` } }),
		);
		expect(refunded).toMatchObject({ transaction_status: 'partial_refund', refund_key: `${orderId}-r1` });
		expect(local.simulator.transaction(orderId)?.transaction_status).toBe('partial_refund');
	});

	it('ShopeePay: the deeplink surfaces on the item', async () => {
		const item = await charge(newOrderId('shopee'), { paymentType: 'shopeepay', shopeepay: { callbackUrl: 'https://shop.example.com/done' } });
		expect(String(item.deeplink_url).startsWith(local.simulator.url)).toBe(true);
	});
});

describe('transaction actions against the simulator', () => {
	it('card pre-authorization: Create Test Token → charge with Authorize Only → Capture → refund of the rest', async () => {
		const orderId = newOrderId('preauth');
		const token = await run(createCardToken('4411 1111 1111 1118'));
		const authorized = await charge(orderId, {
			paymentType: 'credit_card',
			tokenId: token.token_id,
			creditCard: { authentication: false, authorizeOnly: true },
		});
		expect(authorized.transaction_status).toBe('authorize');

		const captured = await run(capture(String(authorized.transaction_id), 150000));
		expect(captured.transaction_status).toBe('capture');

		const refunded = await run(refund(orderId));
		expect(refunded.transaction_status).toBe('refund');
		expect(local.simulator.transaction(orderId)?.transaction_status).toBe('refund');
	});

	it.each([
		['approve', 'capture'],
		['deny', 'deny'],
	])('a card the fraud check challenged: %s leaves it %s', async (operation, status) => {
		const orderId = newOrderId(`challenge-${operation}`);
		const challenged = await charge(orderId, {
			paymentType: 'credit_card',
			tokenId: await cardToken(local.api, '4511111111111117'),
			creditCard: { authentication: false },
		});
		expect(challenged.fraud_status).toBe('challenge');
		const decided = await run(onTransaction('transaction', operation, orderId));
		expect(decided.transaction_status).toBe(status);
		expect(local.simulator.transaction(orderId)?.transaction_status).toBe(status);
	});

	it('Expire ends a pending VA: the item says expire with Midtrans’s "407", and the simulator agrees', async () => {
		const orderId = newOrderId('expire');
		await charge(orderId, { paymentType: 'bank_transfer', bank: 'bni' });
		const expired = await run(onTransaction('transaction', 'expire', orderId));
		expect(expired).toMatchObject({ status_code: '407', transaction_status: 'expire' });
		expect(local.simulator.transaction(orderId)?.transaction_status).toBe('expire');
	});

	it('Get Status B2B lists every transaction of an order, including one charged again after it expired', async () => {
		const orderId = newOrderId('b2b');
		await charge(orderId, mandiriBill);
		await run(onTransaction('transaction', 'expire', orderId));
		await charge(orderId, mandiriBill);
		const b2b = await run(onTransaction('transaction', 'getStatusB2b', orderId));
		const statuses = (b2b.transactions as Array<{ transaction_status: string }>).map((entry) => entry.transaction_status);
		expect(statuses.sort()).toEqual(['expire', 'pending']);
	});
});

describe('Snap payment page against the simulator', () => {
	it('creates a page under {Base URL}/snap/v1 whose redirect_url opens, and paying there settles the order', async () => {
		const orderId = newOrderId('snap');
		const page = await run(
			createPaymentPage({
				orderId,
				enabledPayments: ['gopay', 'bca_va'],
				additionalFields: { finishUrl: 'https://shop.example.com/thank-you' },
			}),
		);
		expect(page.token).toEqual(expect.any(String));
		expect(page.redirect_url).toBe(`${local.simulator.url}/snap/v4/redirection/${page.token}`);
		const opened = await axios.get(String(page.redirect_url));
		expect(opened.status).toBe(200);

		await axios.post(String(page.redirect_url), {});
		expect(await statusOf(orderId)).toBe('settlement');
	});
});
