/**
 * Midtrans Iris (Payouts) as the suites use it: keys and credentials, the sandbox host, the Payouts node in a
 * test workflow, and notifications signed the way Iris signs them (written here with node's crypto, apart
 * from the trigger's own code, so that the two cannot share a mistake).
 */
import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, INode, IWorkflowBase, NodeConnectionType } from 'n8n-workflow';

import { MidtransPayouts } from '../../nodes/MidtransPayouts/MidtransPayouts.node';
import { MidtransPayoutsTrigger } from '../../nodes/MidtransPayoutsTrigger/MidtransPayoutsTrigger.node';
import { registerNodeType, runWorkflow } from './engine';
import { WebhookTrigger, type WebhookTriggerOptions } from './webhook';

export const TEST_CREATOR_KEY = 'IRIS-creator-TestKey_4b3c2d1e0f';
export const TEST_APPROVER_KEY = 'IRIS-approver-TestKey_9a8b7c6d5e';
export const TEST_MERCHANT_KEY = 'IRIS-merchant-TestKey_1f2e3d4c5b';

/** The Iris API of the sandbox, under which every path is. */
export const IRIS_SANDBOX_HOST = 'https://app.sandbox.midtrans.com';
export const IRIS_PATH = '/iris/api/v1';

export const IRIS_CREDENTIALS: ICredentialDataDecryptedObject = {
	environment: 'sandbox',
	creatorApiKey: TEST_CREATOR_KEY,
	approverApiKey: TEST_APPROVER_KEY,
	merchantSecretKey: TEST_MERCHANT_KEY,
};

/** Every key of the test credential, for checks that none leaked. */
export const IRIS_KEYS = [TEST_CREATOR_KEY, TEST_APPROVER_KEY, TEST_MERCHANT_KEY];

/** The Authorization header Iris expects: Basic base64(API key + ":"). */
export function irisAuthFor(apiKey: string): string {
	return `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
}

export const PAYOUTS_TYPE = 'n8n-nodes-midtrans.midtransPayouts';
export const PAYOUTS_TRIGGER_TYPE = 'n8n-nodes-midtrans.midtransPayoutsTrigger';
registerNodeType(PAYOUTS_TYPE, new MidtransPayouts());

export interface PayoutsNodeSettings {
	continueOnFail?: boolean;
	/** n8n's Retry On Fail: the engine runs the node again, up to maxTries in all, 1 ms apart. */
	retryOnFail?: { maxTries: number };
	credentials?: ICredentialDataDecryptedObject;
}

/** Test Items → Midtrans Payouts. */
export function payoutsWorkflow(
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	settings: PayoutsNodeSettings = {},
): Pick<IWorkflowBase, 'nodes' | 'connections'> {
	return {
		nodes: [
			{ id: '1', name: 'Items', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(items) } },
			{
				id: '2',
				name: 'Payouts',
				type: PAYOUTS_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters,
				credentials: { midtransIrisApi: { id: 'iris-1', name: 'Iris sandbox' } },
				...(settings.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
				// n8n-core reads a waitBetweenTries of 0 as its default of 1000 ms.
				...(settings.retryOnFail ? { retryOnFail: true, maxTries: settings.retryOnFail.maxTries, waitBetweenTries: 1 } : {}),
			},
		] as INode[],
		connections: { Items: { main: [[{ node: 'Payouts', type: 'main' as NodeConnectionType, index: 0 }]] } },
	};
}

/** Runs Test Items → Midtrans Payouts; `items` are its output, `error` what stopped the run. */
export async function runPayouts(parameters: IDataObject, items: IDataObject[] = [{}], settings: PayoutsNodeSettings = {}) {
	const result = await runWorkflow(payoutsWorkflow(parameters, items, settings), settings.credentials ?? IRIS_CREDENTIALS);
	return { ...result, items: result.output('Payouts') ?? [] };
}

/** Payout → Create from fields: 100,000 IDR to a BCA account, unless `parameters` say otherwise. */
export const createPayout = (parameters: IDataObject = {}): IDataObject => ({
	resource: 'payout',
	operation: 'create',
	payoutsFrom: 'fields',
	beneficiaryName: 'Budi Santoso',
	beneficiaryAccount: '1172993826',
	beneficiaryBank: 'bca',
	amount: 100000,
	notes: 'Seller payout week 17',
	...parameters,
});

/** hex(SHA-512(raw body + merchant key)), as Iris's docs give it. */
export function irisSignatureFor(rawBody: string, merchantKey: string = TEST_MERCHANT_KEY): string {
	return createHash('sha512').update(rawBody + merchantKey).digest('hex');
}

/** A notification as Iris would send it: the raw text, the body n8n parses from it, and the signature header. */
export function signedDelivery(rawBody: string, merchantKey: string = TEST_MERCHANT_KEY) {
	return { rawBody, body: JSON.parse(rawBody) as unknown, headers: { 'iris-signature': irisSignatureFor(rawBody, merchantKey) } };
}

let referenceCounter = 0;
/** A fresh reference_no per call, so that tests never share an event. */
export function newReferenceNo(prefix = 'ref'): string {
	return `${prefix}${process.pid}x${++referenceCounter}`;
}

/** A payout notification from the docs' sample, with `fields` replacing its own, as compact JSON text. */
export function payoutNotificationText(fields: IDataObject = {}): string {
	return JSON.stringify({
		reference_no: newReferenceNo(),
		amount: '10000.00',
		status: 'completed',
		updated_at: '2018-07-23T10:23:31Z',
		...fields,
	});
}

/** Iris's payout details for a notification, in `status` (its own fields win). */
export function payoutDetails(notification: IDataObject, fields: IDataObject = {}): IDataObject {
	return {
		amount: notification.amount,
		beneficiary_name: 'Ryan Renolds',
		beneficiary_account: '33287352',
		bank: 'Bank Central Asia ( BCA )',
		reference_no: notification.reference_no,
		notes: 'Payout June 17',
		beneficiary_email: 'beneficiary@example.com',
		status: notification.status,
		created_by: 'John Doe',
		created_at: '2017-01-11T00:00:00Z',
		updated_at: '2017-01-11T00:00:00Z',
		...fields,
	};
}

export function payoutsTrigger(
	parameters: IDataObject = {},
	options: Partial<WebhookTriggerOptions> = {},
): WebhookTrigger {
	return new WebhookTrigger({
		typeName: PAYOUTS_TRIGGER_TYPE,
		nodeType: new MidtransPayoutsTrigger(),
		credentialType: 'midtransIrisApi',
		credentials: IRIS_CREDENTIALS,
		parameters,
		...options,
	});
}
