/**
 * The Midtrans node's payment types and transaction actions beyond Charge/Get Status/Cancel, run by
 * n8n-core's real WorkflowExecute against the local simulator over real HTTP (no nock).
 */
import axios from 'axios';

import {
	DEFAULT_SIMULATOR_CLIENT_KEY,
	DEFAULT_SIMULATOR_SERVER_KEY,
	type Simulator,
	startSimulator,
} from '../../tools/simulator';
import { runMidtrans } from '../harness/engine';

let simulator: Simulator;
let credentials: { environment: string; baseUrl: string; serverKey: string; clientKey: string };

beforeAll(async () => {
	simulator = await startSimulator({ port: 0 });
	credentials = {
		environment: 'custom',
		baseUrl: simulator.url,
		serverKey: DEFAULT_SIMULATOR_SERVER_KEY,
		clientKey: DEFAULT_SIMULATOR_CLIENT_KEY,
	};
});
afterAll(async () => await simulator.close());

let orderCounter = 0;
const newOrderId = (prefix: string) => `${prefix}-${process.pid}-${++orderCounter}`;
const FUTURE_YEAR = String(new Date().getUTCFullYear() + 5);

async function run(resource: string, parameters: Record<string, unknown>) {
	const result = await runMidtrans({ resource, ...parameters }, [{}], { credentials });
	expect(result.error).toBeUndefined();
	return result.items[0].json;
}
const transaction = (parameters: Record<string, unknown>) => run('transaction', parameters);
const charge = (orderId: string, parameters: Record<string, unknown>) =>
	transaction({ operation: 'charge', orderId, grossAmount: 150000, ...parameters });
const statusOf = async (id: string) => (await transaction({ operation: 'getStatus', transactionId: id })).transaction_status;

/** A card token made by the node's own Create Card Token operation. */
async function cardToken(cardNumber: string): Promise<string> {
	const answer = await run('card', {
		operation: 'createToken',
		cardNumber,
		cardExpMonth: '12',
		cardExpYear: FUTURE_YEAR,
		cardCvv: '123',
	});
	return String(answer.token_id);
}

describe('more payment types against the simulator', () => {
	it('BCA VA: the VA number the customer pays into surfaces on the item; once paid, Get Status shows settlement', async () => {
		const orderId = newOrderId('bca');
		const item = await charge(orderId, { paymentType: 'bank_transfer', bank: 'bca', bankTransfer: { vaNumber: '1234567' } });
		expect(item).toMatchObject({ va_bank: 'bca', va_number: '1234567', transaction_status: 'pending' });
		await simulator.pay(orderId);
		expect(await statusOf(orderId)).toBe('settlement');
	});

	it('Permata VA: permata_va_number surfaces as va_number', async () => {
		const orderId = newOrderId('permata');
		const item = await charge(orderId, { paymentType: 'bank_transfer', bank: 'permata' });
		expect(item.va_bank).toBe('permata');
		expect(item.va_number).toBe(simulator.transaction(orderId)?.permata_va_number);
	});

	it('Mandiri bill: bill key and biller code come back on the item', async () => {
		const orderId = newOrderId('mandiri');
		const item = await charge(orderId, { paymentType: 'echannel', billInfo1: 'Payment:', billInfo2: 'Order' });
		expect(item.biller_code).toBe('70012');
		expect(item.bill_key).toBe(simulator.transaction(orderId)?.bill_key);
	});

	it('QRIS: QR string and QR image URL surface; once paid, a direct refund of part returns partial_refund', async () => {
		const orderId = newOrderId('qris');
		const item = await charge(orderId, { paymentType: 'qris', qrisAcquirer: 'airpay shopee' });
		expect(item).toMatchObject({ acquirer: 'airpay shopee', qr_string: expect.stringMatching(/^000201/) });
		expect(item.qr_code_url).toBe(`${simulator.url}/v2/qris/${item.transaction_id}/qr-code`);
		await simulator.pay(orderId);

		const refunded = await transaction({
			operation: 'refund',
			transactionId: orderId,
			amount: 50000,
			reason: 'One item out of stock',
			additionalFields: { direct: true, refundKey: `${orderId}-r1` },
		});
		expect(refunded).toMatchObject({ transaction_status: 'partial_refund', refund_key: `${orderId}-r1` });
		expect(simulator.transaction(orderId)?.transaction_status).toBe('partial_refund');
	});

	it('ShopeePay: the deeplink surfaces on the item', async () => {
		const orderId = newOrderId('shopee');
		const item = await charge(orderId, { paymentType: 'shopeepay', shopeepay: { callbackUrl: 'https://shop.example.com/done' } });
		expect(String(item.deeplink_url).startsWith(simulator.url)).toBe(true);
	});
});

