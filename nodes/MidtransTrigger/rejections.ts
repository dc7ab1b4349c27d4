import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { type Refusal, refuseRequest } from '../shared/webhooks/refusals';
import type { TriggerSettings } from './description';
import { DERIVED_KEY, onOutput, outputNames, REJECTED_OUTPUT } from './routing';

/*
 * Why these answer codes (Midtrans retries 400/404 twice, 500 once, 503 four times, anything else five times
 * over about six hours):
 * - 400 for a body that is not a notification or was altered: Midtrans never sends one, so its retries cost nothing.
 * - 401 (no signature) and 403 (wrong signature): the most retried codes. A genuine notification fails the
 *   check only when the credential holds the wrong server key (a sandbox key behind a production URL, a
 *   rotated key); five retries over hours give the user time to fix the credential and still get them all.
 */
export const REJECTIONS = {
	notANotification: (problem: string): Refusal => ({
		httpCode: 400,
		reason: problem,
		check: 'Only Midtrans’s HTTP notifications (JSON with order_id, status_code, gross_amount, transaction_status and signature_key) are accepted here.',
	}),
	unsigned: (): Refusal => ({
		httpCode: 401,
		reason: 'Missing signature_key',
		check: 'Midtrans signs every notification; an unsigned one did not come from Midtrans.',
	}),
	badSignature: (hint: string): Refusal => ({
		httpCode: 403,
		reason: 'signature_key does not match this notification',
		check: `Either the notification did not come from Midtrans, or the credential’s server key is not the one Midtrans signs with. ${hint}`,
	}),
	altered: (problem: string): Refusal => ({
		httpCode: 400,
		reason: problem,
		check: 'The signature covers order_id, status_code and gross_amount only; someone changed the other fields of a genuine notification. Midtrans never sends this.',
	}),
	unconfirmed: (problem: string): Refusal => ({
		httpCode: 403,
		reason: 'Midtrans has no record of what this notification reports',
		check: problem,
	}),
	contradicted: (problem: string): Refusal => ({
		httpCode: 403,
		reason: problem,
		check: 'Get Status (by the notification’s transaction_id) returned a record that does not match the signed order_id and gross_amount.',
	}),
};

/**
 * Refuses a request (see refuseRequest) and, while the editor listens for a test event or when the user asked
 * for it, starts the workflow with an item on the "rejected" output saying why and what to check. Never any
 * other output.
 */
export function refuse(
	context: IWebhookFunctions,
	settings: TriggerSettings,
	rejection: Refusal,
	body: unknown,
): IWebhookResponseData {
	const orderId = typeof (body as IDataObject | undefined)?.order_id === 'string' ? String((body as IDataObject).order_id) : undefined;
	const emit = refuseRequest(context, rejection, {
		triggerName: 'Midtrans Trigger',
		subject: orderId ? `order ${orderId}` : undefined,
		emitInProduction: settings.emitRejected,
	});
	if (!emit) return { noWebhookResponse: true };
	const item = {
		json: {
			...(orderId ? { order_id: orderId } : {}),
			[DERIVED_KEY]: {
				rejected: true,
				reason: rejection.reason,
				check: rejection.check,
				answeredWith: rejection.httpCode,
				output: REJECTED_OUTPUT,
			},
			received: (body ?? null) as IDataObject,
		},
	};
	return {
		noWebhookResponse: true,
		workflowData: onOutput(settings.routing, outputNames(settings.routing).indexOf(REJECTED_OUTPUT), item),
	};
}
