/** Ways of running the Midtrans node that several suites need beyond a plain runMidtrans. */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { midtransWorkflow, runMidtrans, runWorkflow } from './engine';
import { SANDBOX_CREDENTIALS } from './midtrans';
import { unansweredDuring } from './nockReplies';

/**
 * Runs Test Items → Midtrans with n8n's Retry On Fail (the engine runs the failed node again, up to maxTries in
 * all) and 1 ms between tries: n8n-core reads a waitBetweenTries of 0 as its default of 1000 ms.
 */
export async function runMidtransRetryingOnFail(
	parameters: IDataObject,
	items: IDataObject[],
	maxTries: number,
	credentials: ICredentialDataDecryptedObject = SANDBOX_CREDENTIALS,
) {
	const workflow = midtransWorkflow(parameters, items, { retryOnFail: { maxTries } });
	const midtrans = workflow.nodes.find((node) => node.name === 'Midtrans')!;
	midtrans.waitBetweenTries = 1;
	const result = await runWorkflow(workflow, credentials);
	return { ...result, items: result.output('Midtrans') ?? [] };
}

/**
 * Runs the node (with nothing intercepted) and checks that it refused an item before sending anything:
 * the error names the rule, says nothing was sent, there is no output, and no request left the node.
 */
export async function expectRefusedBeforeSending(
	parameters: IDataObject,
	message: RegExp,
	{ items = [{}], credentials }: { items?: IDataObject[]; credentials?: ICredentialDataDecryptedObject } = {},
) {
	const { result, unanswered } = await unansweredDuring(() => runMidtrans(parameters, items, { credentials }));
	expect(result.error?.message).toMatch(message);
	expect(result.error?.description).toBe('Nothing was sent to Midtrans for this item.');
	expect(result.items).toEqual([]);
	expect(unanswered).toEqual([]);
}
