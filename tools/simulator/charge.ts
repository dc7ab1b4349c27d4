import { SimulatorError } from './errors';
import { CUSTOMER_DETAILS_MAX_LENGTH, ORDER_ID_MAX_LENGTH, ORDER_ID_PATTERN } from './midtransRules';
import { wholeRupiah } from './money';
import { type JsonObject, objectAt, SIMULATED_PAYMENT_TYPES, type SimulatedPaymentType } from './paymentTypes';
import { EXPIRY_UNIT_MS, type ExpiryUnit, parseOrderTime } from './time';

export interface ValidCharge {
	orderId: string;
	amount: number;
	paymentTypeName: string;
	paymentType: SimulatedPaymentType;
	/** From custom_expiry: when the customer's time to pay runs out. */
	expiresAt?: Date;
}

function checkItemDetails(body: JsonObject, amount: number | undefined, problems: string[]): void {
	if (body.item_details === undefined) return;
	if (!Array.isArray(body.item_details)) {
		problems.push('item_details must be an array');
		return;
	}
	let sum = 0;
	let itemsValid = true;
	body.item_details.forEach((raw, index) => {
		const item = (raw && typeof raw === 'object' ? raw : {}) as JsonObject;
		const price = wholeRupiah(item.price);
		const quantity = wholeRupiah(item.quantity);
		if (typeof item.name !== 'string' || item.name.trim() === '')
			problems.push(`item_details[${index}].name is required`);
		if (price === undefined) problems.push(`item_details[${index}].price must be an integer`);
		if (quantity === undefined || quantity < 1)
			problems.push(`item_details[${index}].quantity must be a positive integer`);
		if (price === undefined || quantity === undefined) itemsValid = false;
		else sum += price * quantity;
	});
	// docs.midtrans.com/reference/item-details-object: the sum of price × quantity must equal gross_amount.
	if (itemsValid && amount !== undefined && sum !== amount) {
		problems.push('transaction_details.gross_amount is not equal to the sum of item_details');
	}
}

function checkCustomExpiry(body: JsonObject, problems: string[]): Date | undefined {
	if (body.custom_expiry === undefined) return undefined;
	const expiry = objectAt(body, 'custom_expiry');
	const duration = wholeRupiah(expiry.expiry_duration);
	const unit = String(expiry.unit ?? '').toLowerCase() as ExpiryUnit;
	if (duration === undefined || duration < 1) problems.push('custom_expiry.expiry_duration must be a positive integer');
	if (!(unit in EXPIRY_UNIT_MS)) problems.push('custom_expiry.unit must be one of second, minute, hour, day');
	let orderTime = new Date();
	if (expiry.order_time !== undefined) {
		const parsed = parseOrderTime(String(expiry.order_time));
		if (parsed) orderTime = parsed;
		else
			problems.push('custom_expiry.order_time must be formatted yyyy-MM-dd HH:mm:ss Z, e.g. 2026-11-22 15:07:00 +0700');
	}
	if (duration === undefined || !(unit in EXPIRY_UNIT_MS)) return undefined;
	return new Date(orderTime.getTime() + duration * EXPIRY_UNIT_MS[unit]);
}

function asObject(raw: unknown): JsonObject {
	return (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as JsonObject;
}

/**
 * transaction_details, item_details and customer_details: the part Core API charges and Snap share. A
 * `trustedOrderId` is one Midtrans made itself (a payment link's or a subscription's charges): not checked.
 */
function checkOrderDetails(
	body: JsonObject,
	problems: string[],
	{ trustedOrderId = false }: { trustedOrderId?: boolean } = {},
): { orderId: string; amount: number | undefined } {
	const details = objectAt(body, 'transaction_details');
	const orderId = details.order_id;
	if (body.transaction_details === undefined) problems.push('transaction_details is required');
	if (orderId === undefined || orderId === '') problems.push('transaction_details.order_id is required');
	else if (typeof orderId !== 'string' && typeof orderId !== 'number')
		problems.push('transaction_details.order_id must be a string');
	else if (trustedOrderId) {
		// Midtrans's own order IDs (a link's order ID and two timestamps) may pass 50 characters.
	} else if (String(orderId).length > ORDER_ID_MAX_LENGTH) {
		problems.push(`transaction_details.order_id must be at most ${ORDER_ID_MAX_LENGTH} characters`);
	} else if (!ORDER_ID_PATTERN.test(String(orderId))) {
		problems.push('transaction_details.order_id may contain only letters, digits and - _ ~ .');
	}

	// docs.midtrans.com/reference/transaction-details-object: gross_amount is a Long of IDR, "Do not add decimal".
	const amount = wholeRupiah(details.gross_amount);
	if (details.gross_amount === undefined) problems.push('transaction_details.gross_amount is required');
	else if (amount === undefined) problems.push('transaction_details.gross_amount must be an integer');
	else if (amount < 1) problems.push('transaction_details.gross_amount must be at least 1');

	checkItemDetails(body, amount, problems);
	const customer = objectAt(body, 'customer_details');
	for (const [field, maxLength] of Object.entries(CUSTOMER_DETAILS_MAX_LENGTH)) {
		if (customer[field] !== undefined && String(customer[field]).length > maxLength) {
			problems.push(`customer_details.${field} must be at most ${maxLength} characters`);
		}
	}
	return { orderId: String(orderId), amount };
}

/**
 * Checks a POST /v2/charge body the way Midtrans does: every problem found becomes one validation
 * message of a single 400; a payment type the merchant cannot use answers 402.
 */
export function validateCharge(
	rawBody: unknown,
	unavailablePaymentTypes: readonly string[],
	{ trustedOrderId = false }: { trustedOrderId?: boolean } = {},
): ValidCharge {
	const body = asObject(rawBody);
	const problems: string[] = [];

	const paymentTypeName = typeof body.payment_type === 'string' ? body.payment_type : '';
	const paymentType = SIMULATED_PAYMENT_TYPES[paymentTypeName];
	if (!paymentTypeName) problems.push('payment_type is required');
	else if (!paymentType) problems.push(`payment_type ${JSON.stringify(paymentTypeName)} is not supported`);
	else if (unavailablePaymentTypes.includes(paymentTypeName)) throw new SimulatorError('402');

	const { orderId, amount } = checkOrderDetails(body, problems, { trustedOrderId });
	const expiresAt = checkCustomExpiry(body, problems);
	if (paymentType && amount !== undefined) paymentType.validate(body, amount, problems);

	// With no problems, the order_id, amount and payment type are all known to be valid.
	if (problems.length) throw new SimulatorError('400', undefined, problems);
	return { orderId, amount: amount!, paymentTypeName, paymentType, expiresAt };
}

/** Checks a Snap POST /transactions body: the order, without a payment type (the customer picks one). */
export function validateSnapRequest(rawBody: unknown): { orderId: string; amount: number } {
	const problems: string[] = [];
	const { orderId, amount } = checkOrderDetails(asObject(rawBody), problems);
	if (problems.length) throw new SimulatorError('400', undefined, problems);
	return { orderId, amount: amount! };
}
