/** Workflows only the e2e tests import: a charge behind an n8n webhook, and a trigger with one branch per status. */
import { NODE_TYPES } from './communityPackage';
import { MIDTRANS_CREDENTIAL_ID } from './credentials';
import type { WorkflowFile, WorkflowNode } from './workflows';

const midtransCredential = { midtransApi: { id: MIDTRANS_CREDENTIAL_ID, name: 'Midtrans' } };

export const CHARGE_WORKFLOW = {
	id: 'e2eChargeOnHook1',
	webhookPath: 'e2e-charge',
	chargeNode: 'Charge with GoPay',
};

export const TRIGGER_WORKFLOW = {
	id: 'e2eTriggerRoute1',
	webhookId: '0b1f5d0e-2c57-4a52-9d1c-6f3e8a7b2e01',
	triggerNode: 'Midtrans Trigger',
	/** The branch node behind each output of the trigger, in output order. */
	branchNodes: { settlement: 'On settlement', expire: 'On expire', other: 'On other' },
};

function workflow(
	id: string,
	name: string,
	nodes: WorkflowNode[],
	connections: WorkflowFile['connections'],
): WorkflowFile {
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

/**
 * POST {order_id, gross_amount} to /webhook/e2e-charge: n8n charges with GoPay and answers with Midtrans's
 * answer. The charge's notifications go to the trigger workflow's production URL.
 */
export function chargeWorkflow(triggerUrl: string): WorkflowFile {
	return workflow(
		CHARGE_WORKFLOW.id,
		'E2E: charge on request',
		[
			{
				id: 'c0a80101-0000-4000-8000-000000000001',
				name: 'Order request',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'c0a80101-0000-4000-8000-0000000000aa',
				parameters: { httpMethod: 'POST', path: CHARGE_WORKFLOW.webhookPath, responseMode: 'lastNode', options: {} },
			},
			{
				id: 'c0a80101-0000-4000-8000-000000000002',
				name: CHARGE_WORKFLOW.chargeNode,
				type: NODE_TYPES.midtrans,
				typeVersion: 1,
				position: [220, 0],
				credentials: midtransCredential,
				parameters: {
					resource: 'payment',
					operation: 'charge',
					paymentType: 'gopay',
					orderId: '={{ $json.body.order_id }}',
					grossAmount: '={{ $json.body.gross_amount }}',
					additionalFields: { overrideNotificationUrls: triggerUrl },
				},
			},
		],
		{ 'Order request': { main: [[{ node: CHARGE_WORKFLOW.chargeNode, type: 'main', index: 0 }]] } },
	);
}

export function triggerWorkflow(): WorkflowFile {
	const { settlement, expire, other } = TRIGGER_WORKFLOW.branchNodes;
	const branch = (name: string, outputIndex: number): WorkflowNode => ({
		id: `c0a80102-0000-4000-8000-00000000001${outputIndex}`,
		name,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [280, outputIndex * 180],
		parameters: {},
	});
	return workflow(
		TRIGGER_WORKFLOW.id,
		'Midtrans Trigger: one branch per status',
		[
			{
				id: 'c0a80102-0000-4000-8000-000000000001',
				name: TRIGGER_WORKFLOW.triggerNode,
				type: NODE_TYPES.midtransTrigger,
				typeVersion: 1,
				position: [0, 180],
				webhookId: TRIGGER_WORKFLOW.webhookId,
				credentials: midtransCredential,
				parameters: {
					routeBy: 'status',
					statuses: ['settlement', 'expire'],
					confirmWithMidtrans: true,
					ignoreRepeated: true,
				},
			},
			branch(settlement, 0),
			branch(expire, 1),
			branch(other, 2),
		],
		{
			[TRIGGER_WORKFLOW.triggerNode]: {
				main: [settlement, expire, other].map((node) => [{ node, type: 'main', index: 0 }]),
			},
		},
	);
}

/**
 * The example "approve payouts by e-mail" (examples/approve-payouts-by-email.json) as the e2e suite drives it:
 * its nodes by name, and the branch node behind each output of its Payouts Trigger that the suite watches.
 */
export const PAYOUTS_EXAMPLE = {
	id: 'mtExamplePayouts',
	webhookId: '3f6c2a1e-9b7d-4e58-8a21-6d4c0b9e7f12',
	createNode: 'Create payouts',
	approvalNode: 'Ask the approver',
	approveNode: 'Approve payouts',
	rejectNode: 'Reject payouts',
	triggerNode: 'Payout status changed',
	approverEmail: 'approver@example.com',
	financeEmail: 'finance@example.com',
	/** Output name → the node behind it. */
	branchNodes: { completed: 'Mark the seller paid', failed: 'Alert finance' },
};
