import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { adjustmentOf, eventIdOf } from '../shared/notifications/eventIdentity';
import { hasSignature, isSignedWith, notificationShapeProblem } from '../shared/notifications/signature';
import { statusCombinationProblem } from '../shared/notifications/statusCodes';
import { type Confirmation, confirmNotification, lowerCase } from './confirmation';
import { connectionFor, type MidtransCredentials } from '../shared/connection';
import { CREDENTIAL_NAME } from '../shared/constants';
import { checkWithCredential } from '../shared/webhooks/credentialMemory';
import type { TriggerSettings } from './description';
import { askToRetry, CONFIRM_BY_MS, emitOnce } from './emission';
import { refuse, REJECTIONS } from './rejections';
import { routeNotification } from './routing';

/**
 * A payment (transaction) notification, from the cheapest checks to the dearest: its shape and its statuses
 * against its signed status_code (no credential read), its signature, Midtrans's own record of it, then
 * whether this event was already emitted. It is routed by what was proved, never by what it claims.
 */
export async function receivePaymentNotification(
	this: IWebhookFunctions,
	settings: TriggerSettings,
	body: IDataObject,
	receivedAt: number,
): Promise<IWebhookResponseData> {
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
		if (confirmation.result === 'unreachable' && settings.whenUnreachable === 'retry') return askToRetry(this);
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

	return emitOnce(this, settings, eventId, () =>
		routeNotification(notification as IDataObject, settings.routing, {
			transactionStatus,
			fraudStatus,
			eventId,
			confirmation,
			paymentLinkOrderId: paymentLinkOrderIdOf(notification.order_id),
		}),
	);
}

/**
 * A payment link's payments carry the link's order_id followed by "-" and two timestamps (seconds and
 * milliseconds). The order_id is covered by the signature, so this is proved, not claimed.
 */
function paymentLinkOrderIdOf(orderId: string): string | undefined {
	return /^(.+)-\d{10}-\d{13}$/.exec(orderId)?.[1];
}
