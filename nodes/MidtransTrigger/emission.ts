import type { INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { remember, wasSeen } from '../shared/webhooks/repeats';
import type { TriggerSettings } from './description';

/**
 * Midtrans waits 5 s for an answer. Whatever happens (a hanging request, retries, a Retry-After), every
 * confirmation ends CONFIRM_BY_MS after the notification arrived, leaving time for the rest: Midtrans is
 * answered within 4 s.
 */
export const CONFIRM_BY_MS = 3_000;

export function answerWithoutRun(context: IWebhookFunctions, httpCode: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(httpCode).json({ message });
	return { noWebhookResponse: true };
}

/** Midtrans retries a 503 four times: the notification comes back once Midtrans can be asked about it. */
export function askToRetry(context: IWebhookFunctions): IWebhookResponseData {
	return answerWithoutRun(context, 503, 'Could not confirm the notification with Midtrans; retry later');
}

/**
 * Starts the workflow with the outputs built by `outputs`, unless this event was already emitted (and
 * Ignore Repeated Notifications is on): then Midtrans is answered 200 and nothing starts.
 */
export function emitOnce(
	context: IWebhookFunctions,
	settings: TriggerSettings,
	eventId: string,
	outputs: () => INodeExecutionData[][],
): IWebhookResponseData {
	if (settings.ignoreRepeated) {
		const memory = context.getWorkflowStaticData('node');
		const trigger = `${context.getWorkflow().id}:${context.getNode().id}`;
		if (wasSeen(memory, trigger, eventId)) return answerWithoutRun(context, 200, 'Already received');
		// Remembered only once it is certain to run, so a notification answered 503 is not taken for a repeat.
		remember(memory, trigger, eventId);
	}
	return { workflowData: outputs() };
}
