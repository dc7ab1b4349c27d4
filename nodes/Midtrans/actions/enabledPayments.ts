import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemValidator } from '../../shared/validation';

/**
 * Every payment method Midtrans takes in enabled_payments, sorted by name as the editor lists them. Payment
 * pages and payment links each offer their own subset (see their operations).
 */
const PAYMENT_METHODS = [
	{ name: 'Akulaku PayLater', value: 'akulaku' },
	{ name: 'Alfamart', value: 'alfamart' },
	{ name: 'BCA KlikPay', value: 'bca_klikpay' },
	{ name: 'BCA Virtual Account', value: 'bca_va' },
	{ name: 'BNI Virtual Account', value: 'bni_va' },
	{ name: 'BRI Virtual Account', value: 'bri_va' },
	{ name: 'BRImo (BRI Epay)', value: 'bri_epay' },
	{ name: 'BSI Virtual Account', value: 'bsi_va' },
	{ name: 'CIMB Clicks', value: 'cimb_clicks' },
	{ name: 'CIMB Virtual Account', value: 'cimb_va' },
	{ name: 'Credit Card', value: 'credit_card' },
	{ name: 'Danamon Online Banking', value: 'danamon_online' },
	{ name: 'Danamon Virtual Account', value: 'danamon_va' },
	{ name: 'GoPay', value: 'gopay' },
	{ name: 'Indomaret', value: 'indomaret' },
	{ name: 'Kredivo', value: 'kredivo' },
	{ name: 'Mandiri Bill Payment', value: 'echannel' },
	{ name: 'Other Bank Virtual Account', value: 'other_va' },
	{ name: 'Permata Virtual Account', value: 'permata_va' },
	{ name: 'QRIS', value: 'other_qris' },
	{ name: 'ShopeePay', value: 'shopeepay' },
	{ name: 'UOB EZ Pay', value: 'uob_ezpay' },
] as const;

export type PaymentMethod = (typeof PAYMENT_METHODS)[number]['value'];

/** The options of `methods`, in the editor's order whatever the order given. */
const optionsOf = (methods: readonly PaymentMethod[]) => PAYMENT_METHODS.filter(({ value }) => methods.includes(value));

/** The Enabled Payments parameter of an operation that offers `methods`. */
export function enabledPaymentsProperty(methods: readonly PaymentMethod[], description: string): INodeProperties {
	return {
		displayName: 'Enabled Payments',
		name: 'enabledPayments',
		type: 'multiOptions',
		options: optionsOf(methods),
		default: [],
		description,
	};
}

/** The item's Enabled Payments as Midtrans's enabled_payments, each one of `methods`; undefined when none is chosen. */
export function readEnabledPayments(
	this: IExecuteFunctions,
	itemIndex: number,
	validate: ItemValidator,
	methods: readonly PaymentMethod[],
): string[] | undefined {
	const enabledPayments = this.getNodeParameter('enabledPayments', itemIndex, []) as string[];
	if (!enabledPayments.length) return undefined;
	const offered = optionsOf(methods).map(({ value }) => value);
	return enabledPayments.map((method) => validate.oneOf('Enabled Payments (enabledPayments)', method, offered));
}
