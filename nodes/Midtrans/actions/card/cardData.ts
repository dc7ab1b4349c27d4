import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MidtransCredentials } from '../../../shared/connection';
import { CREDENTIAL_NAME } from '../../../shared/constants';
import type { ItemValidator } from '../../../shared/validation';

/** The parameters of an operation that sends card numbers through n8n (Create Test Token, Register). */
export const cardNumberProperties: INodeProperties[] = [
	{
		displayName:
			'For testing in sandbox. Card numbers must not pass through n8n in production (PCI DSS): there, cards are tokenized in the customer’s browser with Midtrans.js.',
		name: 'sandboxOnlyNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Card Number',
		name: 'cardNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '4811 1111 1111 1114',
		description:
			'12 to 19 digits; spaces and dashes are ignored. Sandbox cards: 4811 1111 1111 1114 (accepted, with 3DS), 4411 1111 1111 1118 (accepted, no 3DS), 4911 1111 1111 1113 (denied by bank), 4611 1111 1111 1116 (denied by fraud check), 5211 1111 1111 1117 (accepted).',
	},
	{
		displayName: 'Expiry Month',
		name: 'cardExpMonth',
		type: 'string',
		default: '',
		required: true,
		placeholder: '12',
		description: 'Month the card expires, 1 to 12 (sent as two digits). Sandbox cards take any future date.',
	},
	{
		displayName: 'Expiry Year',
		name: 'cardExpYear',
		type: 'string',
		default: '',
		required: true,
		placeholder: '2030',
		description: 'Year the card expires, four digits. Sandbox cards take any future date.',
	},
];

export const allowInProductionProperty: INodeProperties = {
	displayName: 'Allow in Production',
	name: 'allowInProduction',
	type: 'boolean',
	default: false,
	description:
		'Whether to send card numbers to Midtrans when the credential’s environment is Production. Leave off unless this n8n is PCI DSS compliant: card data must not pass through n8n otherwise.',
};

/**
 * The client key a card-data request sends, after the checks every such request needs: refused in production
 * unless allowed (PCI DSS), and only with a client key in the credential.
 */
export async function clientKeyForCardData(this: IExecuteFunctions, itemIndex: number, operation: string): Promise<string> {
	const credentials = (await this.getCredentials(CREDENTIAL_NAME)) as MidtransCredentials;
	const refuse = (message: string, description: string) =>
		new NodeOperationError(this.getNode(), message, { itemIndex, description });
	if (credentials.environment === 'production' && !this.getNodeParameter('allowInProduction', itemIndex, false)) {
		throw refuse(
			`${operation} is refused in production (item ${itemIndex}): card numbers must not pass through n8n in production`,
			'Card data in production falls under PCI DSS: tokenize cards in the customer’s browser with Midtrans.js instead. Turn on Allow in Production only if this n8n is PCI DSS compliant. Nothing was sent to Midtrans.',
		);
	}
	const clientKey = String(credentials.clientKey ?? '').trim();
	if (!clientKey) {
		throw refuse(
			`The Midtrans credential has no Client Key, which ${operation} needs (item ${itemIndex})`,
			'Copy the client key from the Midtrans dashboard (Settings → Access Keys; it starts with SB-Mid-client- in sandbox) into the credential’s Client Key field. Nothing was sent to Midtrans.',
		);
	}
	return clientKey;
}

/** The card number and expiry of `cardNumberProperties`, checked, as Midtrans's card_number, card_exp_month and card_exp_year. */
export function readCardNumber(this: IExecuteFunctions, itemIndex: number, validate: ItemValidator) {
	const cardNumber = validate.cardNumber('Card Number (cardNumber)', this.getNodeParameter('cardNumber', itemIndex));
	const expiry = validate.cardExpiry(
		'Expiry Month (cardExpMonth)',
		this.getNodeParameter('cardExpMonth', itemIndex),
		'Expiry Year (cardExpYear)',
		this.getNodeParameter('cardExpYear', itemIndex),
	);
	return { card_number: cardNumber, card_exp_month: expiry.month, card_exp_year: expiry.year };
}
