import type { PaymentType } from './types';

export const QRIS_ACQUIRERS = ['gopay', 'airpay shopee'] as const;

export const qris: PaymentType = {
	value: 'qris',
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
