/**
 * The queue-mode example's database ("shop"): its tables come from examples/payment-events-schema.sql; the
 * scripts add orders the way a shop would before its customers pay, and read what the workflow recorded.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { EXAMPLES_DIR } from '../n8n/workspace';
import type { PostgresLogin, PostgresServer } from './postgres';

export const SHOP_SCHEMA_FILE = join(EXAMPLES_DIR, 'payment-events-schema.sql');

export interface ShopOrder {
	order_id: string;
	/** Rupiah, whole. */
	gross_amount: number;
	customer_email?: string;
}

export interface RecordedEvent {
	event_id: string;
	order_id: string;
	transaction_status: string;
	notified_status: string;
	execution_id: string | null;
	recorded_at: string;
}

export interface OrderRow {
	order_id: string;
	paid_at: string | null;
	paid_by_event: string | null;
}

export interface ReceiptRow {
	order_id: string;
	event_id: string;
}

/** A text literal for SQL: the scripts' own order IDs only, but quoted properly all the same. */
export function sqlText(text: string): string {
	return `'${text.replace(/'/g, "''")}'`;
}

function inList(orderIds: string[]): string {
	return orderIds.length ? orderIds.map(sqlText).join(', ') : 'NULL';
}

export class ShopDatabase {
	constructor(
		private readonly postgres: PostgresServer,
		readonly login: PostgresLogin,
	) {}

	/** Creates the login, the database and the example's tables (each only when missing). */
	async ensure(): Promise<void> {
		await this.postgres.ensureDatabase(this.login);
		await this.postgres.query(readFileSync(SHOP_SCHEMA_FILE, 'utf8'), this.login);
	}

	async addOrders(orders: ShopOrder[]): Promise<void> {
		if (!orders.length) return;
		const values = orders.map(
			(order) =>
				`(${sqlText(order.order_id)}, ${order.gross_amount}, ${order.customer_email ? sqlText(order.customer_email) : 'NULL'})`,
		);
		await this.postgres.query(
			`INSERT INTO orders (order_id, gross_amount, customer_email) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`,
			this.login,
		);
	}

	async events(orderIds: string[]): Promise<RecordedEvent[]> {
		return await this.postgres.rows<RecordedEvent>(
			`SELECT event_id, order_id, transaction_status, notified_status, execution_id, recorded_at FROM payment_events WHERE order_id IN (${inList(orderIds)})`,
			this.login,
		);
	}

	/** When each of these orders' events was recorded, in milliseconds since the epoch (the database's clock). */
	async recordingTimes(orderIds: string[]): Promise<Array<{ order_id: string; recorded_ms: number }>> {
		return await this.postgres.rows(
			`SELECT order_id, extract(epoch FROM recorded_at) * 1000 AS recorded_ms FROM payment_events WHERE order_id IN (${inList(orderIds)})`,
			this.login,
		);
	}

	async orders(orderIds: string[]): Promise<OrderRow[]> {
		return await this.postgres.rows<OrderRow>(
			`SELECT order_id, paid_at, paid_by_event FROM orders WHERE order_id IN (${inList(orderIds)})`,
			this.login,
		);
	}

	async receipts(orderIds: string[]): Promise<ReceiptRow[]> {
		return await this.postgres.rows<ReceiptRow>(
			`SELECT order_id, event_id FROM receipts WHERE order_id IN (${inList(orderIds)})`,
			this.login,
		);
	}
}
