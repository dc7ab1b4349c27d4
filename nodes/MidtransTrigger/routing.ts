import type { ExpressionString, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { TransactionStatus } from '../shared/constants';
import type { Confirmation } from './confirmation';

export type RouteBy = 'status' | 'outcome';

export const OUTCOMES = ['paid', 'pending', 'failed', 'refunded'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** After the chosen outputs in both modes: statuses not chosen, unknown statuses, and notifications not confirmed. */
export const OTHER_OUTPUT = 'other';

/**
 * The last output: notifications the trigger refused (bad signature, altered, not a notification), emitted
 * while the editor listens for a test event, and in production only when Emit Rejected Notifications is on.
 * Never a branch that acts on a payment.
 */
export const REJECTED_OUTPUT = 'rejected';

/** The key under which the trigger adds what it derived, beside Midtrans's own fields. */
export const DERIVED_KEY = '_midtrans';

/**
 * Every status but capture has one outcome. authorize is pending: the card is only held until captured.
 * Chargebacks are grouped with refunds: in both the money went back.
 */
const OUTCOME_OF_STATUS: Record<TransactionStatus, Outcome> = {
	pending: 'pending',
	authorize: 'pending',
	settlement: 'paid',
	capture: 'paid',
	deny: 'failed',
	cancel: 'failed',
	expire: 'failed',
	failure: 'failed',
	refund: 'refunded',
	partial_refund: 'refunded',
	chargeback: 'refunded',
	partial_chargeback: 'refunded',
};

/**
 * What a status means for the order. A capture is paid only when fraud_status is accept or absent; under
 * "challenge" (or any other review state) it is pending, because the merchant must still approve or deny
 * it; a capture with fraud_status deny failed.
 */
export function outcomeOf(transactionStatus: string, fraudStatus?: string | null): Outcome | undefined {
	if (transactionStatus === 'capture') {
		if (fraudStatus === undefined || fraudStatus === null || fraudStatus === '' || fraudStatus === 'accept') {
			return 'paid';
		}
		return fraudStatus === 'deny' ? 'failed' : 'pending';
	}
	return Object.prototype.hasOwnProperty.call(OUTCOME_OF_STATUS, transactionStatus)
		? OUTCOME_OF_STATUS[transactionStatus as TransactionStatus]
		: undefined;
}

/**
 * Which of Midtrans's notifications the trigger receives: each kind goes to its own URL in the dashboard
 * (Payment, Recurring and Pay Account Notification URL), so one trigger takes one kind.
 */
export type NotificationKind = 'payment' | 'subscription' | 'gopayAccount';

/** The outputs of the kinds whose outputs are fixed (before "other" and "rejected"). */
export const SUBSCRIPTION_OUTPUTS = ['created', 'charged', 'charge failed'] as const;
export const GOPAY_ACCOUNT_OUTPUTS = ['enabled', 'disabled'] as const;

export interface RoutingParameters {
	notifications?: NotificationKind;
	routeBy: RouteBy;
	/** The statuses that get their own output, in the order chosen (payments by status only). */
	statuses: string[];
}

function namedOutputs(parameters: RoutingParameters): readonly string[] {
	if (parameters.notifications === 'subscription') return SUBSCRIPTION_OUTPUTS;
	if (parameters.notifications === 'gopayAccount') return GOPAY_ACCOUNT_OUTPUTS;
	return parameters.routeBy === 'outcome' ? OUTCOMES : parameters.statuses;
}

/** The trigger's outputs, in order: what the editor draws and what webhook() fills. */
export function outputNames(parameters: RoutingParameters): string[] {
	return [...namedOutputs(parameters), OTHER_OUTPUT, REJECTED_OUTPUT];
}

/**
 * The same list as outputNames, as an expression the editor evaluates over the node's parameters (it cannot
 * import code), so the canvas shows one named output per choice. The fixed names are written in at build time.
 */
export const OUTPUTS_EXPRESSION: ExpressionString = `={{ ($parameter.notifications === "subscription" ? ${JSON.stringify(SUBSCRIPTION_OUTPUTS)} : $parameter.notifications === "gopayAccount" ? ${JSON.stringify(GOPAY_ACCOUNT_OUTPUTS)} : $parameter.routeBy === "outcome" ? ${JSON.stringify(OUTCOMES)} : ($parameter.statuses || [])).concat(["${OTHER_OUTPUT}", "${REJECTED_OUTPUT}"]).map((name) => ({ type: "${NodeConnectionTypes.Main}", displayName: name })) }}`;

/** The output a proved status leads to: its own, or "other". */
export function outputIndexFor(
	parameters: RoutingParameters,
	transactionStatus: string,
	fraudStatus?: string | null,
): number {
	const routedName =
		parameters.routeBy === 'outcome' ? outcomeOf(transactionStatus, fraudStatus) : transactionStatus;
	return outputIndexNamed(parameters, routedName);
}

/** What the trigger routes by, and why: the status Get Status confirmed, or the one notified when unconfirmed. */
export interface RoutedEvent {
	transactionStatus: string;
	fraudStatus?: string;
	/** The event's identity (eventIdOf). */
	eventId: string;
	confirmation?: Confirmation;
	/** The payment link this payment belongs to, when its order_id is that of a link's payment. */
	paymentLinkOrderId?: string;
}

/** The index of a named output, or of "other" when the name is not among the outputs. */
export function outputIndexNamed(parameters: RoutingParameters, name: string | undefined): number {
	const names = outputNames(parameters);
	const index = name === undefined || name === REJECTED_OUTPUT ? -1 : names.indexOf(name);
	return index === -1 ? names.indexOf(OTHER_OUTPUT) : index;
}

/** One output per name, with `item` on the named one and nothing on the others. */
export function onOutput(parameters: RoutingParameters, outputIndex: number, item: INodeExecutionData): INodeExecutionData[][] {
	const outputs: INodeExecutionData[][] = outputNames(parameters).map(() => []);
	outputs[outputIndex] = [item];
	return outputs;
}

/**
 * Builds the trigger's output: the notification exactly as received, plus what was derived under
 * DERIVED_KEY, on the one output its proved status leads to. A notification that could not be confirmed
 * goes to "other": the user asked not to act on unconfirmed statuses.
 */
export function routeNotification(
	notification: IDataObject,
	parameters: RoutingParameters,
	event: RoutedEvent,
): INodeExecutionData[][] {
	const { confirmation } = event;
	const confirmed = confirmation?.result === 'confirmed';
	const names = outputNames(parameters);
	const outputIndex =
		confirmation && !confirmed
			? names.indexOf(OTHER_OUTPUT)
			: outputIndexFor(parameters, event.transactionStatus, event.fraudStatus);

	const derived: IDataObject = {
		signatureVerified: true,
		eventId: event.eventId,
		transactionStatus: event.transactionStatus,
		fraudStatus: event.fraudStatus ?? null,
		outcome: outcomeOf(event.transactionStatus, event.fraudStatus) ?? null,
		output: names[outputIndex],
		confirmed,
		...(confirmation ? { confirmation: { ...confirmation } as IDataObject } : {}),
		...(event.paymentLinkOrderId ? { paymentLinkOrderId: event.paymentLinkOrderId } : {}),
	};
	return onOutput(parameters, outputIndex, { json: { ...notification, [DERIVED_KEY]: derived } });
}
