import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { connectionFor, type MidtransConnection, type MidtransCredentials } from '../shared/connection';
import { CREDENTIAL_NAME } from '../shared/constants';
import { isPlainObject } from '../shared/notifications/signature';
import { checkWithCredential } from '../shared/webhooks/credentialMemory';
import { lookUp, type Lookup, lowerCase } from './confirmation';
import type { TriggerSettings } from './description';
import { askToRetry, CONFIRM_BY_MS, emitOnce } from './emission';
import { refuse, REJECTIONS } from './rejections';
import { DERIVED_KEY, onOutput, outputIndexNamed } from './routing';

/*
 * Subscription (recurring) and GoPay account-linking notifications carry no signature that can be checked:
 * the first has none, the second's formula is not documented. So each is believed only as far as Midtrans's
 * own record, fetched with the matching GET before the workflow starts, always (whatever Confirm With Midtrans
 * says for payments), and it is routed by that record. A notification Midtrans has no record of is refused.
 */

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The deadline, the credential (remembered as for payments) and a connection, for the GETs that confirm. */
async function confirmingConnection(context: IWebhookFunctions): Promise<MidtransConnection> {
	const { credentials } = await checkWithCredential<MidtransCredentials>(context, CREDENTIAL_NAME, () => true);
	return connectionFor(context, credentials);
}

/** A lookup that did not find the record: Midtrans is asked to retry, or the notification is refused. */
function notConfirmed(context: IWebhookFunctions, settings: TriggerSettings, lookup: Exclude<Lookup, { result: 'found' }>, body: unknown) {
	if (lookup.result === 'unreachable') return askToRetry(context);
	return refuse(context, settings, REJECTIONS.unconfirmed(lookup.message), body);
}

function emit(
	context: IWebhookFunctions,
	settings: TriggerSettings,
	output: string | undefined,
	notification: IDataObject,
	derived: IDataObject & { eventId: string },
): IWebhookResponseData {
	const outputIndex = outputIndexNamed(settings.routing, output);
	return emitOnce(context, settings, derived.eventId, () =>
		onOutput(settings.routing, outputIndex, {
			json: { ...notification, [DERIVED_KEY]: { signatureVerified: false, confirmed: true, ...derived, output: output ?? 'other' } },
		}),
	);
}

const SUBSCRIPTION_NOT_FOUND =
	'Midtrans knows no subscription with this id in the credential’s environment: the notification did not come from Midtrans, or the credential’s environment differs from the dashboard’s.';

/** What a charge's confirmed transaction means for the subscription. */
function chargeOutput(transactionStatus: string | undefined, fraudStatus: string | undefined): string | undefined {
	if (transactionStatus === 'settlement' || (transactionStatus === 'capture' && (fraudStatus ?? 'accept') === 'accept')) return 'charged';
	if (['deny', 'cancel', 'expire', 'failure'].includes(transactionStatus ?? '')) return 'charge failed';
	return undefined;
}

/**
 * A subscription notification: a flat subscription object when one is created, or
 * {event_name: "subscription.charge", transaction, subscription} after each charge (and its retries).
 */
