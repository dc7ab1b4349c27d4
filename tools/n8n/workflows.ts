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

/** The first workflow among the files with a trigger of this type (a Midtrans Trigger unless told), and its webhook id. */
export function findTriggerWorkflow(
	files: string[],
	triggerType: string = NODE_TYPES.midtransTrigger,
): { workflow: WorkflowFile; webhookId: string } | undefined {
	for (const file of files) {
		const workflow = readWorkflow(file);
		const trigger = workflow.nodes.find((node) => node.type === triggerType);
		if (trigger?.webhookId) return { workflow, webhookId: trigger.webhookId };
	}
	return undefined;
}
