import type { INodeProperties } from 'n8n-workflow';

import { TRANSACTION_STATUSES, type TransactionStatus } from '../Midtrans/helpers/constants';

const STATUS_DESCRIPTIONS: Record<TransactionStatus, string> = {
	pending: 'Created, waiting for the customer to pay',
	settlement: 'Money received (convenience store, GoPay, bank transfer, QRIS…)',
	capture: 'Card charged; paid when fraud_status is accept, under review when challenge',
	authorize: 'Card pre-authorized, waiting for capture',
	deny: 'Rejected by the bank or the fraud system',
	cancel: 'Cancelled by the merchant',
	expire: 'Not paid in time',
	failure: 'Unexpected error during processing',
	refund: 'Refunded in full by the merchant',
	partial_refund: 'Refunded in part by the merchant',
	chargeback: 'Reversed in full by the card holder',
	partial_chargeback: 'Reversed in part by the card holder',
};

function statusDisplayName(status: string): string {
	return status
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Midtrans has no API to register this URL: copy the Production URL shown under "Webhook URLs" above into the Midtrans dashboard, Settings → Configuration → Payment Notification URL, and publish (activate) this workflow; the production URL (/webhook/…) answers only while the workflow is published. The Test URL (/webhook-test/…) answers only while the editor listens for a test event. To send a single charge’s notifications here instead, put this URL in the Midtrans node’s "Notification URLs (Override)" field (X-Override-Notification).',
		name: 'notificationUrlNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Route By',
		name: 'routeBy',
		type: 'options',
		options: [
			{
				name: 'Transaction Status',
				value: 'status',
				description:
					'One output per status chosen below, in the order chosen, and "other" for every other status',
			},
			{
				name: 'Outcome',
				value: 'outcome',
				description:
					'Paid (settlement, or capture with fraud accepted), pending (pending, authorize, capture under fraud challenge), failed (deny, cancel, expire, failure), refunded (refunds and chargebacks), and "other"',
			},
		],
		default: 'status',
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: TRANSACTION_STATUSES.map((status) => ({
			name: statusDisplayName(status),
			value: status,
			description: STATUS_DESCRIPTIONS[status],
		})),
		// The usual life of a payment; refunds, chargebacks, authorize and failure go to "other" unless chosen.
		default: ['pending', 'settlement', 'capture', 'deny', 'cancel', 'expire'],
		description:
			'Each chosen status gets its own output, in the order chosen; every other status goes to the "other" output',
		displayOptions: { show: { routeBy: ['status'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Confirm With Midtrans',
				name: 'confirmWithMidtrans',
				type: 'boolean',
				default: true,
				description:
					'Whether to ask Midtrans for the transaction’s current status (Get Status) before starting the workflow, and route by that status. Defeats replays of old notifications. A notification Midtrans knows nothing of (such as the dashboard’s test notification) goes to "other".',
			},
			{
				displayName: 'Ignore Repeated Notifications',
				name: 'ignoreRepeated',
				type: 'boolean',
				default: true,
				description:
					'Whether to answer a notification already received (same order ID, status and status code among the last 1000) without starting the workflow. Midtrans retries and may send the same status more than once.',
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
					'Only with Confirm With Midtrans: what to do when Get Status fails on the network, is rate limited or answers 5xx',
			},
		],
	},
];
