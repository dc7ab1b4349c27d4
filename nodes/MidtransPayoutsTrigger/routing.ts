import type { ExpressionString, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { PAYOUT_STATUSES } from '../shared/iris/constants';

/** Top-up notifications: money added to the balance. */
export const TOP_UP_OUTPUT = 'top-up';

/** Statuses not chosen, statuses Iris may add later, and notifications that could not be confirmed. */
export const OTHER_OUTPUT = 'other';

/**
 * The last output: requests the trigger refused (no or wrong Iris-Signature, altered, not a notification).
 * Not "rejected": that is a payout status, with its own output. Emitted while the editor listens for a test
 * event, and in production only when Emit Refused Notifications is on. Never a branch that acts on a payout.
 */
export const REFUSED_OUTPUT = 'refused';

/** The key under which the trigger adds what it derived, beside Iris's own fields (as the Midtrans Trigger does). */
export const DERIVED_KEY = '_midtrans';

/** The statuses the user chose, in the order chosen, without duplicates or names that would clash with the fixed outputs. */
function chosenStatuses(statuses: string[]): string[] {
	return statuses.filter(
		(status, index, all) => (PAYOUT_STATUSES as readonly string[]).includes(status) && all.indexOf(status) === index,
	);
}

/** The trigger's outputs, in order: what the editor draws and what webhook() fills. */
export function outputNames(statuses: string[]): string[] {
	return [...chosenStatuses(statuses), TOP_UP_OUTPUT, OTHER_OUTPUT, REFUSED_OUTPUT];
}

/**
 * The same list as outputNames, as an expression the editor evaluates over the node's parameters (it cannot
 * import code). The statuses it accepts are written in at build time.
 */
export const OUTPUTS_EXPRESSION: ExpressionString = `={{ ($parameter.statuses || []).filter((status, index, all) => ${JSON.stringify(PAYOUT_STATUSES)}.includes(status) && all.indexOf(status) === index).concat(["${TOP_UP_OUTPUT}", "${OTHER_OUTPUT}", "${REFUSED_OUTPUT}"]).map((name) => ({ type: "${NodeConnectionTypes.Main}", displayName: name })) }}`;

/** The output a proved status leads to: its own when chosen, or "other". */
export function outputIndexFor(statuses: string[], status: string): number {
	const names = outputNames(statuses);
	const index = (PAYOUT_STATUSES as readonly string[]).includes(status) ? names.indexOf(status) : -1;
	return index === -1 ? names.indexOf(OTHER_OUTPUT) : index;
}

/** One output per name, with `item` on the named one and nothing on the others. */
export function onOutput(statuses: string[], outputIndex: number, item: INodeExecutionData): INodeExecutionData[][] {
	const outputs: INodeExecutionData[][] = outputNames(statuses).map(() => []);
	outputs[outputIndex] = [item];
	return outputs;
}

/** The notification as signed, plus what was derived under DERIVED_KEY, on the output `outputName`. */
export function emit(
	statuses: string[],
	outputName: string,
	notification: IDataObject,
	derived: IDataObject,
): INodeExecutionData[][] {
	const outputIndex = outputNames(statuses).indexOf(outputName);
	return onOutput(statuses, outputIndex, { json: { ...notification, [DERIVED_KEY]: { ...derived, output: outputName } } });
}
