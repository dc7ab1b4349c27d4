/** Orders charged at the simulator directly (as a shop's checkout would at Midtrans), and their notifications. */
import { signatureFor, type Simulator } from '../simulator';
import { notificationFieldsOf } from '../simulator/ledger';
import type { ShopOrder } from './shop';

/**
 * Charges each order with GoPay (refundable, paid by the simulator's `pay`). The simulator sends each charge's
 * "pending" notification to its notification URL, when it has one.
 */
export async function chargeAtSimulator(simulator: Simulator, orders: ShopOrder[]): Promise<void> {
	const authorization = `Basic ${Buffer.from(`${simulator.serverKey()}:`).toString('base64')}`;
	for (const order of orders) {
		const response = await fetch(`${simulator.url}/v2/charge`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization },
			body: JSON.stringify({
				payment_type: 'gopay',
				transaction_details: { order_id: order.order_id, gross_amount: order.gross_amount },
			}),
		});
		const answer = (await response.json()) as { status_code?: string; status_message?: string };
		if (answer.status_code !== '201') {
			throw new Error(`the simulator refused to charge ${order.order_id}: ${answer.status_code} ${answer.status_message}`);
		}
	}
}

/** Charged, then paid by the customer (settlement); notifications go where the simulator sends them, if anywhere. */
export async function paidAtSimulator(simulator: Simulator, orders: ShopOrder[]): Promise<void> {
	await chargeAtSimulator(simulator, orders);
	for (const order of orders) await simulator.pay(order.order_id);
}

/**
 * The notification Midtrans sends of the order's current status, signed as Midtrans signs it (with
 * `serverKey`: the simulator's own unless told, e.g. the key it had before a rotation).
 */
export function currentNotification(simulator: Simulator, orderId: string, serverKey = simulator.serverKey()): Record<string, unknown> {
	const transaction = simulator.transaction(orderId);
	if (!transaction) throw new Error(`the simulator holds no order ${orderId}`);
	const fields = notificationFieldsOf(transaction);
	return {
		...fields,
		signature_key: signatureFor(orderId, String(fields.status_code), String(fields.gross_amount), serverKey),
	};
}

/**
 * Orders paid at the simulator beforehand, handed out one per notification, so that every notification is a
 * new event for the trigger (which confirms it with Get Status and would ignore a repeat).
 */
export class PaidOrderPool {
	private next = 0;

	private constructor(
		private readonly simulator: Simulator,
		readonly orders: ShopOrder[],
	) {}

	static async open(simulator: Simulator, count: number, prefix: string): Promise<PaidOrderPool> {
		const stamp = Date.now().toString(36);
		const orders = Array.from({ length: count }, (_, index) => ({
			order_id: `${prefix}-${stamp}-${index}`,
			gross_amount: 44_000,
		}));
		await paidAtSimulator(simulator, orders);
		return new PaidOrderPool(simulator, orders);
	}

	get remaining(): number {
		return this.orders.length - this.next;
	}

	/** How many have been handed out: orders[0 … used-1]. */
	get used(): number {
		return this.next;
	}

	/** The next order's settlement notification, signed. */
	take(): { orderId: string; notification: Record<string, unknown> } {
		if (!this.remaining) throw new Error(`all ${this.orders.length} paid orders are used`);
		const { order_id: orderId } = this.orders[this.next++];
		return { orderId, notification: currentNotification(this.simulator, orderId) };
	}
}
