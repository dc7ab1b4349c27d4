import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { IRIS_CREDENTIAL_NAME } from '../shared/iris/constants';
import { pastedUrlWebhookMethods, pastedUrlWebhooks } from '../shared/webhooks/pastedUrl';
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
		webhooks: pastedUrlWebhooks(),
		properties: triggerProperties,
	};

	// The notification URL is pasted in the Payouts (Iris) dashboard: there is nothing to register.
	webhookMethods = pastedUrlWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receivePayoutNotification.call(this);
	}
}
