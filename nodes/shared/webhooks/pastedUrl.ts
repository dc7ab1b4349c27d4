import type { IHookFunctions, IWebhookDescription } from 'n8n-workflow';

/**
 * The webhook of a trigger whose URL the user pastes into a Midtrans dashboard: one POST path, answered as soon
 * as the notification is received (the answer is chosen by the trigger's webhook function) unless the trigger
 * says when n8n answers.
 */
export function pastedUrlWebhooks(
	answering: Pick<IWebhookDescription, 'responseMode' | 'responseData'> = { responseMode: 'onReceived' },
): IWebhookDescription[] {
	return [{ name: 'default', httpMethod: 'POST', path: 'webhook', ...answering }];
}

/**
 * Neither Midtrans nor Iris has an API to register a notification URL (the user pastes it in the dashboard, as
 * each trigger's notice says), so there is nothing to check, create or delete.
 */
export const pastedUrlWebhookMethods = {
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
