import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { adjustmentOf, eventIdOf } from '../shared/notifications/eventIdentity';
import { hasSignature, isSignedWith, notificationShapeProblem } from '../shared/notifications/signature';
import { statusCombinationProblem } from '../shared/notifications/statusCodes';
import { type Confirmation, confirmNotification } from './confirmation';
import { connectionFor, type MidtransCredentials } from '../shared/connection';
import { CREDENTIAL_NAME } from '../shared/constants';
import { checkWithCredential } from '../shared/webhooks/credentialMemory';
import { remember, wasSeen } from '../shared/webhooks/repeats';
import { readTriggerSettings } from './description';
import { refuse, REJECTIONS } from './rejections';
import { routeNotification } from './routing';

/**
 * Midtrans waits 5 s for an answer. Whatever happens (a hanging Get Status, retries, a Retry-After), the
 * confirmation ends CONFIRM_BY_MS after the notification arrived, leaving time for the rest: Midtrans is
 * answered within 4 s.
 */
export const CONFIRM_BY_MS = 3_000;

function answerWithoutRun(context: IWebhookFunctions, httpCode: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(httpCode).json({ message });
	return { noWebhookResponse: true };
}

const lowerCase = (value: unknown) => (typeof value === 'string' && value !== '' ? value.toLowerCase() : undefined);

/**
 * One notification, from the cheapest checks to the dearest: its shape and its statuses against its signed
 * status_code (no credential read), its signature, Midtrans's own record of it, then whether this event was
 * already emitted. It is routed by what was proved, never by what it claims.
 */
export async function receiveNotification(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const receivedAt = Date.now();
	const settings = readTriggerSettings(this);
	const body = this.getBodyData();

	const shapeProblem = notificationShapeProblem(body);
	if (shapeProblem) return refuse(this, settings, REJECTIONS.notANotification(shapeProblem), body);
	if (!hasSignature(body)) return refuse(this, settings, REJECTIONS.unsigned(), body);
	const notification = body;
	const notifiedStatus = notification.transaction_status.toLowerCase();
	const notifiedFraudStatus = lowerCase(notification.fraud_status);
	const altered = statusCombinationProblem(notification.status_code, notifiedStatus, notifiedFraudStatus);
	if (altered) return refuse(this, settings, REJECTIONS.altered(altered), body);

	const signature = await checkWithCredential<MidtransCredentials>(this, CREDENTIAL_NAME, (credentials) =>
		isSignedWith(notification, credentials.serverApiKey),
	);
	const connection = connectionFor(this, signature.credentials);
	if (!signature.accepted) return refuse(this, settings, REJECTIONS.badSignature(connection.keyHint), body);

	let confirmation: Confirmation | undefined;
	if (settings.confirmWithMidtrans) {
		confirmation = await confirmNotification.call(this, connection, notification, receivedAt + CONFIRM_BY_MS);
		if (confirmation.result === 'contradicted') {
			return refuse(this, settings, REJECTIONS.contradicted(confirmation.message ?? 'Midtrans’s record does not match'), body);
		}
		// Midtrans retries a 503 four times: the notification comes back once Get Status can answer.
		if (confirmation.result === 'unreachable' && settings.whenUnreachable === 'retry') {
			return answerWithoutRun(this, 503, 'Could not confirm the notification with Midtrans; retry later');
		}
	}

	const confirmed = confirmation?.result === 'confirmed' ? confirmation : undefined;
	const transactionStatus = confirmed ? (confirmed.transactionStatus ?? '') : notifiedStatus;
	const fraudStatus = confirmed ? confirmed.fraudStatus : notifiedFraudStatus;
	const eventId = eventIdOf({
		orderId: notification.order_id,
		transactionId: typeof notification.transaction_id === 'string' ? notification.transaction_id : undefined,
		transactionStatus,
		fraudStatus,
		adjustment: adjustmentOf(notification, confirmed?.statusFromMidtrans),
	});

	if (settings.ignoreRepeated) {
		const memory = this.getWorkflowStaticData('node');
		const trigger = `${this.getWorkflow().id}:${this.getNode().id}`;
		if (wasSeen(memory, trigger, eventId)) return answerWithoutRun(this, 200, 'Already received');
		// Remembered only once it is certain to run, so a notification answered 503 is not taken for a repeat.
		remember(memory, trigger, eventId);
	}

	return {
		workflowData: routeNotification(notification as IDataObject, settings.routing, {
			transactionStatus,
			fraudStatus,
			eventId,
			confirmation,
		}),
	};
}