export async function receiveSubscriptionNotification(
	this: IWebhookFunctions,
	settings: TriggerSettings,
	body: IDataObject,
	receivedAt: number,
): Promise<IWebhookResponseData> {
	const isCharge = body.event_name !== undefined;
	const subscription = isCharge ? body.subscription : body;
	const transaction = isCharge ? body.transaction : undefined;
	const subscriptionId = isPlainObject(subscription) ? text(subscription.id) : undefined;
	if (!subscriptionId || (isCharge && (body.event_name !== 'subscription.charge' || !isPlainObject(transaction)))) {
		return refuse(this, settings, REJECTIONS.notANotification('Not a subscription notification: it needs a subscription id, and for a charge event_name "subscription.charge" with a transaction'), body);
	}
	const connection = await confirmingConnection(this);
	const deadline = receivedAt + CONFIRM_BY_MS;
	const record = await lookUp.call(this, connection, `/v1/subscriptions/${encodeURIComponent(subscriptionId)}`, deadline, SUBSCRIPTION_NOT_FOUND);
	if (record.result !== 'found') return notConfirmed(this, settings, record, body);
	const subscriptionFromMidtrans = record.answer;
	if (text(subscriptionFromMidtrans.id) !== subscriptionId) {
		return refuse(this, settings, REJECTIONS.contradicted('Midtrans’s record is of another subscription than the notification names'), body);
	}
	if (!isCharge) {
		return emit(this, settings, 'created', body, {
			eventId: ['subscription', subscriptionId, 'created'].map(encodeURIComponent).join('|'),
			event: 'created',
			subscriptionFromMidtrans,
		});
	}

	const charge = transaction as IDataObject;
	const transactionId = text(charge.transaction_id);
	if (!transactionId) {
		// A charge that failed before any transaction was made (a spent token, no access): Midtrans's record of
		// the subscription is all there is to confirm it with.
		const interval = String((subscriptionFromMidtrans.schedule as IDataObject | undefined)?.current_interval ?? '');
		return emit(this, settings, 'charge failed', body, {
			eventId: ['subscription', subscriptionId, 'charge-failed', interval, String(charge.status_code ?? '')].map(encodeURIComponent).join('|'),
			event: 'charge',
			confirmation: 'subscription only: the failed charge made no transaction to look up',
			subscriptionFromMidtrans,
		});
	}
	const chargedIds = subscriptionFromMidtrans.transaction_ids;
	const status = await lookUp.call(this, connection, `/v2/${encodeURIComponent(transactionId)}/status`, deadline);
	if (status.result !== 'found') return notConfirmed(this, settings, status, body);
	const transactionStatus = lowerCase(status.answer.transaction_status);
	const fraudStatus = lowerCase(status.answer.fraud_status);
	const output = chargeOutput(transactionStatus, fraudStatus);
	// Midtrans lists the transactions a subscription charged successfully: a success it does not list is not this subscription's.
	if (output === 'charged' && Array.isArray(chargedIds) && !chargedIds.map(String).includes(transactionId)) {
		return refuse(this, settings, REJECTIONS.contradicted('Midtrans’s record of the subscription does not list this transaction among its charges'), body);
	}
	return emit(this, settings, output, body, {
		eventId: ['subscription', subscriptionId, 'charge', transactionId, transactionStatus ?? '', fraudStatus ?? ''].map(encodeURIComponent).join('|'),
		event: 'charge',
		transactionStatus: transactionStatus ?? null,
		subscriptionFromMidtrans,
		transactionFromMidtrans: status.answer,
	});
}

const ACCOUNT_NOT_FOUND =
	'Midtrans knows no GoPay account link with this account_id in the credential’s environment: the notification did not come from Midtrans, or the credential’s environment differs from the dashboard’s.';

/** A GoPay account linked (ENABLED) or unlinked (DISABLED), confirmed with Get Pay Account. */
export async function receiveGopayAccountNotification(
	this: IWebhookFunctions,
	settings: TriggerSettings,
	body: IDataObject,
	receivedAt: number,
): Promise<IWebhookResponseData> {
	const accountId = text(body.account_id);
	if (!accountId || !text(body.account_status)) {
		return refuse(this, settings, REJECTIONS.notANotification('Not a GoPay account notification: account_id and account_status are needed'), body);
	}
	const connection = await confirmingConnection(this);
	const record = await lookUp.call(this, connection, `/v2/pay/account/${encodeURIComponent(accountId)}`, receivedAt + CONFIRM_BY_MS, ACCOUNT_NOT_FOUND);
	if (record.result !== 'found') return notConfirmed(this, settings, record, body);
	const accountStatus = lowerCase(record.answer.account_status);
	return emit(this, settings, accountStatus, body, {
		eventId: ['gopayAccount', accountId, accountStatus ?? ''].map(encodeURIComponent).join('|'),
		accountStatus: accountStatus ?? null,
		accountFromMidtrans: record.answer,
	});
}
