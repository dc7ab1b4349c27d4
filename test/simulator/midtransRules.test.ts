/**
 * The simulator checks what the nodes send, so it must hold Midtrans's rules itself. These tests send raw
 * HTTP with values written here from Midtrans's documentation, never through the node: a wrong rule in
 * the node cannot make them pass.
 */
import type { AxiosInstance } from 'axios';
import { readdirSync, readFileSync } from 'fs';
import { dirname, join, resolve, sep } from 'path';

import type { Simulator } from '../../tools/simulator';
import { cstoreCharge, gopayCharge, type Json, newOrderId, startReceiver, startTestSimulator } from './helpers';

const REPO = resolve(__dirname, '../..');
const SIMULATOR_DIR = join(REPO, 'tools', 'simulator');

/** `from '…'`, `import '…'`, `import('…')` and `require('…')`: what a module pulls in. */
const IMPORT_SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(?\s*|\brequire\(\s*)['"]([^'"]+)['"]/g;

/** Every module a simulator source file imports, as absolute paths (package imports left as they are). */
function simulatorImports(): { file: string; target: string }[] {
	return readdirSync(SIMULATOR_DIR, { recursive: true, encoding: 'utf8' })
		.filter((name) => name.endsWith('.ts'))
		.flatMap((name) => {
			const file = join(SIMULATOR_DIR, name);
			const source = readFileSync(file, 'utf8');
			const specifiers = [...source.matchAll(IMPORT_SPECIFIER)].map((match) => match[1]);
			return specifiers.map((specifier) => ({
				file: name,
				target: specifier.startsWith('.') ? resolve(dirname(file), specifier) : specifier,
			}));
		});
}

/** An order_id of exactly `length` characters that no other test uses. */
const orderIdOfLength = (length: number) => newOrderId('len').padEnd(length, 'x');

const alfamartWith = (cstore: Json) => ({
	...cstoreCharge(newOrderId('alfa'), 'alfamart'),
	cstore: { store: 'alfamart', ...cstore },
});

describe('simulator: Midtrans’s rules, stated by the simulator itself', () => {
	let simulator: Simulator;
	let api: AxiosInstance;

	beforeAll(async () => {
		({ simulator, api } = await startTestSimulator());
	});
	afterAll(() => simulator.close());

	it('imports nothing from the nodes or credentials it is meant to check', () => {
		const imports = simulatorImports();
		expect(imports.length).toBeGreaterThan(0);
		const intoNodeCode = imports.filter(({ target }) =>
			['nodes', 'credentials'].some((dir) => target.startsWith(join(REPO, dir) + sep)),
		);
		expect(intoNodeCode).toEqual([]);
	});

	describe('charges at the edge of each rule', () => {
		it.each([
			['an order_id of exactly 50 characters', gopayCharge(orderIdOfLength(50))],
			['an order_id with each allowed symbol - _ ~ .', gopayCharge(`${newOrderId('sym')}_~.`)],
			['an Alfamart charge of exactly 2,500,000', cstoreCharge(newOrderId('alfa'), 'alfamart', 2_500_000)],
			['an Indomaret charge of exactly 10,000', cstoreCharge(newOrderId('indo'), 'indomaret', 10_000)],
			['an Indomaret charge of exactly 5,000,000', cstoreCharge(newOrderId('indo'), 'indomaret', 5_000_000)],
			['a cstore message of 20 characters', alfamartWith({ message: 'm'.repeat(20) })],
			['an alfamart_free_text_1 of 40 characters', alfamartWith({ alfamart_free_text_1: 't'.repeat(40) })],
			[
				'customer_details fields of 255 characters',
				{
					...gopayCharge(newOrderId('customer')),
					customer_details: { first_name: 'f'.repeat(255), email: `${'e'.repeat(243)}@example.com` },
				},
			],
		] as [string, Json][])('accepts %s: status_code "201"', async (_case, body) => {
			const { status, data } = await api.post('/v2/charge', body);
			expect(status).toBe(200);
			expect(data).toMatchObject({ status_code: '201', transaction_status: 'pending' });
		});

		it.each([
			[
				'a 51-character order_id',
				gopayCharge(orderIdOfLength(51)),
				'transaction_details.order_id must be at most 50 characters',
			],
			...['order 1', 'order/1', 'order#1', 'order+1'].map((orderId) => [
				`the order_id ${JSON.stringify(orderId)}`,
				gopayCharge(orderId),
				'transaction_details.order_id may contain only letters, digits and - _ ~ .',
			]),
			[
				'an Alfamart charge above 2,500,000',
				cstoreCharge(newOrderId('alfa'), 'alfamart', 2_500_001),
				'transaction_details.gross_amount must be at most 2500000 for alfamart',
			],
			[
				'an Indomaret charge under 10,000',
				cstoreCharge(newOrderId('indo'), 'indomaret', 9_999),
				'transaction_details.gross_amount must be between 10000 and 5000000 for indomaret',
			],
			[
				'an Indomaret charge above 5,000,000',
				cstoreCharge(newOrderId('indo'), 'indomaret', 5_000_001),
				'transaction_details.gross_amount must be between 10000 and 5000000 for indomaret',
			],
			[
				'a cstore message of 21 characters',
				alfamartWith({ message: 'm'.repeat(21) }),
				'cstore.message must be at most 20 characters',
			],
			[
				'an alfamart_free_text_3 of 41 characters',
				alfamartWith({ alfamart_free_text_3: 't'.repeat(41) }),
				'cstore.alfamart_free_text_3 must be at most 40 characters',
			],
			[
				'a customer phone of 256 characters',
				{ ...gopayCharge(newOrderId('customer')), customer_details: { phone: '1'.repeat(256) } },
				'customer_details.phone must be at most 255 characters',
			],
		] as [string, Json, string][])(
			'refuses %s: HTTP 200 with status_code "400" and a validation message',
			async (_case, body, message) => {
				const { status, data } = await api.post('/v2/charge', body);
				expect(status).toBe(200);
				expect(data.status_code).toBe('400');
				expect(data.validation_messages).toContain(message);
				expect(simulator.transaction(body.transaction_details.order_id)).toBeUndefined();
			},
		);
	});

	it('honours an Idempotency-Key of exactly 46 characters', async () => {
		const body = gopayCharge(newOrderId('idem-46'));
		const headers = { 'Idempotency-Key': body.transaction_details.order_id.padEnd(46, 'k') };
		const first = (await api.post('/v2/charge', body, { headers })).data;
		const second = (await api.post('/v2/charge', body, { headers })).data;
		expect(first.status_code).toBe('201');
		expect(second).toEqual(first);
	});

	it.each([
		['pending', '201'],
		['settlement', '200'],
		['capture', '200'],
		['deny', '202'],
		['cancel', '202'],
		['expire', '202'],
		['refund', '200'],
		['partial_refund', '200'],
	])('a %s notification carries status_code "%s"', async (status, statusCode) => {
		const receiver = await startReceiver();
		try {
			const delivery = await simulator.notify({ url: receiver.url(), status, retry: false });
			expect(delivery.body).toMatchObject({ transaction_status: status, status_code: statusCode });
		} finally {
			await receiver.close();
		}
	});
});
