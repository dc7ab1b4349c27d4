import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { CREDENTIAL_NAME } from '../helpers/constants';
import { ItemValidator } from '../helpers/validation';
import { midtransApiRequest, type MidtransCredentials, type MidtransRequest } from '../transport';
import { findOperation } from './resources';

interface PacingOptions {
	concurrency: number;
	batchSize: number;
	batchIntervalMs: number;
}

function readPacing(context: IExecuteFunctions): PacingOptions {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const whole = (value: unknown, fallback: number, min: number) => {
		const number = Math.floor(Number(value));
		return Number.isFinite(number) && number >= min ? number : fallback;
	};
	const concurrency = whole(options.concurrency, 1, 1);
	const batchIntervalMs = whole(options.batchInterval, 0, 0);
	// An interval without a batch size paces groups of Concurrency requests, rather than doing nothing.
	const batchSize = whole(options.batchSize, batchIntervalMs > 0 ? concurrency : 0, 1);
	return { concurrency, batchSize, batchIntervalMs };
}

/** What continueOnFail puts in place of a failed item: the message, and Midtrans's code where there is one. */
function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	const midtrans = error.context?.midtrans as IDataObject | undefined;
	if (midtrans) Object.assign(json, midtrans);
	return { json, pairedItem: { item: itemIndex } };
}

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * Runs `worker` for indexes 0..count-1, at most `concurrency` at a time, in batches of `batchSize`
 * separated by `batchIntervalMs`. Stops starting new work once a worker throws, and rethrows that error.
 */
async function runPaced(
	count: number,
	{ concurrency, batchSize, batchIntervalMs }: PacingOptions,
	worker: (index: number) => Promise<void>,
): Promise<void> {
	const size = batchSize > 0 ? batchSize : count;
	for (let start = 0; start < count; start += size) {
		if (start > 0 && batchIntervalMs > 0) await sleep(batchIntervalMs);
		const end = Math.min(start + size, count);
		let next = start;
		let failure: unknown;
		const lane = async () => {
			while (failure === undefined && next < end) {
				const index = next++;
				try {
					await worker(index);
				} catch (error) {
					failure ??= error;
				}
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, end - start) }, lane));
		if (failure !== undefined) throw failure;
	}
}

/**
 * The node's one item loop. First every item is validated into a request, so an invalid item stops
 * the run before anything is sent (or, with continueOnFail, becomes an error item); then the requests
 * go out, paced as the user chose, and each answer lands at its item's position with its pairedItem.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not known`);
	}

	const results: INodeExecutionData[] = new Array(items.length);
	const requests: Array<MidtransRequest | undefined> = new Array(items.length);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			requests[itemIndex] = await operation.prepare.call(this, itemIndex, new ItemValidator(this, itemIndex));
		} catch (error) {
			const nodeError = asNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			results[itemIndex] = errorItem(nodeError, itemIndex);
		}
	}

	const pending = requests.flatMap((request, itemIndex) => (request ? [itemIndex] : []));
	// Read once per run: n8n reads and decrypts a credential from its database on every call.
	const credentials = pending.length
		? ((await this.getCredentials(CREDENTIAL_NAME)) as MidtransCredentials)
		: undefined;
	await runPaced(pending.length, readPacing(this), async (position) => {
		const itemIndex = pending[position];
		try {
			const response = await midtransApiRequest.call(this, requests[itemIndex]!, itemIndex, credentials);
			const json = operation.toItem ? operation.toItem(response) : response;
			results[itemIndex] = { json, pairedItem: { item: itemIndex } };
		} catch (error) {
			const nodeError = asNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			results[itemIndex] = errorItem(nodeError, itemIndex);
		}
	});

	return [results];
}
