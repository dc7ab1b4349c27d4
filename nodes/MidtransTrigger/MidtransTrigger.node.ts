import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { CREDENTIAL_NAME, NODE_PANEL_DESCRIPTION } from '../shared/constants';
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
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'webhook',
				// n8n answers as the run starts, or with the run's outcome: never with the workflow's data.
				responseMode: '={{ $parameter["answerMidtrans"] === "whenFinished" ? "lastNode" : "onReceived" }}',
				responseData: '={{ $parameter["answerMidtrans"] === "whenFinished" ? "noData" : "" }}',
			},
		],
		properties: triggerProperties,
	};

	// Midtrans has no API to register a notification URL (the user pastes it in the dashboard, see the
	// notice), so there is nothing to check, create or delete.
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
		return await receiveNotification.call(this);
	}
}
