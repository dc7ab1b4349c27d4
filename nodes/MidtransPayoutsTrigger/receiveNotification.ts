import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { irisConnectionFor, type IrisCredentials } from '../shared/iris/connection';
import { IRIS_CREDENTIAL_NAME } from '../shared/iris/constants';
import { irisEventId, parseIrisNotification } from '../shared/iris/notifications';
import { isSignedByIris, signatureHeaderOf } from '../shared/iris/signature';
import { checkWithCredential } from '../shared/webhooks/credentialMemory';
import { remember, wasSeen } from '../shared/webhooks/repeats';
import { type PayoutConfirmation, confirmPayout } from './confirmation';
import { readTriggerSettings } from './description';
import { MALFORMED_SIGNATURE, refuse, REFUSALS, signatureCheck } from './rejections';
import { emit, OTHER_OUTPUT, outputIndexFor, outputNames, TOP_UP_OUTPUT } from './routing';

/**
 * However the payout details request goes (it hangs, is retried, is asked to wait), it ends CONFIRM_BY_MS after
 * the notification arrived, leaving time for the rest: Iris is answered within 4 s, as Midtrans asks for its
 * own notifications (Iris documents no window of its own).
 */
export const CONFIRM_BY_MS = 3_000;

function answerWithoutRun(context: IWebhookFunctions, httpCode: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(httpCode).json({ message });
	return { noWebhookResponse: true };
}

/**
 * One request, from the cheapest checks to the dearest: a signature header at all (no credential read), the
 * signature over the body's bytes exactly as received, then the signed bytes read as a notification, Iris's own
 * record of the payout, and whether this event was already emitted. Nothing is read from the body before its
 * signature is proved, and it is routed by what was proved, never by what it claims.
 */
export async function receivePayoutNotification(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const receivedAt = Date.now();
	const settings = readTriggerSettings(this);
	const parsedByN8n = this.getBodyData();

	const header = signatureHeaderOf(this.getHeaderData() as Record<string, unknown>);
	if (!header.present) return refuse(this, settings, REFUSALS.unsigned(), parsedByN8n);
	const rawBody = this.getRequestObject().rawBody as unknown;
	if (!Buffer.isBuffer(rawBody) || rawBody.length === 0) return refuse(this, settings, REFUSALS.emptyBody(), parsedByN8n);
	// A header that cannot be a SHA-512 hex digest can never match: refused without reading the credential.
	if (header.value === undefined) return refuse(this, settings, REFUSALS.badSignature(MALFORMED_SIGNATURE), parsedByN8n);
	const signature = header.value;

	const check = await checkWithCredential<IrisCredentials>(this, IRIS_CREDENTIAL_NAME, (credentials) =>
		isSignedByIris(rawBody, signature, credentials.merchantSecretKey),
	);
	if (!check.accepted) {
		return refuse(this, settings, REFUSALS.badSignature(signatureCheck(check.credentials.merchantSecretKey)), parsedByN8n);
	}

	const parsed = parseIrisNotification(rawBody);
	if (typeof parsed === 'string') return refuse(this, settings, REFUSALS.notANotification(parsed), parsedByN8n);
	const connection = irisConnectionFor(this, check.credentials);

	let outputName: string;
	let status: string;
	let confirmation: PayoutConfirmation | undefined;
	if (parsed.kind === 'topup') {
		// No Iris API returns one top-up: the signature is its proof.
		status = parsed.notification.status;
		outputName = TOP_UP_OUTPUT;
	} else {
		const notifiedStatus = parsed.notification.status.toLowerCase();
		status = notifiedStatus;
		if (settings.confirmWithIris) {
			confirmation = await confirmPayout.call(this, connection, parsed.notification, receivedAt + CONFIRM_BY_MS);
			if (confirmation.result === 'contradicted') {
				return refuse(this, settings, REFUSALS.contradicted(confirmation.message ?? 'Iris’s record does not match'), parsedByN8n);
			}
			if (confirmation.result === 'unreachable' && settings.whenUnreachable === 'retry') {
				return answerWithoutRun(this, 503, 'Could not confirm the notification with Iris; retry later');
			}
			if (confirmation.result === 'confirmed') status = confirmation.status ?? '';
		}
		const unconfirmed = confirmation !== undefined && confirmation.result !== 'confirmed';
		outputName = unconfirmed ? OTHER_OUTPUT : outputNames(settings.statuses)[outputIndexFor(settings.statuses, status)];
	}
	const eventId = irisEventId(parsed, status);

	if (settings.ignoreRepeated) {
		const memory = this.getWorkflowStaticData('node');
		const trigger = `${this.getWorkflow().id}:${this.getNode().id}`;
		if (wasSeen(memory, trigger, eventId)) return answerWithoutRun(this, 200, 'Already received');
		// Remembered only once it is certain to run, so a notification answered 503 is not taken for a repeat.
		remember(memory, trigger, eventId);
	}

	const derived: IDataObject = {
		signatureVerified: true,
		kind: parsed.kind,
		eventId,
		status,
		confirmed: confirmation?.result === 'confirmed',
		...(confirmation ? { confirmation: { ...confirmation } as IDataObject } : {}),
	};
	return { workflowData: emit(settings.statuses, outputName, parsed.notification, derived) };
}
