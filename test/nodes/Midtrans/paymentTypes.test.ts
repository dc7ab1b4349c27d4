import type { IDataObject } from 'n8n-workflow';

import { runMidtrans } from '../../harness/engine';
import { interceptMidtrans, recordCharge } from '../../harness/nock';
import { charge as chargeOf, MADE_KEY } from '../../harness/parameters';
import { expectRefusedBeforeSending } from '../../harness/runs';

const charge = (parameters: IDataObject) => chargeOf({ orderId: 'order-2001', grossAmount: 150000, ...parameters });

const pendingAnswer = {
	status_code: '201',
	transaction_id: '9aed5972-5b6a-401e-894b-a32c91ed1a3a',
	order_id: 'order-2001',
	gross_amount: '150000.00',
	currency: 'IDR',
	transaction_time: '2026-11-22 15:07:00',
	transaction_status: 'pending',
	fraud_status: 'accept',
};

const answers = {
	bca: {
		...pendingAnswer,
		status_message: 'Success, Bank Transfer transaction is created',
		payment_type: 'bank_transfer',
		va_numbers: [{ bank: 'bca', va_number: '12345678901' }],
	},
	permata: {
		...pendingAnswer,
		status_message: 'Success, PERMATA VA transaction is successful',
		payment_type: 'bank_transfer',
		permata_va_number: '8562000087926752',
	},
	echannel: {
		...pendingAnswer,
		status_message: 'Success, Mandiri Bill transaction is successful',
		payment_type: 'echannel',
		bill_key: '990000000260',
		biller_code: '70012',
	},
	qris: {
		...pendingAnswer,
		status_message: 'QRIS transaction is created',
		payment_type: 'qris',
		acquirer: 'gopay',
		qr_string: '00020101021226620014COM.GO-JEK.WWW011993600914356135400210G3561354000303UMI51440014ID.CO.QRIS.WWW',
		actions: [
			{
				name: 'generate-qr-code',
				method: 'GET',
				url: 'https://api.sandbox.midtrans.com/v2/qris/9aed5972-5b6a-401e-894b-a32c91ed1a3a/qr-code',
			},
		],
	},
	shopeepay: {
		...pendingAnswer,
		status_message: 'ShopeePay transaction is created',
		payment_type: 'shopeepay',
		actions: [
			{
				name: 'deeplink-redirect',
				method: 'GET',
				url: 'https://wsa.uat.wallet.airpay.co.id/universal-link/wallet/pay?deep_and_deferred=1&reference=abc',
			},
		],
	},
};


