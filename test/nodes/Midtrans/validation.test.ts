import type { IDataObject } from 'n8n-workflow';
import { runMidtrans } from '../../harness/engine';
import { SANDBOX_HOST } from '../../harness/midtrans';
import { interceptMidtrans } from '../../harness/nock';
import { answerEachCharge } from '../../harness/nockReplies';
import { alfamartCharge, onTransaction, refund } from '../../harness/parameters';
import { expectRefusedBeforeSending } from '../../harness/runs';

/** 2^53 + 1: JavaScript holds it as 2^53, so it could only be sent as a different amount. */
const BEYOND_EXACT = '9007199254740993';

describe('validation before anything is sent', () => {
	interceptMidtrans();

	const invalidCases: Array<[string, IDataObject, RegExp]> = [
		[
			'an order ID longer than 50 characters',
			{ orderId: 'x'.repeat(51) },
			/Invalid Order ID \(orderId\) in item 0: must be at most 50 characters \(got 51\)/,
		],
		[
			'an order ID with characters Midtrans refuses',
			{ orderId: 'order 1/2' },
			/Invalid Order ID \(orderId\) in item 0: may hold only letters, digits and - _ ~ \./,
		],
		// An empty literal is stopped by n8n itself (a required parameter); an expression can still be empty.
		['an order ID expression that is empty', { orderId: '={{ $json.missing }}' }, /Invalid Order ID \(orderId\) in item 0: it is required/],
		['an amount with decimals', { grossAmount: 44000.5 }, /Invalid Gross Amount \(grossAmount\) in item 0: must be a whole number of rupiah/],
		['a zero amount', { grossAmount: 0 }, /Invalid Gross Amount \(grossAmount\) in item 0: must be at least 1/],
		['an amount that is not a number', { grossAmount: '={{ "lots" }}' }, /Invalid Gross Amount \(grossAmount\) in item 0: must be a number/],
		[
			`an amount of ${BEYOND_EXACT} given as a number, which JavaScript cannot hold exactly`,
			{ grossAmount: Number(BEYOND_EXACT) },
			/Invalid Gross Amount \(grossAmount\) in item 0: is too large to be sent exactly \(at most 9007199254740991/,
		],
		[
			`an amount of ${BEYOND_EXACT} given as text`,
			{ grossAmount: `={{ "${BEYOND_EXACT}" }}` },
			/Invalid Gross Amount \(grossAmount\) in item 0: is too large to be sent exactly \(at most 9007199254740991; got 9007199254740993\)/,
		],
		[
			'a gross amount that differs from the items’ sum',
			{ itemDetails: { item: [{ name: 'Kopi', price: 15000, quantity: 2 }] } },
			/Invalid Gross Amount \(grossAmount\) in item 0: must equal the sum of item price × quantity, 30000 \(got 44000\)/,
		],
		[
			'an item price with decimals',
			{ grossAmount: 1000, itemDetails: { item: [{ name: 'Kopi', price: 999.5, quantity: 1 }] } },
			/Item Details \(itemDetails\) row 1 price in item 0: must be a whole number/,
		],
		[
			'an item quantity with decimals',
			{ grossAmount: 1000, itemDetails: { item: [{ name: 'Kopi', price: 1000, quantity: 1.5 }] } },
			/Item Details \(itemDetails\) row 1 quantity in item 0: must be a whole number, without decimals \(got 1.5\)/,
		],
		[
			'item prices × quantities whose sum is beyond what can be sent exactly',
			{
				grossAmount: 1000,
				itemDetails: { item: [{ name: 'Gold', price: 2 ** 52, quantity: 3 }] },
			},
			/Invalid Item Details \(itemDetails\) in item 0: the sum of price × quantity is too large to be sent exactly/,
		],
		[
			'an item without a name',
			{ grossAmount: 1000, itemDetails: { item: [{ name: '', price: 1000, quantity: 1 }] } },
			/Item Details \(itemDetails\) row 1 name in item 0: it is required/,
		],
		[
			'a store message longer than 20 characters',
			{ cstore: { message: 'x'.repeat(21) } },
			/Invalid Message \(cstore.message\) in item 0: must be at most 20 characters \(got 21\)/,
		],
		[
			'an Alfamart free text longer than 40 characters',
			{ cstore: { alfamartFreeText2: 'y'.repeat(41) } },
			/Invalid Alfamart Free Text 2 \(cstore.alfamartFreeText2\) in item 0: must be at most 40 characters/,
		],
		[
			'an Alfamart free text on an Indomaret charge',
			{ store: 'indomaret', cstore: { alfamartFreeText1: 'hello' } },
			/Alfamart Free Text 1 \(cstore.alfamartFreeText1\) in item 0: is only for Alfamart/,
		],
		['a store Midtrans does not know', { store: '={{ "circlek" }}' }, /Invalid Store \(store\) in item 0: must be one of alfamart, indomaret \(got "circlek"\)/],
		['an Indomaret amount under 10,000', { store: 'indomaret', grossAmount: 5000 }, /Indomaret accepts 10,000 to 5,000,000 IDR \(got 5000\)/],
		['an Alfamart amount over 2,500,000', { grossAmount: 3000000 }, /Alfamart accepts at most 2,500,000 IDR/],
		[
			'a card charge whose token expression is empty',
			{ paymentType: 'credit_card', tokenId: '={{ $json.token }}' },
			/Invalid Token ID \(tokenId\) in item 0: it is required/,
		],
		[
			'four notification URLs',
			{ additionalFields: { overrideNotificationUrls: 'https://a.id/1,https://a.id/2,https://a.id/3,https://a.id/4' } },
			/may list at most 3 URLs \(got 4\)/,
		],
		['a notification URL that is not http(s)', { additionalFields: { appendNotificationUrls: 'ftp://a.id/1' } }, /"ftp:\/\/a.id\/1" is not an http\(s\) URL/],
		[
			'an Idempotency-Key longer than Midtrans keeps',
			{ additionalFields: { idempotencyKey: 'k'.repeat(47) } },
			/Idempotency Key \(additionalFields.idempotencyKey\) in item 0: must be at most 46 characters/,
		],
		[
			'a custom expiry start time in the wrong format',
			{ additionalFields: { customExpiry: { expiry: { duration: 60, unit: 'minute', startTime: '22/11/2026 15:07' } } } },
			/Invalid Custom Expiry Start Time \(additionalFields.customExpiry.startTime\) in item 0: must look like 2026-11-22 15:07:00 \+0700/,
		],
		[
			'a custom expiry of a fraction of a unit',
			{ additionalFields: { customExpiry: { expiry: { duration: 1.5, unit: 'hour' } } } },
			/Invalid Custom Expiry Duration \(additionalFields.customExpiry.duration\) in item 0: must be a whole number/,
		],
		[
			'item details as JSON that is not an array',
			{ additionalFields: { itemDetailsJson: '{"name":"x"}' } },
			/Item Details From JSON .* in item 0: must be a JSON array/,
		],
	];

	it.each(invalidCases)('refuses %s, naming the field, the item and the rule, and sends nothing', async (_name, parameters, message) => {
		await expectRefusedBeforeSending(alfamartCharge(parameters), message);
	});

	it('names the failing item’s index and sends nothing for any item when one of several is invalid', async () => {
		await expectRefusedBeforeSending(
			alfamartCharge({
				itemDetails: { item: [{ name: 'Gold', price: '={{ $json.price }}', quantity: '={{ $json.quantity }}' }] },
			}),
			/Invalid Item Details \(itemDetails\) in item 1: the sum of price × quantity is too large to be sent exactly/,
			{ items: [{ price: 22000, quantity: 2 }, { price: 2 ** 52, quantity: 4 }, { price: 44000, quantity: 1 }] },
		);
	});

	it.each([
		['Get Status', onTransaction('payment', 'getStatus', '.')],
		['Cancel', onTransaction('payment', 'cancel', '..')],
		['Refund', refund('.')],
		['Expire', onTransaction('transaction', 'expire', '..')],
	])(
		'refuses %s of an order ID that is a dot segment, which a URL would resolve to another endpoint, and sends nothing',
		async (_operation, parameters) => {
			await expectRefusedBeforeSending(
				parameters,
				/^Invalid Order ID or Transaction ID \(orderOrTransactionId\) in item 0: "\.\.?" cannot be sent in a URL path .*use the transaction_id/,
			);
		},
	);

	it('with Continue On Fail, charges the valid items and returns an error item, paired, for the invalid one', async () => {
		const orders = answerEachCharge(SANDBOX_HOST, 2, { status_code: '201', transaction_status: 'pending' });
		const { items, error } = await runMidtrans(
			alfamartCharge({ orderId: '={{ $json.id }}' }),
			[{ id: 'ok-1' }, { id: 'bad id!' }, { id: 'ok-3' }],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(orders).toEqual(['ok-1', 'ok-3']);
		expect(items).toHaveLength(3);
		expect(items[0].json.order_id).toBe('ok-1');
		expect(items[1].json.error).toMatch(/Invalid Order ID \(orderId\) in item 1/);
		expect(items[2].json.order_id).toBe('ok-3');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
