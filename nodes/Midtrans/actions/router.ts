import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { openConnection } from '../../shared/connection';
import { itemKeyMaker } from '../../shared/idempotency';
import { midtransRequest, RateLimitPause, type MidtransRequest } from '../../shared/transport';
import { ItemValidator } from '../../shared/validation';
import { readRequestOptions, type PacingOptions } from './options';
import { findOperation } from './resources';
import type { SendRequest } from './types';

type NodeError = NodeApiError | NodeOperationError;

/** What continueOnFail puts in place of a failed item: the message, and Midtrans's code where there is one. */
function errorItem(error: NodeError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	const midtrans = error.context?.midtrans as IDataObject | undefined;
	if (midtrans) Object.assign(json, midtrans);
	return { json, pairedItem: { item: itemIndex } };
}

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * Runs `worker` for positions 0..count-1, at most `concurrency` at a time, in batches of `batchSize`
 * separated by `batchIntervalMs`. Once `stopped()` is true no new work starts; work in flight finishes.
 */
async function runPaced(
	count: number,
	{ concurrency, batchSize, batchIntervalMs }: PacingOptions,
	worker: (position: number) => Promise<void>,
	stopped: () => boolean,
): Promise<void> {
	const size = batchSize > 0 ? batchSize : count;
	for (let start = 0; start < count && !stopped(); start += size) {
		if (start > 0 && batchIntervalMs > 0) await sleep(batchIntervalMs);
		const end = Math.min(start + size, count);
		let next = start;
		const lane = async () => {
			while (!stopped() && next < end) await worker(next++);
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, end - start) }, lane));
	}
}

/** "item 3 (order_id order-3, transaction_id 9b39…)": how the error names a result that must not be lost. */
function describeResult(itemIndex: number, json: IDataObject): string {
	const ids = ['order_id', 'transaction_id', 'token', 'token_id']
		.filter((key) => typeof json[key] === 'string' && json[key] !== '')
		.map((key) => `${key} ${String(json[key])}`);
	return ids.length ? `item ${itemIndex} (${ids.join(', ')})` : `item ${itemIndex}`;
}

/**
 * The error that stops the run: the first failed item in item order, naming every item Midtrans answered
 * successfully in this run and every item never sent, since n8n drops a failed node's output items.
 */
function runStoppingError(error: NodeError, results: INodeExecutionData[], unsent: number[]): NodeError {
	const answered = results.flatMap((result, itemIndex) =>
		result && !result.json.error ? [describeResult(itemIndex, result.json)] : [],
	);
	const parts = [error.description ?? undefined];
	if (answered.length) {
		parts.push(`Before the run stopped, Midtrans answered these items successfully (their results are not in the output): ${answered.join('; ')}.`);
	}
	if (unsent.length) parts.push(`Nothing was sent for items ${unsent.join(', ')}.`);
	error.description = parts.filter(Boolean).join(' — ');
	error.context.answeredItems = answered;
	error.context.unsentItems = unsent;
	return error;
}

/**
 * The node's one item loop. First every item is validated and prepared, so an invalid item stops the run
 * before anything is sent (or, with continueOnFail, becomes an error item); then the items run, paced as the
 * user chose, and each result lands at its item's position with its pairedItem.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not known`);
	}
	const continueOnFail = this.continueOnFail();
	const makeKey = itemKeyMaker(this);

	const results: INodeExecutionData[] = new Array(items.length);
	const prepared: unknown[] = new Array(items.length);
	const pending: number[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const keyFor = (purpose: string) => makeKey(itemIndex, `${resource}.${operationName}.${purpose}`);
			prepared[itemIndex] = await operation.prepare.call(this, itemIndex, new ItemValidator(this, itemIndex), keyFor);
			pending.push(itemIndex);
		} catch (error) {
			const nodeError = asNodeError(this, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			results[itemIndex] = errorItem(nodeError, itemIndex);
		}
	}
	if (!pending.length) return [results];

	// Read once per run: n8n reads and decrypts a credential from its database on every call.
	const connection = await openConnection(this);
	const { pacing, limits } = readRequestOptions(this);
	const rateLimit = new RateLimitPause();
	const failures = new Map<number, NodeError>();
	const started = new Set<number>();

	await runPaced(
		pending.length,
		pacing,
		async (position) => {
			const itemIndex = pending[position];
			started.add(itemIndex);
			const send: SendRequest = async (request: MidtransRequest) =>
				await midtransRequest.call(this, connection, request, { itemIndex, limits, rateLimit });
			try {
				const json = operation.run
					? await operation.run(prepared[itemIndex], send)
					: await send(prepared[itemIndex] as MidtransRequest).then((answer) => operation.toItem?.(answer) ?? answer);
				results[itemIndex] = { json, pairedItem: { item: itemIndex } };
			} catch (error) {
				const nodeError = asNodeError(this, error, itemIndex);
				if (continueOnFail) results[itemIndex] = errorItem(nodeError, itemIndex);
				else failures.set(itemIndex, nodeError);
			}
		},
		() => failures.size > 0,
	);

	if (failures.size) {
		const firstFailed = Math.min(...failures.keys());
		const unsent = pending.filter((itemIndex) => !started.has(itemIndex));
		throw runStoppingError(failures.get(firstFailed)!, results, unsent);
	}
	return [results];
}
