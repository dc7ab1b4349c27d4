import type { IWebhookFunctions } from 'n8n-workflow';

/** Why a request is not accepted as a notification, what the sender is answered, and what the user should check. */
export interface Refusal {
	httpCode: 400 | 401 | 403;
	reason: string;
	check: string;
}

/** At most one log line per trigger per LOG_EVERY_MS; the ones held back are counted in the next. */
const LOG_EVERY_MS = 1_000;
const lastLogged = new Map<string, { at: number; heldBack: number }>();

function logRefusal(context: IWebhookFunctions, triggerName: string, refusal: Refusal, subject: string | undefined): void {
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
		`${triggerName} refused a notification${subject ? ` for ${subject}` : ''}: ${refusal.reason}. ${refusal.check}${heldBack}`,
		{ workflowId: context.getWorkflow().id, nodeName: context.getNode().name, subject, httpCode: refusal.httpCode },
	);
}

/**
 * Refuses a request: the sender gets the code and a short reason (never anything about a key) and n8n's log a
 * line. Returns whether the refusal should also start the workflow on the trigger's "rejected" output: always
 * while the editor listens for a test event, in production only when the user asked for it.
 */
export function refuseRequest(
	context: IWebhookFunctions,
	refusal: Refusal,
	{ triggerName, subject, emitInProduction }: { triggerName: string; subject?: string; emitInProduction: boolean },
): boolean {
	logRefusal(context, triggerName, refusal, subject);
	context.getResponseObject().status(refusal.httpCode).json({ message: refusal.reason });
	return context.getMode?.() === 'manual' || emitInProduction;
}
