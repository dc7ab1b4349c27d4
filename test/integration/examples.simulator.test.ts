/**
 * The example workflows' Midtrans steps, run through n8n's engine against the simulator with the items their
 * previous steps hand them: the expressions in examples/*.json hold for the items Midtrans really sends.
 * (The end-to-end suite runs the whole examples in a real n8n.)
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../tools/simulator';
import { runMidtrans } from '../harness/engine';
import { simulatorCredentials, startTestSimulator } from '../harness/simulator';

interface ExampleNode {
	name: string;
	parameters: IDataObject;
}

function exampleNode(file: string, name: string): ExampleNode {
	const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', file), 'utf8')) as {
		nodes: ExampleNode[];
	};
	const node = workflow.nodes.find((candidate) => candidate.name === name);
	if (!node) throw new Error(`${file} has no node "${name}"`);
	return node;
}

let simulator: Simulator;
beforeAll(async () => {
	({ simulator } = await startTestSimulator({ scheduleUnitMs: { month: 600_000 } }));
});
afterAll(async () => await simulator.close());

async function runStep(parameters: IDataObject, item: IDataObject): Promise<IDataObject> {
	const { items, error } = await runMidtrans(parameters, [item], { credentials: simulatorCredentials(simulator) });
	expect(error).toBeUndefined();
	return items[0].json;
}

describe('example workflows’ Midtrans steps against the simulator', () => {
	it('payment link by WhatsApp: the link is made from the Order item, for its amount, with the WhatsApp custom field', async () => {
		const node = exampleNode('payment-link-by-whatsapp.json', 'Create payment link');
		const order = {
			order_id: `inv-${Date.now()}`,
			amount: 150000,
			customer_name: 'Siti',
			customer_phone: '+6281234567890',
		};
		const link = await runStep(node.parameters, order);
		expect(link).toEqual({
			order_id: order.order_id,
			payment_url: expect.stringContaining(`${simulator.url}/payment-links/`),
		});
		expect(simulator.paymentLink(order.order_id)).toMatchObject({
			gross_amount: 150000,
			usage_limit: 1,
			custom_field1: 'whatsapp',
			expiry_unit: 'days',
			customer_details: expect.objectContaining({ first_name: 'Siti', phone: '+6281234567890' }),
		});
	});

	it('monthly subscription: a failed charge’s notification, as Midtrans sends it, makes a payment link for the subscription’s amount', async () => {
		const node = exampleNode(
			'monthly-subscription-reminder-on-failed-charge.json',
			'Payment link for the missed month',
		);
		// docs.midtrans.com's failed-charge notification (subscription.charge), with this subscription in it.
		const failedCharge = {
			transaction: { status_message: 'Token id is missing, invalid, or timed out', status_code: '411' },
			subscription: {
				id: 'a05a8d85-8e22-4a9d-80bd-1e6199aea3f3',
				name: 'COFFEE-20261203',
				amount: '99000',
				currency: 'IDR',
				status: 'inactive',
				customer_details: { first_name: 'Budi', email: 'budi@example.com' },
			},
			event_name: 'subscription.charge',
		};
		const link = await runStep(node.parameters, failedCharge);
		expect(String(link.order_id)).toMatch(/^renew-a05a8d85-\d{13}$/);
		expect(simulator.paymentLink(String(link.order_id))).toMatchObject({
			gross_amount: 99000,
			custom_field1: failedCharge.subscription.id,
			customer_details: expect.objectContaining({ first_name: 'Budi', email: 'budi@example.com' }),
		});
	});

	it('monthly subscription: the start steps save a sandbox card and subscribe it', async () => {
		const customer = {
			subscription_name: `COFFEE-${Date.now()}`,
			monthly_amount: 99000,
			customer_name: 'Budi',
			customer_email: 'budi@example.com',
		};
		const token = await runStep(
			exampleNode('monthly-subscription-reminder-on-failed-charge.json', 'Sandbox card token').parameters,
			customer,
		);
		// The later steps read the Customer node by name; here the item carries what they read.
		const firstPayment = exampleNode(
			'monthly-subscription-reminder-on-failed-charge.json',
			'First payment, saving the card',
		).parameters;
		const charged = await runStep(
			{
				...firstPayment,
				orderId: `${customer.subscription_name}-first`,
				grossAmount: customer.monthly_amount,
				customerDetails: {},
			},
			{ token_id: token.token_id },
		);
		expect(charged).toMatchObject({ transaction_status: 'capture', saved_token_id: expect.any(String) });
		const subscribe = exampleNode(
			'monthly-subscription-reminder-on-failed-charge.json',
			'Create monthly subscription',
		).parameters;
		const subscription = await runStep(
			{ ...subscribe, name: customer.subscription_name, amount: customer.monthly_amount, customerDetails: {} },
			{ saved_token_id: charged.saved_token_id },
		);
		expect(subscription).toMatchObject({
			status: 'active',
			amount: '99000',
			schedule: { interval: 1, interval_unit: 'month', max_interval: 12 },
		});
	});
});
