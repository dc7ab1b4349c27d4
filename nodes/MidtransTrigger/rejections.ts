import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { TriggerSettings } from './description';
import { DERIVED_KEY, onOutput, outputNames, REJECTED_OUTPUT } from './routing';

/** Why a request is not accepted as a notification, what Midtrans is answered, and what the user should check. */
export interface Rejection {
	httpCode: 400 | 401 | 403;
	reason: string;
	check: string;
}

/*
 * Why these answer codes (Midtrans retries 400/404 twice, 500 once, 503 four times, anything else five times
 * over about six hours):
 * - 400 for a body that is not a notification or was altered: Midtrans never sends one, so its retries cost nothing.
 * - 401 (no signature) and 403 (wrong signature): the most retried codes. A genuine notification fails the
 *   check only when the credential holds the wrong server key (a sandbox key behind a production URL, a
 *   rotated key); five retries over hours give the user time to fix the credential and still get them all.
 */
export const REJECTIONS = {
	notANotification: (problem: string): Rejection => ({
		httpCode: 400,
		reason: problem,
		check: 'Only Midtrans’s HTTP notifications (JSON with order_id, status_code, gross_amount, transaction_status and signature_key) are accepted here.',
	}),
	unsigned: (): Rejection => ({
		httpCode: 401,
		reason: 'Missing signature_key',
		check: 'Midtrans signs every notification; an unsigned one did not come from Midtrans.',
	}),
	badSignature: (hint: string): Rejection => ({
		httpCode: 403,
		reason: 'signature_key does not match this notification',
		check: `Either the notification did not come from Midtrans, or the credential’s server key is not the one Midtrans signs with. ${hint}`,
	}),
	altered: (problem: string): Rejection => ({
		httpCode: 400,
		reason: problem,
		check: 'The signature covers order_id, status_code and gross_amount only; someone changed the other fields of a genuine notification. Midtrans never sends this.',
	}),
	contradicted: (problem: string): Rejection => ({
		httpCode: 403,
		reason: problem,
		check: 'Get Status (by the notification’s transaction_id) returned a record that does not match the signed order_id and gross_amount.',
	}),
};

/** At most one log line per trigger per LOG_EVERY_MS; the ones held back are counted in the next. */
const LOG_EVERY_MS = 1_000;
const lastLogged = new Map<string, { at: number; heldBack: number }>();

function logRejection(context: IWebhookFunctions, rejection: Rejection, orderId: string | undefined): void {
	const trigger = `${context.getWorkflow().id}:${context.getNode().id}`;
	const now = Date.now();
	const last = lastLogged.get(trigger);
	if (last && now - last.at < LOG_EVERY_MS) {
		last.heldBack++;
		return;
	}
	const heldBack = last?.heldBack ? ` (and ${last.heldBack} more refused since the last line)` : '';
	lastLogged.set(trigger, { at: now, heldBack: 0 });
	context.logger.warn(
		`Midtrans Trigger refused a notification${orderId ? ` for order ${orderId}` : ''}: ${rejection.reason}. ${rejection.check}${heldBack}`,
		{ workflowId: context.getWorkflow().id, nodeName: context.getNode().name, orderId, httpCode: rejection.httpCode },
	);
}

/**
 * Refuses a request: Midtrans gets the code and a short reason (never anything about the key), n8n's log a
 * line, and, while the editor listens for a test event or when the user asked for it, the workflow an item
 * on the "rejected" output saying why and what to check. Never any other output.
 */
export function refuse(
	context: IWebhookFunctions,
	settings: TriggerSettings,
	rejection: Rejection,
	body: unknown,
): IWebhookResponseData {
	const orderId = typeof (body as IDataObject | undefined)?.order_id === 'string' ? String((body as IDataObject).order_id) : undefined;
	logRejection(context, rejection, orderId);
	context.getResponseObject().status(rejection.httpCode).json({ message: rejection.reason });
	const listening = context.getMode?.() === 'manual';
	if (!listening && !settings.emitRejected) return { noWebhookResponse: true };
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
