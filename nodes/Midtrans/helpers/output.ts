import type { IDataObject } from 'n8n-workflow';

/** Names under which the URLs of a charge answer's actions[] are copied to the top of the item. */
const ACTION_FIELDS: Record<string, string> = {
	'generate-qr-code': 'qr_code_url',
	'generate-qr-code-v2': 'qr_code_v2_url',
	'deeplink-redirect': 'deeplink_url',
	'get-status': 'get_status_url',
	cancel: 'cancel_url',
	// A linked GoPay account's charge that GoPay wants the customer to confirm (links valid 5 minutes).
	'verification-link-url': 'verification_url',
	'verification-link-app': 'verification_app_url',
};

/**
 * Midtrans's answer, untouched, plus top-level copies of what a workflow needs next and would otherwise
 * dig out of arrays (the GoPay QR and deeplink URLs, the VA number). Midtrans's own fields always win.
 */
export function withSurfacedFields(response: IDataObject): IDataObject {
	const surfaced: IDataObject = {};
	const actions = Array.isArray(response.actions) ? (response.actions as IDataObject[]) : [];
	for (const action of actions) {
		const field = ACTION_FIELDS[String(action.name)];
		if (field && action.url) surfaced[field] = action.url;
	}
	const vaNumbers = Array.isArray(response.va_numbers) ? (response.va_numbers as IDataObject[]) : [];
	if (vaNumbers[0]?.va_number) {
		surfaced.va_number = vaNumbers[0].va_number;
		surfaced.va_bank = vaNumbers[0].bank;
	} else if (response.permata_va_number) {
		surfaced.va_number = response.permata_va_number;
		surfaced.va_bank = 'permata';
	}
	return { ...surfaced, ...response };
}
