/** The queue-mode example workflow: which file it is, and what the scripts need to know of it. */
import { join } from 'path';

import { readWorkflow, triggerWebhookId, type WorkflowFile } from '../n8n/workflows';
import { EXAMPLES_DIR } from '../n8n/workspace';

export const EXACTLY_ONCE_EXAMPLE_FILE = join(EXAMPLES_DIR, 'payment-events-exactly-once-postgres.json');

export interface ExactlyOnceExample {
	workflow: WorkflowFile;
	/** Its Midtrans Trigger's webhook id: the production URL is …/webhook/<id>/webhook. */
	webhookId: string;
}

export function exactlyOnceExample(): ExactlyOnceExample {
	const workflow = readWorkflow(EXACTLY_ONCE_EXAMPLE_FILE);
	const webhookId = triggerWebhookId(workflow);
	if (!webhookId) throw new Error(`${EXACTLY_ONCE_EXAMPLE_FILE} has no Midtrans Trigger with a webhook id`);
	return { workflow, webhookId };
}
