import type { IDataObject, INodeProperties, IWebhookFunctions } from 'n8n-workflow';

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'In the Payouts (Iris) dashboard, set the notification URL to the Production URL under "Webhook URLs" above, then publish this workflow. The credential needs the Merchant Key, with which Iris signs its notifications.<br>To try it, click "Listen for test event" and send a notification to the Test URL.',
		name: 'notificationUrlNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: [
			{ name: 'Approved', value: 'approved', description: 'Approved by an approver; about to be sent to the bank' },
			{
				name: 'Completed',
				value: 'completed',
				description: 'Received by the beneficiary’s account. It can still turn failed if the bank returns the money.',
			},
			{ name: 'Failed', value: 'failed', description: 'Did not go through; error_code and error_message say why' },
			{ name: 'Processed', value: 'processed', description: 'Sent to the bank, which is processing it' },
			{ name: 'Queued', value: 'queued', description: 'Created, waiting for approval' },
			{ name: 'Rejected', value: 'rejected', description: 'Turned down by an approver, or by Iris’s validation' },
		],
		// Every status Iris notifies of after creation: each gets an output, so "other" is left for the unexpected.
		default: ['approved', 'processed', 'completed', 'failed', 'rejected'],
		description:
			'Each chosen payout status gets its own output, in the order chosen; every other status goes to "other". Top-ups always go to "top-up".',
	},
	{
		displayName: 'Confirm With Iris',
		name: 'confirmWithIris',
		type: 'boolean',
		default: true,
		description:
			'Whether to read the payout’s details from Iris (one request per notification, with the Creator API Key) and route by the status Iris shows, not by what the notification says. A genuine but old notification (a retry that comes after a later change) is then routed by the payout’s current status.',
	},
	{
		displayName: 'Ignore Repeated Notifications',
		name: 'ignoreRepeated',
		type: 'boolean',
		default: true,
		description:
			'Whether to answer a notification of an event already received (the same payout in the same status, or the same top-up) without starting the workflow. The last 1000 events are remembered in this n8n process.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add trigger option',
		default: {},
		options: [
			{
				displayName: 'Emit Refused Notifications',
				name: 'emitRefused',
				type: 'boolean',
				default: false,
				description:
					'Whether refused requests (no or wrong Iris-Signature, altered, not a notification) also start the workflow in production, on the "refused" output with the reason, e.g. for an alert. While the editor listens for a test event they always do. The sender is answered 4xx either way.',
			},
			{
				displayName: 'When Iris Cannot Be Reached',
				name: 'whenUnreachable',
				type: 'options',
				options: [
					{
						name: 'Emit Unconfirmed on "Other"',
						value: 'emitUnconfirmed',
						description: 'Start the workflow at once on the "other" output, marked as not confirmed',
					},
					{
						name: 'Ask Iris to Retry Later',
						value: 'retry',
						description: 'Answer 503 and start nothing. Iris does not document whether or when it retries.',
					},
				],
				default: 'emitUnconfirmed',
				description:
					'Only with Confirm With Iris: what to do when the payout details request fails on the network, is rate limited, answers 5xx or does not answer in time. Iris’s retries are undocumented, so by default nothing is lost: the notification goes to "other", never to a status output.',
			},
		],
	},
];

export interface PayoutsTriggerSettings {
	statuses: string[];
	confirmWithIris: boolean;
	ignoreRepeated: boolean;
	emitRefused: boolean;
	whenUnreachable: 'retry' | 'emitUnconfirmed';
}

/** The trigger's parameters; a parameter not in the workflow takes the default the editor shows. */
export function readTriggerSettings(context: IWebhookFunctions): PayoutsTriggerSettings {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	return {
		statuses: context.getNodeParameter('statuses', []) as string[],
		confirmWithIris: context.getNodeParameter('confirmWithIris', true) as boolean,
		ignoreRepeated: context.getNodeParameter('ignoreRepeated', true) as boolean,
		emitRefused: options.emitRefused === true,
		whenUnreachable: options.whenUnreachable === 'retry' ? 'retry' : 'emitUnconfirmed',
	};
}
