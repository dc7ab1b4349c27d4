import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { ApiConnection } from '../connection';
import { itemKeyMaker } from '../idempotency';
import { midtransRequest, RateLimitPause, type MidtransRequest } from '../transport';
import { ItemValidator } from '../validation';
import { readRequestOptions, type PacingOptions } from './options';
import type { MidtransOperation, MidtransResource, OperationResult, SendRequest } from './types';

type NodeError = NodeApiError | NodeOperationError;

/** What an action node brings to the one item loop: its operations, and how it reaches its API. */
export interface ActionNodeSetup<C extends ApiConnection = ApiConnection> {
	resources: MidtransResource[];
	/** Reads the node's credential once per run (n8n reads and decrypts it from its database on every call). */
	openConnection(context: IExecuteFunctions): Promise<C>;
	/**
	 * Why a request must not be sent with this connection (e.g. it needs a key the credential lacks), or
	 * undefined. Checked before each request, so the item fails with nothing sent.
	 */
	refuseBeforeSending?(connection: C, request: MidtransRequest): string | undefined;
}

export function findOperation(
	resources: MidtransResource[],
	resource: string,
	operation: string,
): MidtransOperation<unknown> | undefined {
	return resources
		.find(({ value }) => value === resource)
		?.operations.find(({ value }) => value === operation);
}

/** What continueOnFail puts in place of a failed item: the message, and Midtrans's code where there is one. */
function errorItem(error: NodeError, itemIndex: number): INodeExecutionData[] {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	const midtrans = error.context?.midtrans as IDataObject | undefined;
	if (midtrans) Object.assign(json, midtrans);
	return [{ json, pairedItem: { item: itemIndex } }];
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

/** Fields that name what a request created or touched, so that an error can say which results must not be lost. */
const IDENTIFYING_FIELDS = ['order_id', 'transaction_id', 'token', 'token_id', 'reference_no', 'alias_name'];

/** "item 3 (order_id order-3, transaction_id 9b39…)": how the error names a result that must not be lost. */
function describeResult(itemIndex: number, result: INodeExecutionData[]): string {
	const ids = result.flatMap(({ json }) =>
		IDENTIFYING_FIELDS.filter((key) => typeof json[key] === 'string' && json[key] !== '').map(
			(key) => `${key} ${String(json[key])}`,
		),
	);
	return ids.length ? `item ${itemIndex} (${ids.join(', ')})` : `item ${itemIndex}`;
}

/**
 * The error that stops the run: the first failed item in item order, naming every item Midtrans answered
 * successfully in this run and every item never sent, since n8n drops a failed node's output items.
 */
function runStoppingError(error: NodeError, results: INodeExecutionData[][], unsent: number[]): NodeError {
	const answered = results.flatMap((result, itemIndex) =>
		result && !result.some(({ json }) => json.error) ? [describeResult(itemIndex, result)] : [],
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

function outputItems(result: OperationResult, itemIndex: number): INodeExecutionData[] {
	return (Array.isArray(result) ? result : [result]).map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

/**
 * An action node's one item loop. First every item is validated and prepared, so an invalid item stops the
 * run before anything is sent (or, with continueOnFail, becomes an error item); then the items run, paced as
 * the user chose, and each result lands at its item's position with its pairedItem.
 */
export async function runItems<C extends ApiConnection>(
	this: IExecuteFunctions,
	setup: ActionNodeSetup<C>,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(setup.resources, resource, operationName);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not known`);
	}
	const continueOnFail = this.continueOnFail();
	const makeKey = itemKeyMaker(this);

	const results: INodeExecutionData[][] = new Array(items.length);
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
	if (!pending.length) return [results.flat()];

	const connection = await setup.openConnection(this);
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
			const send: SendRequest = async (request: MidtransRequest) => {
				const refusal = setup.refuseBeforeSending?.(connection, request);
				if (refusal) {
					throw new NodeOperationError(this.getNode(), refusal, {
						itemIndex,
						description: 'Nothing was sent to Midtrans for this item.',
					});
				}
				return await midtransRequest.call(this, connection, request, { itemIndex, limits, rateLimit });
			};
			try {
				const result = operation.run
					? await operation.run(prepared[itemIndex], send)
					: await send(prepared[itemIndex] as MidtransRequest).then(
							(answer) => operation.toItem?.(answer, prepared[itemIndex]) ?? answer,
						);
				results[itemIndex] = outputItems(result, itemIndex);
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
	return [results.flat()];
}
