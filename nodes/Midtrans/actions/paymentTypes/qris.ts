import type { PaymentType } from './types';

export const QRIS_ACQUIRERS = ['gopay', 'airpay shopee'] as const;

export const qris: PaymentType = {
	value: 'qris',
	name: 'QRIS',
	description:
		'The customer scans one QR code with any Indonesian e-wallet or banking app (answer fields qr_string and qr_code_url)',
	properties: [
		{
			displayName: 'QRIS Acquirer',
			name: 'qrisAcquirer',
			type: 'options',
			options: [
				{ name: 'GoPay', value: 'gopay' },
				{ name: 'ShopeePay (AirPay Shopee)', value: 'airpay shopee' },
			],
			default: 'gopay',
			description: 'Which acquirer issues the QR code; the customer can pay it with any QRIS app either way',
		},
	],
	buildBody(itemIndex, validate) {
		const acquirer = validate.oneOf(
			'QRIS Acquirer (qrisAcquirer)',
			this.getNodeParameter('qrisAcquirer', itemIndex, 'gopay'),
			QRIS_ACQUIRERS,
		);
		return { qris: { acquirer } };
	},
};