describe('Charge: bank transfer, Mandiri bill, QRIS, ShopeePay and card pre-authorization', () => {
	interceptMidtrans();

	it('charges a BCA virtual account with a custom number, sub company code and free text, and surfaces va_number and va_bank', async () => {
		const { scope, seen } = recordCharge(answers.bca);
		const { items, error } = await runMidtrans(
			charge({
				paymentType: 'bank_transfer',
				bank: 'bca',
				bankTransfer: { vaNumber: '12345678901', subCompanyCode: '00000' },
				bcaFreeText: {
					inquiry: [{ en: 'Order 2001', id: 'Pesanan 2001' }],
					payment: [{ en: 'Thank you', id: 'Terima kasih' }],
				},
			}),
		);
		expect(error).toBeUndefined();
		scope.done();
		expect(seen.body).toEqual({
			payment_type: 'bank_transfer',
			transaction_details: { order_id: 'order-2001', gross_amount: 150000 },
			bank_transfer: {
				bank: 'bca',
				va_number: '12345678901',
				bca: { sub_company_code: '00000' },
				free_text: {
					inquiry: [{ en: 'Order 2001', id: 'Pesanan 2001' }],
					payment: [{ en: 'Thank you', id: 'Terima kasih' }],
				},
			},
		});
		expect(seen.headers?.['idempotency-key']).toMatch(MADE_KEY);
		expect(items[0].json).toMatchObject({ va_number: '12345678901', va_bank: 'bca', transaction_status: 'pending' });
	});

	it.each(['bni', 'bri', 'cimb'])('charges a %s virtual account with just the bank', async (bank) => {
		const { scope, seen } = recordCharge({ ...answers.bca, va_numbers: [{ bank, va_number: '9881234567' }] });
		const { items } = await runMidtrans(charge({ paymentType: 'bank_transfer', bank }));
		scope.done();
		expect((seen.body as { bank_transfer: object }).bank_transfer).toEqual({ bank });
		expect(items[0].json).toMatchObject({ va_number: '9881234567', va_bank: bank });
	});

	it('charges a Permata VA with a recipient name and no Idempotency-Key, which Permata ignores, and surfaces permata_va_number as va_number', async () => {
		const { scope, seen } = recordCharge(answers.permata);
		const { items } = await runMidtrans(
			charge({
				paymentType: 'bank_transfer',
				bank: 'permata',
				bankTransfer: { vaNumber: '1234567890', recipientName: 'TOKO BUDI' },
			}),
		);
		scope.done();
		expect((seen.body as { bank_transfer: object }).bank_transfer).toEqual({
			bank: 'permata',
			va_number: '1234567890',
			permata: { recipient_name: 'TOKO BUDI' },
		});
		expect(seen.headers?.['idempotency-key']).toBeUndefined();
		expect(items[0].json).toMatchObject({ va_number: '8562000087926752', va_bank: 'permata' });
	});

	it('charges a Mandiri bill with its labels and bill key, and returns bill_key and biller_code', async () => {
		const { scope, seen } = recordCharge(answers.echannel);
		const { items } = await runMidtrans(
			charge({
				paymentType: 'echannel',
				billInfo1: 'Payment:',
				billInfo2: 'Online purchase',
				echannel: { billInfo3: 'Order:', billInfo4: 'order-2001', billKey: '081211111111' },
			}),
		);
		scope.done();
		expect((seen.body as { echannel: object }).echannel).toEqual({
			bill_info1: 'Payment:',
			bill_info2: 'Online purchase',
			bill_info3: 'Order:',
			bill_info4: 'order-2001',
			bill_key: '081211111111',
		});
		expect(seen.headers?.['idempotency-key']).toMatch(MADE_KEY);
		expect(items[0].json).toMatchObject({ bill_key: '990000000260', biller_code: '70012' });
	});

	it('charges QRIS through the chosen acquirer and surfaces the QR string and the QR image URL', async () => {
		const { scope, seen } = recordCharge(answers.qris);
		const { items } = await runMidtrans(charge({ paymentType: 'qris', qrisAcquirer: 'airpay shopee' }));
		scope.done();
		expect((seen.body as { qris: object }).qris).toEqual({ acquirer: 'airpay shopee' });
		expect(items[0].json).toMatchObject({
			qr_string: answers.qris.qr_string,
			qr_code_url: answers.qris.actions[0].url,
		});
	});

	it('charges QRIS through GoPay when no acquirer is chosen', async () => {
		const { scope, seen } = recordCharge(answers.qris);
		await runMidtrans(charge({ paymentType: 'qris' }));
		scope.done();
		expect((seen.body as { qris: object }).qris).toEqual({ acquirer: 'gopay' });
	});

	it('charges ShopeePay with a callback URL and surfaces the deeplink', async () => {
		const { scope, seen } = recordCharge(answers.shopeepay);
		const { items } = await runMidtrans(
			charge({ paymentType: 'shopeepay', shopeepay: { callbackUrl: 'https://shop.example.com/finish' } }),
		);
		scope.done();
		expect(seen.body).toEqual({
			payment_type: 'shopeepay',
			transaction_details: { order_id: 'order-2001', gross_amount: 150000 },
			shopeepay: { callback_url: 'https://shop.example.com/finish' },
		});
		expect(items[0].json.deeplink_url).toBe(answers.shopeepay.actions[0].url);
	});

	it('sends no shopeepay object when no callback URL is given', async () => {
		const { scope, seen } = recordCharge(answers.shopeepay);
		await runMidtrans(charge({ paymentType: 'shopeepay' }));
		scope.done();
		expect(seen.body).not.toHaveProperty('shopeepay');
	});

	it('asks for a card pre-authorization with type "authorize" when Authorize Only is on', async () => {
		const { scope, seen } = recordCharge({ ...pendingAnswer, transaction_status: 'authorize', status_code: '200' });
		const { items } = await runMidtrans(
			charge({ paymentType: 'credit_card', tokenId: 'tok-1', creditCard: { authorizeOnly: true } }),
		);
		scope.done();
		expect((seen.body as { credit_card: object }).credit_card).toEqual({
			token_id: 'tok-1',
			authentication: true,
			type: 'authorize',
		});
		expect(items[0].json.transaction_status).toBe('authorize');
	});

	const invalidCases: Array<[string, IDataObject, RegExp]> = [
		[
			'a BCA VA number longer than BCA takes',
			{ paymentType: 'bank_transfer', bank: 'bca', bankTransfer: { vaNumber: '123456789012' } },
			/Invalid Custom VA Number \(bankTransfer.vaNumber\) in item 0: must be 1 to 11 digits long \(got 12\)/,
		],
		[
			'a Permata VA number longer than 10 digits',
			{ paymentType: 'bank_transfer', bank: 'permata', bankTransfer: { vaNumber: '12345678901' } },
			/Invalid Custom VA Number \(bankTransfer.vaNumber\) in item 0: must be 1 to 10 digits long/,
		],
		[
			'a VA number with letters',
			{ paymentType: 'bank_transfer', bank: 'bni', bankTransfer: { vaNumber: '12AB' } },
			/Invalid Custom VA Number \(bankTransfer.vaNumber\) in item 0: may hold only digits \(got "12AB"\)/,
		],
		[
			'a recipient name for a bank other than Permata',
			{ paymentType: 'bank_transfer', bank: 'bca', bankTransfer: { recipientName: 'BUDI' } },
			/Invalid Permata Recipient Name \(bankTransfer.recipientName\) in item 0: is only for Permata/,
		],
		[
			'a Permata recipient name longer than 20 characters',
			{ paymentType: 'bank_transfer', bank: 'permata', bankTransfer: { recipientName: 'R'.repeat(21) } },
			/Invalid Permata Recipient Name \(bankTransfer.recipientName\) in item 0: must be at most 20 characters/,
		],
		[
			'a sub company code for a bank other than BCA',
			{ paymentType: 'bank_transfer', bank: 'bri', bankTransfer: { subCompanyCode: '12345' } },
			/Invalid BCA Sub Company Code \(bankTransfer.subCompanyCode\) in item 0: is only for BCA/,
		],
		[
			'a BCA free-text line longer than 50 characters',
			{ paymentType: 'bank_transfer', bank: 'bca', bcaFreeText: { inquiry: [{ en: 'e'.repeat(51), id: 'ok' }] } },
			/Invalid BCA Free Text inquiry line 1 en \(bcaFreeText.inquiry\) in item 0: must be at most 50 characters/,
		],
		[
			'a BCA free-text line without its Indonesian text',
			{ paymentType: 'bank_transfer', bank: 'bca', bcaFreeText: { payment: [{ en: 'Thanks' }] } },
			/Invalid BCA Free Text payment line 1 id \(bcaFreeText.payment\) in item 0: it is required/,
		],
		[
			'more than 10 BCA free-text lines',
			{
				paymentType: 'bank_transfer',
				bank: 'bca',
				bcaFreeText: { inquiry: Array.from({ length: 11 }, () => ({ en: 'a', id: 'b' })) },
			},
			/Invalid BCA Free Text inquiry \(bcaFreeText.inquiry\) in item 0: may have at most 10 lines \(got 11\)/,
		],
		[
			'a bank Midtrans has no VA for',
			{ paymentType: 'bank_transfer', bank: '={{ "mandiri" }}' },
			/Invalid Bank \(bank\) in item 0: must be one of bca, bni, bri, cimb, permata \(got "mandiri"\)/,
		],
		[
			'a Mandiri bill label longer than Mandiri shows',
			{ paymentType: 'echannel', billInfo1: 'Payment for:', billInfo2: 'x' },
			/Invalid Bill Info 1 \(billInfo1\) in item 0: must be at most 10 characters \(got 12\)/,
		],
		[
			'a Mandiri bill without its first value',
			{ paymentType: 'echannel', billInfo1: 'Payment:', billInfo2: '={{ "" }}' },
			/Invalid Bill Info 2 \(billInfo2\) in item 0: it is required/,
		],
		[
			'an optional Mandiri bill value longer than 30 characters',
			{ paymentType: 'echannel', billInfo1: 'a', billInfo2: 'b', echannel: { billInfo6: 'v'.repeat(31) } },
			/Invalid Bill Info 6 \(echannel.billInfo6\) in item 0: must be at most 30 characters/,
		],
		[
			'a bill key shorter than 6 digits',
			{ paymentType: 'echannel', billInfo1: 'a', billInfo2: 'b', echannel: { billKey: '12345' } },
			/Invalid Bill Key \(echannel.billKey\) in item 0: must be 6 to 12 digits long \(got 5\)/,
		],
		[
			'a QRIS acquirer Midtrans does not know',
			{ paymentType: 'qris', qrisAcquirer: '={{ "ovo" }}' },
			/Invalid QRIS Acquirer \(qrisAcquirer\) in item 0: must be one of gopay, airpay shopee/,
		],
		[
			'a ShopeePay callback that is neither a URL nor a deeplink',
			{ paymentType: 'shopeepay', shopeepay: { callbackUrl: 'shop.example.com' } },
			/Invalid Callback URL \(shopeepay.callbackUrl\) in item 0: must be an https URL or an app deeplink/,
		],
	];

	it.each(invalidCases)('refuses %s, naming the field, the item and the rule, and sends nothing', async (_name, parameters, message) => {
		await expectRefusedBeforeSending(charge(parameters), message);
	});
});
