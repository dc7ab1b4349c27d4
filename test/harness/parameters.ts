/** The Midtrans node's parameters as the suites set them: one valid order unless a test says otherwise. */
import type { IDataObject } from 'n8n-workflow';

import { FUTURE_YEAR } from './midtrans';

export const ORDER_ID = 'order-1';

/** Payment → Charge of ORDER_ID for 44,000 IDR; the payment type and its fields come from `parameters`. */
export const charge = (parameters: IDataObject = {}): IDataObject => ({
	resource: 'payment',
	operation: 'charge',
	orderId: ORDER_ID,
	grossAmount: 44000,
	...parameters,
});

/** Midtrans honours an Idempotency-Key for Alfamart, so the node resends such a charge after a lost answer. */
export const alfamartCharge = (parameters: IDataObject = {}) => charge({ paymentType: 'cstore', store: 'alfamart', ...parameters });

/** Midtrans ignores Idempotency-Key for Indomaret: the node sends none and never resends such a charge once it may have arrived. */
export const indomaretCharge = (parameters: IDataObject = {}) => charge({ paymentType: 'cstore', store: 'indomaret', ...parameters });

/** An operation on one transaction, by order ID or transaction ID: payment getStatus/refund/cancel, transaction approve/deny/expire/getStatusB2b. */
export const onTransaction = (
	resource: 'payment' | 'transaction',
	operation: string,
	orderOrTransactionId: string = ORDER_ID,
	parameters: IDataObject = {},
): IDataObject => ({ resource, operation, orderOrTransactionId, ...parameters });

export const getStatus = (orderOrTransactionId: string = ORDER_ID, parameters: IDataObject = {}) =>
	onTransaction('payment', 'getStatus', orderOrTransactionId, parameters);

export const refund = (orderOrTransactionId: string = ORDER_ID, parameters: IDataObject = {}) =>
	onTransaction('payment', 'refund', orderOrTransactionId, parameters);

/** Transaction → Capture, which takes a transaction ID only. */
export const capture = (transactionId: string, grossAmount: number, parameters: IDataObject = {}): IDataObject => ({
	resource: 'transaction',
	operation: 'capture',
	transactionId,
	grossAmount,
	...parameters,
});

/** Payment Page → Create (Snap) for order-4001 of 95,000 IDR. */
export const createPaymentPage = (parameters: IDataObject = {}): IDataObject => ({
	resource: 'paymentPage',
	operation: 'create',
	orderId: 'order-4001',
	grossAmount: 95000,
	...parameters,
});

/** Card → Create Test Token for a sandbox card with a future expiry and CVV 123. */
export const createCardToken = (cardNumber = '4811 1111 1111 1114', parameters: IDataObject = {}): IDataObject => ({
	resource: 'card',
	operation: 'createToken',
	cardNumber,
	cardExpMonth: '2',
	cardExpYear: FUTURE_YEAR,
	cardCvv: '123',
	...parameters,
});

/** A key the node makes when the user gives none: what Midtrans takes as Idempotency-Key and refund_key (at most 46 of A–Z a–z 0–9 - _). */
export const MADE_KEY = /^[A-Za-z0-9_-]{1,46}$/;
