import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isPlainObject } from '../shared/notifications/signature';
import { readTriggerSettings } from './description';
import { receivePaymentNotification } from './paymentNotifications';
import { refuse, REJECTIONS } from './rejections';
import { receiveGopayAccountNotification, receiveSubscriptionNotification } from './unsignedNotifications';

/** Hands a notification to the receiver of the kind this trigger takes; a body that is no JSON object is refused first. */
export async function receiveNotification(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const receivedAt = Date.now();
	const settings = readTriggerSettings(this);
	const body = this.getBodyData();
	if (!isPlainObject(body)) return refuse(this, settings, REJECTIONS.notANotification('The body is not a JSON object'), body);
	const receive = {
		payment: receivePaymentNotification,
		subscription: receiveSubscriptionNotification,
		gopayAccount: receiveGopayAccountNotification,
	}[settings.routing.notifications ?? 'payment'];
	return await receive.call(this, settings, body as IDataObject, receivedAt);
}
