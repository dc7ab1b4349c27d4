/**
 * The engine's floor: a minimal n8n node that makes the same request per item through the same n8n
 * helper and does nothing else (no validation, no pacing, no error policy). The Midtrans node's time
 * minus this node's is what the Midtrans node's own code costs.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	NodeConnectionType,
} from 'n8n-workflow';

import { midtransWorkflow, registerNodeType, runWorkflow } from '../../test/harness/engine';
import type { SimulatorProcess } from './simulatorProcess';
import { workloads, type OperationName, type Workload } from './workloads';

const BARE_CALL_TYPE = 'bench.bareMidtransCall';

class BareMidtransCall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bare Midtrans Call',
		name: 'bareMidtransCall',
		group: ['transform'],
		version: 1,
		description: 'One request per item through httpRequestWithAuthentication, nothing else',
		defaults: { name: 'Bare Midtrans Call' },
		inputs: ['main' as NodeConnectionType],
		outputs: ['main' as NodeConnectionType],
		credentials: [{ name: 'midtransApi', required: true }],
		properties: [
			{ displayName: 'Operation', name: 'operation', type: 'string', default: 'charge' },
			{ displayName: 'Order ID', name: 'orderId', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const workload = workloads[this.getNodeParameter('operation', 0) as OperationName];
		const credentials = await this.getCredentials('midtransApi');
		// As the Midtrans node does, so that the difference between the two is the node's own code.
		const credentialsDecrypted = { id: '', name: 'midtransApi', type: 'midtransApi', data: credentials };
		const output: INodeExecutionData[] = [];
		for (let item = 0; item < this.getInputData().length; item++) {
			const { method, path, body, headers } = workload.plainRequest(this.getNodeParameter('orderId', item) as string);
			// The request options the node's transport sets.
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				'midtransApi',
				{
					method: method as 'GET' | 'POST',
					url: `${String(credentials.baseUrl)}${path}`,
					body: body as IDataObject | undefined,
					headers,
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: 60_000,
				},
				{ credentialsDecrypted },
			)) as { body: IDataObject };
			output.push({ json: response.body, pairedItem: { item } });
		}
		return [output];
	}
}

registerNodeType(BARE_CALL_TYPE, new BareMidtransCall());

/** Test Items → Bare Midtrans Call, run by n8n-core's WorkflowExecute like the Midtrans node. */
export async function runBareCallInEngine(simulator: SimulatorProcess, workload: Workload, orderIds: string[]): Promise<void> {
	const workflow = midtransWorkflow(
		{ operation: workload.operation, orderId: '={{ $json.orderId }}' },
		orderIds.map((orderId) => ({ orderId })),
	);
	workflow.nodes = workflow.nodes.map((node): INode => (node.name === 'Midtrans' ? { ...node, type: BARE_CALL_TYPE } : node));
	const run = await runWorkflow(workflow, { environment: 'custom', baseUrl: simulator.url, serverApiKey: simulator.serverKey });
	if (run.error) throw run.error;
	const items = run.output('Midtrans') ?? [];
	if (items.length !== orderIds.length || items.some((item) => Number(item.json.status_code) >= 400)) {
		throw new Error(`the bare call returned ${items.length} good items for ${orderIds.length} orders`);
	}
}
