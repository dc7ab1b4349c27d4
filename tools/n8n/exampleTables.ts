/**
 * The n8n Data table the example workflows keep their orders in, standing in for a shop's database: the
 * Indomaret example saves each order, the trigger example marks it paid and looks up whom to remind.
 * `npm start` and the suites create it (n8n 2.x; 1.x has no Data table by name); the examples' sticky notes
 * tell someone who installed the package from Community Nodes how to make it.
 */
export interface DataTableSpec {
	name: string;
	columns: Array<{ name: string; type: 'string' | 'number' | 'boolean' | 'date' }>;
}

export const EXAMPLE_ORDERS_TABLE: DataTableSpec = {
	name: 'midtrans_orders',
	columns: [
		{ name: 'order_id', type: 'string' },
		{ name: 'customer_name', type: 'string' },
		{ name: 'customer_email', type: 'string' },
		{ name: 'amount', type: 'number' },
		{ name: 'status', type: 'string' },
		{ name: 'paid_at', type: 'string' },
	],
};
