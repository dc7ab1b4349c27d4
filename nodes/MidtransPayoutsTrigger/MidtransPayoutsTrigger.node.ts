import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { IRIS_CREDENTIAL_NAME } from '../shared/iris/constants';
import { triggerProperties } from './description';
import { receivePayoutNotification } from './receiveNotification';
import { OUTPUTS_EXPRESSION } from './routing';

export class MidtransPayoutsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Midtrans Payouts Trigger',
		name: 'midtransPayoutsTrigger',
		icon: { light: 'file:../Midtrans/midtrans.svg', dark: 'file:../Midtrans/midtrans.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["confirmWithIris"] === false ? "by notified status" : "by confirmed status" }}',
		description:
			'Starts the workflow when Midtrans Iris reports a payout’s status change or a top-up, after verifying its Iris-Signature and the status with Iris',
		defaults: { name: 'Midtrans Payouts Trigger' },
		inputs: [],
		outputs: OUTPUTS_EXPRESSION,
		credentials: [{ name: IRIS_CREDENTIAL_NAME, required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: triggerProperties,
	};

	// Iris has no API to register a notification URL (the user pastes it in the dashboard, see the notice), so
	// there is nothing to check, create or delete.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receivePayoutNotification.call(this);
	}
}
