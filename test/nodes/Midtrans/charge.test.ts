import { guideAnswers, guideRequests } from '../../fixtures/guides';
import { runMidtrans } from '../../harness/engine';
import { basicAuthFor, SANDBOX_HOST } from '../../harness/midtrans';
import { interceptMidtrans, recordCharge } from '../../harness/nock';
import { answerEachCharge } from '../../harness/nockReplies';
import { charge, indomaretCharge, MADE_KEY } from '../../harness/parameters';


describe('Charge', () => {
	interceptMidtrans();

	it('sends the guide’s Alfamart request body exactly, with Midtrans’s headers and an Idempotency-Key', async () => {
		const { scope, seen } = recordCharge(guideAnswers.alfamart);
		const { items, error } = await runMidtrans(
			charge({
				paymentType: 'cstore',
				orderId: 'order-101',
				store: 'alfamart',
				cstore: {
					message: 'Message ',
					alfamartFreeText1: '1st row of receipt,',
					alfamartFreeText2: 'This is the 2nd row,',
					alfamartFreeText3: '3rd row. The end.',
				},
			}),
		);
		expect(error).toBeUndefined();
		scope.done();
		expect(seen.body).toEqual(guideRequests.alfamart);
		expect(seen.headers?.authorization).toBe(basicAuthFor());
		expect(seen.headers?.accept).toBe('application/json');
		expect(seen.headers?.['content-type']).toContain('application/json');
		expect(seen.headers?.['idempotency-key']).toMatch(MADE_KEY);
		expect(items[0].json).toMatchObject({ payment_code: '8127740588870520', store: 'alfamart' });
	});

	it('sends the guide’s Indomaret request body exactly and no Idempotency-Key, which Indomaret ignores', async () => {
		const { scope, seen } = recordCharge(guideAnswers.indomaret);
		const { items, error } = await runMidtrans(indomaretCharge({ orderId: 'order-101', cstore: { message: 'Message to display' } }));
		expect(error).toBeUndefined();
		scope.done();
		expect(seen.body).toEqual(guideRequests.indomaret);
		expect(seen.headers?.['idempotency-key']).toBeUndefined();
		expect(items[0].json).toEqual(guideAnswers.indomaret);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends no Idempotency-Key on Indomaret even when the user gives one, since Midtrans would ignore it', async () => {
		const { scope, seen } = recordCharge(guideAnswers.indomaret);
		await runMidtrans(indomaretCharge({ additionalFields: { idempotencyKey: 'user-key-1' } }));
		scope.done();
		expect(seen.headers?.['idempotency-key']).toBeUndefined();
	});

	it('charges a card token with 3DS and customer details as the card guide shows, surfacing redirect_url', async () => {
		const { scope, seen } = recordCharge(guideAnswers.creditCard3ds);
		const { items } = await runMidtrans(
			charge({
				paymentType: 'credit_card',
				orderId: 'order102',
				grossAmount: 789000,
				tokenId: guideRequests.creditCard.credit_card.token_id,
				customerDetails: {
					firstName: 'budi',
					lastName: 'pratama',
					email: 'budi.pra@example.com',
					phone: '08111222333',
				},
			}),
		);
		scope.done();
		expect(seen.body).toEqual(guideRequests.creditCard);
		expect(items[0].json.redirect_url).toBe(guideAnswers.creditCard3ds.redirect_url);
		expect(items[0].json.transaction_status).toBe('pending');
	});

	it('sends bank, installment term and save_token_id for a card when given', async () => {
		const { scope, seen } = recordCharge(guideAnswers.creditCard3ds);
		await runMidtrans(
			charge({
				paymentType: 'credit_card',
				grossAmount: 100000,
				tokenId: 'tok-1',
				creditCard: { authentication: false, bank: 'BNI', installmentTerm: 3, saveTokenId: true },
			}),
		);
		scope.done();
		expect((seen.body as { credit_card: object }).credit_card).toEqual({
			token_id: 'tok-1',
			authentication: false,
			bank: 'bni',
			installment_term: 3,
			save_token_id: true,
		});
	});

	it('charges GoPay as the guide shows and puts the QR-code and deeplink URLs at the top of the item', async () => {
		const { scope, seen } = recordCharge(guideAnswers.gopay);
		const { items } = await runMidtrans(
			charge({
				paymentType: 'gopay',
				orderId: 'test-transaction-54321',
				grossAmount: 12145,
				gopay: { enableCallback: true, callbackUrl: 'someapps://callback' },
			}),
		);
		scope.done();
		expect(seen.body).toEqual(guideRequests.gopay);
		const [qr, deeplink, status, cancel] = guideAnswers.gopay.actions.map((action) => action.url);
		expect(items[0].json).toMatchObject({
			qr_code_url: qr,
			deeplink_url: deeplink,
			get_status_url: status,
			cancel_url: cancel,
			actions: guideAnswers.gopay.actions,
			transaction_id: guideAnswers.gopay.transaction_id,
		});
	});

	it('sends item details, customer details and a custom expiry in Midtrans’s names', async () => {
		const { scope, seen } = recordCharge(guideAnswers.alfamart);
		await runMidtrans(
			charge({
				paymentType: 'cstore',
				orderId: 'order-104',
				grossAmount: 50000,
				store: 'alfamart',
				itemDetails: {
					item: [
						{ id: 'sku-1', name: 'Kopi', price: 15000, quantity: 2, brand: 'Kapal Api' },
						{ name: 'Roti', price: 20000, quantity: 1, merchantName: 'Toko Budi' },
					],
				},
				customerDetails: { firstName: 'Siti', email: 'siti@example.com' },
				additionalFields: {
					customExpiry: { expiry: { duration: 2, unit: 'day', startTime: '2026-11-22 15:07:00 +0700' } },
				},
			}),
		);
		scope.done();
		expect(seen.body).toEqual({
			payment_type: 'cstore',
			transaction_details: { order_id: 'order-104', gross_amount: 50000 },
			cstore: { store: 'alfamart' },
			item_details: [
				{ id: 'sku-1', name: 'Kopi', price: 15000, quantity: 2, brand: 'Kapal Api' },
				{ name: 'Roti', price: 20000, quantity: 1, merchant_name: 'Toko Budi' },
			],
			customer_details: { first_name: 'Siti', email: 'siti@example.com' },
			custom_expiry: { expiry_duration: 2, unit: 'day', order_time: '2026-11-22 15:07:00 +0700' },
		});
	});

	it('counts a custom expiry from now when it has no start time, in seconds if asked', async () => {
		const { scope, seen } = recordCharge(guideAnswers.gopay);
		await runMidtrans(
			charge({ paymentType: 'gopay', additionalFields: { customExpiry: { expiry: { duration: 90, unit: 'second' } } } }),
		);
		scope.done();
		expect((seen.body as { custom_expiry: object }).custom_expiry).toEqual({ expiry_duration: 90, unit: 'second' });
	});

	it('takes item details as JSON from an earlier node', async () => {
		const { scope, seen } = recordCharge(guideAnswers.gopay);
		await runMidtrans(
			charge({
				paymentType: 'gopay',
				orderId: '={{ $json.order }}',
				grossAmount: '={{ $json.total }}',
				additionalFields: { itemDetailsJson: '={{ JSON.stringify($json.lines) }}' },
			}),
			[{ order: 'order-105', total: 30000, lines: [{ id: 'a', name: 'Teh', price: 10000, quantity: 3 }] }],
		);
		scope.done();
		expect(seen.body).toMatchObject({
			transaction_details: { order_id: 'order-105', gross_amount: 30000 },
			item_details: [{ id: 'a', name: 'Teh', price: 10000, quantity: 3 }],
		});
	});

	it('points notifications at the given URLs with X-Override-Notification and X-Append-Notification', async () => {
		const { scope, seen } = recordCharge(guideAnswers.gopay);
		await runMidtrans(
			charge({
				paymentType: 'gopay',
				additionalFields: {
					overrideNotificationUrls: 'https://n8n.example.com/webhook/abc/webhook, https://shop.example.com/hook',
					appendNotificationUrls: 'https://audit.example.com/midtrans',
					idempotencyKey: 'my-key-106',
				},
			}),
		);
		scope.done();
		expect(seen.headers?.['x-override-notification']).toBe(
			'https://n8n.example.com/webhook/abc/webhook,https://shop.example.com/hook',
		);
		expect(seen.headers?.['x-append-notification']).toBe('https://audit.example.com/midtrans');
		expect(seen.headers?.['idempotency-key']).toBe('my-key-106');
	});

	it('sends a charge whose order ID is "." (it travels in the body, where it is a legal order ID)', async () => {
		const { scope, seen } = recordCharge(guideAnswers.indomaret);
		const { error } = await runMidtrans(indomaretCharge({ orderId: '.' }));
		expect(error).toBeUndefined();
		scope.done();
		expect((seen.body as { transaction_details: object }).transaction_details).toEqual({ order_id: '.', gross_amount: 44000 });
	});

	it('charges every input item, keeping order and pairedItem', async () => {
		const orders = answerEachCharge(SANDBOX_HOST, 3, guideAnswers.indomaret);
		const { items } = await runMidtrans(indomaretCharge({ orderId: '={{ $json.id }}' }), [{ id: 'a-1' }, { id: 'a-2' }, { id: 'a-3' }]);
		expect(items.map((item) => item.json.order_id)).toEqual(['a-1', 'a-2', 'a-3']);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(orders).toEqual(['a-1', 'a-2', 'a-3']);
	});
});
