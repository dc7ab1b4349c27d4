import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { CREDENTIAL_NAME } from '../Midtrans/helpers/constants';
import { confirmWithMidtrans } from './confirmation';
import { triggerProperties } from './description';
import { remember, repeatKey, wasSeen } from './repeats';
import { OUTPUTS_EXPRESSION, routeNotification, type RoutingParameters } from './routing';
import { readServerKey } from './serverKey';
import { verifyNotification } from './signature';

interface TriggerOptions {
	confirmWithMidtrans?: boolean;
	ignoreRepeated?: boolean;
	whenUnreachable?: 'retry' | 'emitUnconfirmed';
}

/** Answers the request itself and starts no execution. */
function answerWithoutRun(
	context: IWebhookFunctions,
	httpCode: number,
	message: string,
): IWebhookResponseData {
	context.getResponseObject().status(httpCode).json({ message });
	return { noWebhookResponse: true };
}

export class MidtransTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Midtrans Trigger',
		name: 'midtransTrigger',
		icon: { light: 'file:../Midtrans/midtrans.svg', dark: 'file:../Midtrans/midtrans.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["routeBy"] === "outcome" ? "by outcome" : "by status" }}',
		description:
			'Starts the workflow when Midtrans sends a payment notification, after checking its signature',
		defaults: { name: 'Midtrans Trigger' },
		inputs: [],
		outputs: OUTPUTS_EXPRESSION,
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
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
		const serverKey = await readServerKey(this);
		let verdict = verifyNotification(this.getBodyData(), serverKey.value);
		// The key may have changed since it was remembered: check once more against the credential as it is now.
		if (!verdict.accepted && verdict.httpCode === 403 && serverKey.remembered) {
			verdict = verifyNotification(this.getBodyData(), (await readServerKey(this, { fresh: true })).value);
		}
		if (!verdict.accepted) return answerWithoutRun(this, verdict.httpCode, verdict.reason);
		const { notification } = verdict;

		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const confirmation = options.confirmWithMidtrans
			? await confirmWithMidtrans.call(this, notification.order_id)
			: undefined;
		// Midtrans retries a 503 four times: the notification comes back once Get Status can answer.
		if (confirmation?.result === 'unreachable' && (options.whenUnreachable ?? 'retry') === 'retry') {
			return answerWithoutRun(this, 503, 'Could not confirm the notification with Midtrans; retry later');
		}

		if (options.ignoreRepeated) {
			const memory = this.getWorkflowStaticData('node');
			const trigger = `${this.getWorkflow().id}:${this.getNode().id}`;
			const key = repeatKey(notification, confirmation?.transactionStatus);
			if (wasSeen(memory, trigger, key)) return answerWithoutRun(this, 200, 'Already received');
			// Remembered only once it is certain to run, so a notification answered 503 is not taken for a repeat.
			remember(memory, trigger, key);
		}

		const routing: RoutingParameters = {
			routeBy: this.getNodeParameter('routeBy', 'status') as RoutingParameters['routeBy'],
			statuses: this.getNodeParameter('statuses', []) as string[],
		};
		return { workflowData: routeNotification(notification as IDataObject, routing, confirmation) };
	}
}
