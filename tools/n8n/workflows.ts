/** Reading workflow JSON: the example files, and what the scripts need to know about them. */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { NODE_TYPES } from './communityPackage';
import { EXAMPLES_DIR } from './workspace';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	webhookId?: string;
	/** Switched off in the editor: n8n passes its input through. */
	disabled?: boolean;
	credentials?: Record<string, { id: string; name: string }>;
}

export interface WorkflowFile {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	active?: boolean;
}

export function exampleWorkflowFiles(): string[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => join(EXAMPLES_DIR, name));
}

export function readWorkflow(file: string): WorkflowFile {
	return JSON.parse(readFileSync(file, 'utf8')) as WorkflowFile;
}

/** The credential types a workflow's enabled nodes use. */
export function credentialTypesOf(workflow: WorkflowFile): string[] {
	return [...new Set(workflow.nodes.flatMap((node) => (node.disabled ? [] : Object.keys(node.credentials ?? {}))))];
}

/** Which notifications a Midtrans Trigger receives (its `notifications` parameter; payments unless set). */
export type NotificationKind = 'payment' | 'subscription' | 'gopayAccount';

/**
 * The first workflow among the files with a trigger for `kind`, and that trigger's webhook id: a Midtrans
 * Trigger for one kind of Midtrans notification (each goes to its own dashboard URL), or the Midtrans Payouts
 * Trigger for 'payouts' (Iris's notification URL). With `credentialTypes`, only a workflow that needs no
 * other credential types (n8n publishes a workflow only when every node has its credential).
 */
export function findTriggerWorkflow(
	files: string[],
	kind: NotificationKind | 'payouts' = 'payment',
	credentialTypes?: string[],
): { workflow: WorkflowFile; webhookId: string } | undefined {
	for (const file of files) {
		const workflow = readWorkflow(file);
		if (credentialTypes && !credentialTypesOf(workflow).every((type) => credentialTypes.includes(type))) continue;
		const trigger = workflow.nodes.find((node) =>
			kind === 'payouts'
				? node.type === NODE_TYPES.midtransPayoutsTrigger
				: node.type === NODE_TYPES.midtransTrigger && (node.parameters.notifications ?? 'payment') === kind,
		);
		if (trigger?.webhookId) return { workflow, webhookId: trigger.webhookId };
	}
	return undefined;
}

/** The webhook id of the workflow's Midtrans Trigger, if it has one. */
export function triggerWebhookId(workflow: WorkflowFile): string | undefined {
	return workflow.nodes.find((node) => node.type === NODE_TYPES.midtransTrigger)?.webhookId;
}
