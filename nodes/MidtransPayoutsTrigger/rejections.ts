import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { claimedSubject } from '../shared/iris/notifications';
import { type Refusal, refuseRequest } from '../shared/webhooks/refusals';
import type { PayoutsTriggerSettings } from './description';
import { DERIVED_KEY, onOutput, outputNames, REFUSED_OUTPUT } from './routing';

/*
 * Answer codes: 400 for a body that is not an Iris notification or was visibly altered; 401 for a request
 * without Iris-Signature; 403 for a signature that does not match (a genuine notification fails only when the
 * credential holds the wrong Merchant Key, and a code Iris may retry gives the user time to fix it).
 */
export const REFUSALS = {
	unsigned: (): Refusal => ({
		httpCode: 401,
		reason: 'Missing Iris-Signature header',
		check: 'Iris signs every notification in the Iris-Signature header; a request without one did not come from Iris.',
	}),
	badSignature: (check: string): Refusal => ({
		httpCode: 403,
		reason: 'Iris-Signature does not match this notification',
		check,
	}),
	emptyBody: (): Refusal => ({
		httpCode: 400,
		reason: 'The request has no body',
		check: 'Iris notifications are JSON bodies signed in the Iris-Signature header.',
	}),
	notANotification: (problem: string): Refusal => ({
		httpCode: 400,
		reason: problem,
		check: 'Only Iris’s payout notifications (reference_no, amount, status) and top-up notifications (status "topup") are accepted here.',
	}),
	contradicted: (problem: string): Refusal => ({
		httpCode: 403,
		reason: problem,
		check: 'The payout details Iris returned for the notification’s reference_no do not match its signed reference_no and amount.',
	}),
};

export const MALFORMED_SIGNATURE =
	'The Iris-Signature header is not a SHA-512 digest in lower-case hex, which a genuine one always is: the request did not come from Iris.';

/** Why a signature may fail although the request came from Iris: the credential's Merchant Key. */
export function signatureCheck(merchantKey: string | undefined): string {
	if (!merchantKey) {
		return 'The credential has no Merchant Key: add the Iris Merchant Key (IRIS-merchant-…) from the Payouts (Iris) dashboard, or every notification is refused.';
	}
	return 'Either the request did not come from Iris, or the credential’s Merchant Key is not the one Iris signs with (each environment has its own; it starts with IRIS-merchant-, and is neither an API key nor the Core API server key).';
}

/**
 * Refuses a request (see refuseRequest) and, while the editor listens for a test event or when the user asked
 * for it, starts the workflow with an item on the "refused" output saying why. Never any other output.
 */
export function refuse(
	context: IWebhookFunctions,
	settings: PayoutsTriggerSettings,
	refusal: Refusal,
	body: unknown,
): IWebhookResponseData {
	const subject = claimedSubject(body);
	const emit = refuseRequest(context, refusal, {
		triggerName: 'Midtrans Payouts Trigger',
		subject,
		emitInProduction: settings.emitRefused,
	});
	if (!emit) return { noWebhookResponse: true };
	const item = {
		json: {
			[DERIVED_KEY]: {
				refused: true,
				reason: refusal.reason,
				check: refusal.check,
				answeredWith: refusal.httpCode,
				output: REFUSED_OUTPUT,
			},
			// As n8n parsed it: not proved to come from Iris.
			received: (body ?? null) as IDataObject,
		},
	};
	return {
		noWebhookResponse: true,
		workflowData: onOutput(settings.statuses, outputNames(settings.statuses).indexOf(REFUSED_OUTPUT), item),
	};
}
