import type { IDataObject, INodeProperties, IWebhookFunctions } from 'n8n-workflow';

import type { NotificationKind, RoutingParameters } from './routing';

/**
 * Where each kind of notification is set in the Midtrans dashboard, and how to test: two lines, as a list,
 * because n8n's notices keep only <a>, <ul> and <li>.
 */
const urlNotice = (kind: string, setting: string): INodeProperties => ({
	displayName: `<ul><li>Paste the Production URL (under "Webhook URLs" above) into the Midtrans dashboard, Settings → Configuration → ${setting}; then publish.</li><li>To test: execute this step and send a notification to the Test URL; refused ones show on "rejected".</li></ul>`,
	name: `${kind}UrlNotice`,
	type: 'notice',
	default: '',
	displayOptions: { show: { notifications: [kind] } },
});

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Notifications',
		name: 'notifications',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Payments',
				value: 'payment',
				description:
					'Transaction status changes of charges, payment pages and payment links (the dashboard’s Payment Notification URL)',
			},
			{
				name: 'Subscriptions',
				value: 'subscription',
				description:
					'A subscription created, and the result of each of its charges (the dashboard’s Recurring Notification URL)',
			},
			{
				name: 'GoPay Account Linking',
				value: 'gopayAccount',
				description: 'A customer’s GoPay account linked or unlinked (the dashboard’s Pay Account Notification URL)',
			},
		],
		default: 'payment',
		description:
			'Midtrans sends each kind to its own URL, so one trigger takes one kind. Subscription and account notifications carry no signature that can be checked: each is confirmed with Midtrans before the workflow starts.',
	},
	urlNotice('payment', 'Payment Notification URL'),
	urlNotice('subscription', 'Recurring Notification URL'),
	urlNotice('gopayAccount', 'Pay Account Notification URL'),
	{
		displayName: 'Route By',
		name: 'routeBy',
		type: 'options',
		options: [
			{
				name: 'Transaction Status',
				value: 'status',
				description:
					'One output per status chosen below, in the order chosen, then "other" for every other status and "rejected"',
			},
			{
				name: 'Outcome',
				value: 'outcome',
				description:
					'Paid (settlement, or capture with fraud accepted), pending (pending, authorize, capture under fraud challenge), failed (deny, cancel, expire, failure), refunded (refunds and chargebacks), then "other" and "rejected"',
			},
		],
		default: 'status',
		displayOptions: { show: { notifications: ['payment'] } },
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: [
			{ name: 'Authorize', value: 'authorize', description: 'Card pre-authorized, waiting for capture' },
			{ name: 'Cancel', value: 'cancel', description: 'Cancelled by the merchant' },
			{
				name: 'Capture',
				value: 'capture',
				description: 'Card charged; paid when fraud_status is accept, under review when challenge',
			},
			{ name: 'Chargeback', value: 'chargeback', description: 'Reversed in full by the card holder' },
			{ name: 'Deny', value: 'deny', description: 'Rejected by the bank or the fraud system' },
			{ name: 'Expire', value: 'expire', description: 'Not paid in time' },
			{ name: 'Failure', value: 'failure', description: 'Unexpected error during processing' },
			{ name: 'Partial Chargeback', value: 'partial_chargeback', description: 'Reversed in part by the card holder' },
			{ name: 'Partial Refund', value: 'partial_refund', description: 'Refunded in part by the merchant' },
			{
				name: 'Pending',
				value: 'pending',
				description: 'Created, waiting for the customer to pay; sent for every charge',
			},
			{ name: 'Refund', value: 'refund', description: 'Refunded in full by the merchant' },
			{
				name: 'Settlement',
				value: 'settlement',
				description: 'Money received (convenience store, GoPay, bank transfer, QRIS…)',
			},
		],
		// The usual life of a payment. Pending stays in: it comes with every charge, and on an output of its own
		// (left unconnected when nothing should happen) it keeps "other" for what is unexpected.
		default: ['pending', 'settlement', 'capture', 'deny', 'cancel', 'expire'],
		description:
			'Each chosen status gets its own output, in the order chosen; every other status goes to "other". Pending arrives with every charge: its execution starts even when its output is left unconnected.',
		displayOptions: { show: { notifications: ['payment'], routeBy: ['status'] } },
	},
	{
		displayName: 'Confirm With Midtrans',
		name: 'confirmWithMidtrans',
		type: 'boolean',
		default: true,
		description:
			'Whether to ask Midtrans for the transaction’s status (one Get Status request per notification) and route by that, not by what the notification says. The signature does not cover transaction_status or fraud_status: without this, an edited or replayed notification is routed as it claims.',
		displayOptions: { show: { notifications: ['payment'] } },
	},
	{
		displayName: 'Answer Midtrans',
		name: 'answerMidtrans',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'When the Notification Is Accepted',
				value: 'whenAccepted',
				description:
					'Answer 200 as the workflow starts: always within 4 s. A run that then fails or dies with its worker is not sent again by Midtrans.',
			},
			{
				name: 'When the Workflow Has Finished',
				value: 'whenFinished',
				description:
					'Answer 200 only once the run succeeds (500 when it fails, nothing when its worker dies), so Midtrans sends the notification again. Every delivery starts a run: record events under a unique key on _midtrans.eventId. Keep runs under 5 s, as Midtrans asks; a slower one may be sent again.',
			},
		],
		default: 'whenAccepted',
		description:
			'When Midtrans hears that the notification arrived. Until it gets a 2xx it retries, which is what recovers an event whose run failed.',
	},
	{
		displayName: 'Ignore Repeated Notifications',
		name: 'ignoreRepeated',
		type: 'boolean',
		default: true,
		description:
			'Whether to answer a notification of an event already received (Midtrans retries and resends) without starting the workflow. The last 1000 events are remembered in this n8n process.',
		// A retry after a failed run must run again: when answering after the run, repeats are the workflow's to drop.
		displayOptions: { show: { answerMidtrans: ['whenAccepted'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add trigger option',
		default: {},
		options: [
			{
				displayName: 'Emit Rejected Notifications',
				name: 'emitRejected',
				type: 'boolean',
				default: false,
				description:
					'Whether refused notifications (wrong signature, altered, not a notification) also start the workflow in production, on the "rejected" output with the reason, e.g. for an alert. While the editor listens for a test event they always do. Midtrans is answered 4xx either way.',
			},
			{
				displayName: 'When Midtrans Cannot Be Reached',
				name: 'whenUnreachable',
				type: 'options',
				options: [
					{
						name: 'Ask Midtrans to Retry Later',
						value: 'retry',
						description:
							'Answer 503 and start nothing; Midtrans sends the notification again up to four times over about two hours',
					},
					{
						name: 'Emit Unconfirmed on "Other"',
						value: 'emitUnconfirmed',
						description: 'Start the workflow at once on the "other" output, marked as not confirmed',
					},
				],
				default: 'retry',
				description:
					'For payments with Confirm With Midtrans on: what to do when Get Status fails on the network, is rate limited, answers 5xx or does not answer in time. Subscription and account notifications are always asked to be retried then: they carry no signature to fall back on.',
			},
		],
	},
];

export interface TriggerSettings {
	routing: RoutingParameters;
	confirmWithMidtrans: boolean;
	ignoreRepeated: boolean;
	emitRejected: boolean;
	whenUnreachable: 'retry' | 'emitUnconfirmed';
}

/** The trigger's parameters; a parameter not in the workflow takes the default the editor shows. */
export function readTriggerSettings(context: IWebhookFunctions): TriggerSettings {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	return {
		routing: {
			notifications: context.getNodeParameter('notifications', 'payment') as NotificationKind,
			routeBy: context.getNodeParameter('routeBy', 'status') as RoutingParameters['routeBy'],
			statuses: context.getNodeParameter('statuses', []) as string[],
		},
		confirmWithMidtrans: context.getNodeParameter('confirmWithMidtrans', true) as boolean,
		ignoreRepeated:
			context.getNodeParameter('answerMidtrans', 'whenAccepted') === 'whenAccepted' &&
			(context.getNodeParameter('ignoreRepeated', true) as boolean),
		emitRejected: options.emitRejected === true,
		whenUnreachable: options.whenUnreachable === 'emitUnconfirmed' ? 'emitUnconfirmed' : 'retry',
	};
}