describe('transaction actions against the simulator', () => {
	it('card pre-authorization: Create Card Token → charge with Authorize Only → Capture → refund of the rest', async () => {
		const orderId = newOrderId('preauth');
		const authorized = await charge(orderId, {
			paymentType: 'credit_card',
			tokenId: await cardToken('4411 1111 1111 1118'),
			creditCard: { authentication: false, authorizeOnly: true },
		});
		expect(authorized.transaction_status).toBe('authorize');

		const captured = await transaction({
			operation: 'capture',
			transactionId: authorized.transaction_id,
			grossAmount: 150000,
		});
		expect(captured.transaction_status).toBe('capture');

		const refunded = await transaction({ operation: 'refund', transactionId: orderId });
		expect(refunded.transaction_status).toBe('refund');
		expect(simulator.transaction(orderId)?.transaction_status).toBe('refund');
	});

	it.each([
		['approve', 'capture'],
		['deny', 'deny'],
	])('a card the fraud check challenged: %s leaves it %s', async (operation, status) => {
		const orderId = newOrderId(`challenge-${operation}`);
		const challenged = await charge(orderId, {
			paymentType: 'credit_card',
			tokenId: await cardToken('4511111111111117'),
			creditCard: { authentication: false },
		});
		expect(challenged.fraud_status).toBe('challenge');
		const decided = await transaction({ operation, transactionId: orderId });
		expect(decided.transaction_status).toBe(status);
		expect(simulator.transaction(orderId)?.transaction_status).toBe(status);
	});

	it('Expire ends a pending VA: the item says expire with Midtrans’s "407", and the simulator agrees', async () => {
		const orderId = newOrderId('expire');
		await charge(orderId, { paymentType: 'bank_transfer', bank: 'bni' });
		const expired = await transaction({ operation: 'expire', transactionId: orderId });
		expect(expired).toMatchObject({ status_code: '407', transaction_status: 'expire' });
		expect(simulator.transaction(orderId)?.transaction_status).toBe('expire');
	});

	it('Get Status B2B lists every transaction of an order, including one charged again after it expired', async () => {
		const orderId = newOrderId('b2b');
		await charge(orderId, { paymentType: 'echannel', billInfo1: 'Payment:', billInfo2: 'Order' });
		await transaction({ operation: 'expire', transactionId: orderId });
		await charge(orderId, { paymentType: 'echannel', billInfo1: 'Payment:', billInfo2: 'Order' });
		const b2b = await transaction({ operation: 'getStatusB2b', transactionId: orderId });
		const statuses = (b2b.transactions as Array<{ transaction_status: string }>).map((entry) => entry.transaction_status);
		expect(statuses.sort()).toEqual(['expire', 'pending']);
	});
});

describe('Snap payment page against the simulator', () => {
	it('creates a page under {Base URL}/snap/v1 whose redirect_url opens, and paying there settles the order', async () => {
		const orderId = newOrderId('snap');
		const page = await run('snap', {
			operation: 'createPaymentPage',
			orderId,
			grossAmount: 95000,
			enabledPayments: ['gopay', 'bca_va'],
			additionalFields: { finishUrl: 'https://shop.example.com/thank-you' },
		});
		expect(page.token).toEqual(expect.any(String));
		expect(page.redirect_url).toBe(`${simulator.url}/snap/v4/redirection/${page.token}`);
		const opened = await axios.get(String(page.redirect_url));
		expect(opened.status).toBe(200);

		await axios.post(String(page.redirect_url), {});
		expect(await statusOf(orderId)).toBe('settlement');
	});
});
