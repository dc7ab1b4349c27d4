/** Ways of running the Midtrans node that several suites need beyond a plain runMidtrans. */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { runMidtrans } from './engine';
import { unansweredDuring } from './nockReplies';

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
