import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemValidator } from '../../../shared/validation';

/**
 * GoPay answers a refused link or unbind with HTTP 200 and body status_code "202" (e.g. channel_response_message
 * "User Not Found"): for these requests "202" is a failure, not a success.
 */
export const GOPAY_REFUSAL_CODES = [202] as const;

export const ACCOUNT_HINTS: Readonly<Record<number, string>> = {
	202: 'GoPay refused the request; channel_response_code and channel_response_message say why.',
	404: 'Midtrans knows no GoPay account with this account_id in this environment.',
	412: 'Only an ENABLED account can be unbound: this one is still PENDING (the customer has not activated it) or already DISABLED.',
};

export const accountIdProperty: INodeProperties = {
	displayName: 'Account ID',
	name: 'accountId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '00000269-7836-49e5-bc65-e592afafec14',
	description: 'The account_id Midtrans returned when the account was linked',
};

export function readAccountId(this: IExecuteFunctions, itemIndex: number, validate: ItemValidator) {
	const value = this.getNodeParameter('accountId', itemIndex);
	return { id: String(value).trim(), segment: validate.pathSegment('Account ID (accountId)', value) };
}

/** Names under which the URLs of a linking answer's actions[] are copied to the top of the item. */
const ACTIVATION_FIELDS: Record<string, string> = {
	'activation-link-url': 'activation_url',
	'activation-link-app': 'activation_app_url',
	// Deprecated by Midtrans ("should no longer use"), still seen in sandbox answers.
	'activation-deeplink': 'activation_deeplink_url',
};

/**
 * The account's answer, untouched, plus at the top: the activation URLs to send the customer, and the token of
 * the GoPay wallet to charge (metadata.payment_options[], GOPAY_WALLET first, else the first active option).
 */
export function withAccountFields(response: IDataObject): IDataObject {
	const surfaced: IDataObject = {};
	const actions = Array.isArray(response.actions) ? (response.actions as IDataObject[]) : [];
	for (const action of actions) {
		const field = ACTIVATION_FIELDS[String(action.name)];
		if (field && action.url) surfaced[field] = action.url;
	}
	const metadata = (response.metadata ?? {}) as IDataObject;
	const options = Array.isArray(metadata.payment_options) ? (metadata.payment_options as IDataObject[]) : [];
	const usable = options.filter((option) => option.active !== false && typeof option.token === 'string');
	const wallet = usable.find((option) => option.name === 'GOPAY_WALLET') ?? usable[0];
	if (wallet) {
		surfaced.payment_option_token = wallet.token;
		surfaced.payment_option_name = wallet.name;
	}
	return { ...surfaced, ...response };
}
