import { createHash, randomUUID } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

/** Derived keys are 36 characters of [A-Za-z0-9_-]: within Midtrans's 46 for Idempotency-Key and its refund_key rule. */
const KEY_PREFIX = 'n8n-';
const KEY_HASH_LENGTH = 32;

/** Makes the key of one item for one purpose (an operation's Idempotency-Key, a refund's refund_key). */
export type ItemKeyMaker = (itemIndex: number, purpose: string) => string;

/**
 * Keys that are the same on every try of the same item in the same execution (the transport's own retries
 * and n8n's Retry On Fail, which runs the node again with the same run index) and differ for every other
 * item, run of the node (a loop), node and execution. Midtrans answers a repeated key with the first
 * answer instead of acting again, so a charge or refund tried twice happens once.
 */
export function itemKeyMaker(context: IExecuteFunctions): ItemKeyMaker {
	const executionId = context.getExecutionId();
	// Without an execution ID (never the case in a real n8n run) the keys still hold across the transport's retries.
	const execution = executionId ? String(executionId) : randomUUID();
	const runIndex = context.getWorkflowDataProxy(0).$runIndex;
	const seed = [execution, context.getNode().id, String(runIndex)].join('\n');
	return (itemIndex, purpose) => {
		const hash = createHash('sha256').update(`${seed}\n${itemIndex}\n${purpose}`).digest('base64url');
		return `${KEY_PREFIX}${hash.slice(0, KEY_HASH_LENGTH)}`;
	};
}
