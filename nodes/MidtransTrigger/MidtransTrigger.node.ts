import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { CREDENTIAL_NAME, NODE_PANEL_DESCRIPTION } from '../shared/constants';
import { pastedUrlWebhookMethods, pastedUrlWebhooks } from '../shared/webhooks/pastedUrl';
import { triggerProperties } from './description';
import { receiveNotification } from './receiveNotification';
import { OUTPUTS_EXPRESSION } from './routing';

export class MidtransTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Midtrans Trigger',
		name: 'midtransTrigger',
		icon: { light: 'file:../Midtrans/midtrans.svg', dark: 'file:../Midtrans/midtrans.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["routeBy"] === "outcome" ? "by outcome" : "by status" }}',
		// Shown as the description of the node panel's one "Midtrans" entry, actions first: see NODE_PANEL_DESCRIPTION.
		description: NODE_PANEL_DESCRIPTION,
		defaults: { name: 'Midtrans Trigger' },
		inputs: [],
		outputs: OUTPUTS_EXPRESSION,
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		// n8n answers as the run starts, or with the run's outcome: never with the workflow's data.
		webhooks: pastedUrlWebhooks({
			responseMode: '={{ $parameter["answerMidtrans"] === "whenFinished" ? "lastNode" : "onReceived" }}',
			responseData: '={{ $parameter["answerMidtrans"] === "whenFinished" ? "noData" : "" }}',
		}),
		properties: triggerProperties,
	};

	// The notification URL is pasted in the Midtrans dashboard: there is nothing to register.
	webhookMethods = pastedUrlWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveNotification.call(this);
	}
}
