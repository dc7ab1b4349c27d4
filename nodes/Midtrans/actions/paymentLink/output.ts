import type { IDataObject } from 'n8n-workflow';

/** What Midtrans's codes mean for payment links (the Core API's usual words speak of transactions). */
export const PAYMENT_LINK_HINTS: Readonly<Record<number, string>> = {
	404: 'Midtrans knows no payment link with this order ID in this environment (or it was deleted).',
	409: 'This order ID is already used by a payment link. Use a new order ID; if a run was repeated after a lost answer, the first one may have made the link: look it up with Payment Link → Get.',
};

/**
 * Create answers payment_url, Get answers payment_link_url: the item carries payment_url either way, so the
 * next node (a WhatsApp or e-mail message) reads the same field after both.
 */
export function withPaymentUrl(response: IDataObject): IDataObject {
	if (response.payment_url === undefined && typeof response.payment_link_url === 'string') {
		return { payment_url: response.payment_link_url, ...response };
	}
	return response;
}
