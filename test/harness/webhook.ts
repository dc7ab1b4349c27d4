/**
 * Delivers HTTP requests to a webhook node the way n8n's cli does: a real n8n-core WebhookContext built over
 * a fake express request and response, the node's webhook(), and, when it returns workflowData, a run of
 * the workflow through WorkflowExecute starting at the trigger with that data (as n8n's webhook helpers
 * seed the nodeExecutionStack). Each trigger output is connected to its own Test Sink, so a test sees which
 * branch an item reached.
 */
import { ExecutionLifecycleHooks, WebhookContext } from 'n8n-core';
import {
	createRunExecutionData,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeType,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowBase,
	type NodeConnectionType,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { additionalDataFor, nodeTypes, registerNodeType, runWorkflow, type WorkflowRunResult } from './engine';
import { SANDBOX_CREDENTIALS } from './midtrans';

/** What the caller of the webhook (Midtrans) got back. */
export interface WebhookAnswer {
	statusCode: number;
	body: unknown;
}

/** Records what a node answers, with the parts of express's Response that nodes use. */
class FakeResponse {
	statusCode = 200;
	body: unknown = undefined;
	headers: Record<string, string> = {};
	ended = false;

	get headersSent() {
		return this.ended;
	}

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	header(name: string, value: string) {
		return this.setHeader(name, value);
	}

	json(body: unknown) {
		this.setHeader('content-type', 'application/json');
		return this.send(body);
	}

	send(body?: unknown) {
		if (this.ended) throw new Error('The response was already sent');
		this.body = body;
		this.ended = true;
		return this;
	}

	end(body?: unknown) {
		if (!this.ended) this.send(body);
		return this;
	}
}

export interface WebhookRequestInput {
	/** The body as n8n hands it to the node (parsed JSON for application/json). */
	body: unknown;
	/** The raw bytes; by default the JSON text of body. */
	rawBody?: string;
	headers?: Record<string, string>;
}

export interface WebhookDelivery {
	answer: WebhookAnswer;
	/** Whether an execution started. */
	started: boolean;
	/** Items (json) that reached the sink connected to each trigger output, by output name. */
	branches: Record<string, IDataObject[]>;
	run?: WorkflowRunResult;
}

export interface WebhookTriggerOptions {
	/** The registered node type name, e.g. 'n8n-nodes-midtrans.midtransTrigger'. */
	typeName: string;
	/** The node's credential type; midtransApi unless told. */
	credentialType?: string;
	nodeType: INodeType;
	parameters: IDataObject;
	credentials?: ICredentialDataDecryptedObject;
	/** 'webhook' for the production URL, 'manual' for the test URL. */
	mode?: WorkflowExecuteMode;
	/**
	 * 'afterEveryCall' (default) saves static data after every webhook call; 'unlessRunStarts' drops what a
	 * call that starts an execution wrote, as n8n 2.41 does on its production webhook path.
	 */
	staticDataSaving?: 'afterEveryCall' | 'unlessRunStarts';
}

export const TRIGGER_NODE_NAME = 'Trigger';

export const sinkName = (outputName: string) => `Sink ${outputName}`;

let triggerCounter = 0;

/**
 * A published workflow of one trigger and a sink per output. Its static data survives from one request to
 * the next, serialized in between as n8n saves it to the database.
 */
export class WebhookTrigger {
	readonly outputNames: string[];

	private staticData: IDataObject = {};

	private readonly workflowId = `webhook-test-${++triggerCounter}`;

	private readonly nodes: INode[];

	private readonly connections: IWorkflowBase['connections'];

	/** The credential as it is saved now; change it to play a user editing the credential between notifications. */
	credentials: ICredentialDataDecryptedObject;

	constructor(private readonly options: WebhookTriggerOptions) {
		this.credentials = options.credentials ?? SANDBOX_CREDENTIALS;
		registerNodeType(options.typeName, options.nodeType);
		const trigger: INode = {
			id: 'trigger',
			name: TRIGGER_NODE_NAME,
			type: options.typeName,
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters as INode['parameters'],
			credentials: { [options.credentialType ?? 'midtransApi']: { id: 'cred-1', name: 'Midtrans sandbox' } },
			webhookId: 'a1b2c3d4-midtrans',
		};
		// The outputs as the editor computes them from the node's description and parameters.
		const probe = new Workflow({ nodes: [trigger], connections: {}, nodeTypes, active: false });
		const probeNode = probe.getNode(TRIGGER_NODE_NAME)!;
		this.outputNames = NodeHelpers.getNodeOutputs(probe, probeNode, options.nodeType.description).map(
			(output, index) =>
				typeof output === 'string' ? `output ${index}` : (output.displayName ?? `output ${index}`),
		);
		const sinks: INode[] = this.outputNames.map((outputName, index) => ({
			id: `sink-${index}`,
			name: sinkName(outputName),
			type: 'test.sink',
			typeVersion: 1,
			position: [300, index * 100],
			parameters: {},
		}));
		this.nodes = [trigger, ...sinks];
		this.connections = {
			[TRIGGER_NODE_NAME]: {
				main: this.outputNames.map((outputName) => [
					{ node: sinkName(outputName), type: 'main' as NodeConnectionType, index: 0 },
				]),
			},
		};
	}

	/**
	 * When n8n answers this trigger's calls: its webhook's responseMode and responseData, resolved against the
	 * node's parameters by n8n's expression engine, as n8n resolves them for every call.
	 */
	answering(): { responseMode: unknown; responseData: unknown } {
		const workflow = new Workflow({ nodes: this.nodes, connections: this.connections, nodeTypes, active: true });
		const node = workflow.getNode(TRIGGER_NODE_NAME)!;
		const [webhook] = this.options.nodeType.description.webhooks ?? [];
		const resolve = (value: string | undefined, fallback: string) =>
			workflow.expression.getSimpleParameterValue(node, value, 'webhook', {}, undefined, fallback);
		return {
			responseMode: resolve(webhook?.responseMode as string | undefined, 'onReceived'),
			responseData: resolve(webhook?.responseData as string | undefined, ''),
		};
	}

	/** What the node keeps between requests (its static data), as last saved. */
	get savedStaticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.staticData)) as IDataObject;
	}

	async deliver(request: WebhookRequestInput): Promise<WebhookDelivery> {
		const mode = this.options.mode ?? 'webhook';
		const { credentials } = this;
		const workflow = new Workflow({
			id: this.workflowId,
			nodes: this.nodes,
			connections: this.connections,
			nodeTypes,
			staticData: this.savedStaticData,
			active: true,
		});
		const node = workflow.getNode(TRIGGER_NODE_NAME)!;
		const hooks = new ExecutionLifecycleHooks(mode, this.workflowId, {
			id: this.workflowId,
			name: this.workflowId,
			active: true,
			nodes: this.nodes,
			connections: this.connections,
		} as unknown as IWorkflowBase);
		const additionalData = additionalDataFor(credentials, hooks);
		const rawBody = request.rawBody ?? (request.body === undefined ? '' : JSON.stringify(request.body));
		const response = new FakeResponse();
		additionalData.httpRequest = {
			method: 'POST',
			body: request.body,
			rawBody: Buffer.from(rawBody, 'utf8'),
			headers: {
				'content-type': 'application/json',
				'user-agent': 'Veritrans',
				...request.headers,
			},
			params: {},
			query: {},
		} as unknown as typeof additionalData.httpRequest;
		additionalData.httpResponse = response as unknown as typeof additionalData.httpResponse;

		const webhookDescription = this.options.nodeType.description.webhooks![0];
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: TRIGGER_NODE_NAME,
			path: String(webhookDescription.path),
			webhookDescription,
			workflowId: this.workflowId,
			workflowExecuteAdditionalData: additionalData,
			isTest: mode === 'manual',
		};
		const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);
		let result: IWebhookResponseData;
		try {
			result = await this.options.nodeType.webhook!.call(context);
		} catch (error) {
			// n8n answers 500 when webhook() throws.
			return {
				answer: { statusCode: 500, body: { message: (error as Error).message } },
				started: false,
				branches: {},
			};
		}
		const dropped = this.options.staticDataSaving === 'unlessRunStarts' && result.workflowData !== undefined;
		if (!dropped) this.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;

		const answer = this.answerFor(result, response);
		if (result.workflowData === undefined) return { answer, started: false, branches: {} };

		const run = await runWorkflow(
			{ nodes: this.nodes, connections: this.connections },
			credentials,
			createRunExecutionData({
				executionData: {
					nodeExecutionStack: [{ node, data: { main: result.workflowData }, source: null }],
				},
			}),
		);
		const branches: Record<string, IDataObject[]> = {};
		for (const outputName of this.outputNames) {
			const items = run.output(sinkName(outputName));
			if (items) branches[outputName] = items.map((item) => item.json);
		}
		return { answer, started: true, branches, run };
	}

	/** What n8n sends back: the node's own answer, or for responseMode onReceived its default one. */
	private answerFor(result: IWebhookResponseData, response: FakeResponse): WebhookAnswer {
		if (result.noWebhookResponse) {
			if (!response.ended) throw new Error('noWebhookResponse, but the node sent no answer');
			return { statusCode: response.statusCode, body: response.body };
		}
		if (response.ended) throw new Error('The node answered itself but did not return noWebhookResponse');
		if (result.workflowData !== undefined) {
			return { statusCode: 200, body: { message: 'Workflow was started' } };
		}
		return { statusCode: 200, body: result.webhookResponse ?? { message: 'Webhook call received' } };
	}
}

/** The one branch a delivery reached, and its one item; fails the test when it reached none or several. */
export function onlyBranch(delivery: WebhookDelivery): { output: string; item: IDataObject } {
	const reached = Object.entries(delivery.branches);
	if (reached.length !== 1 || reached[0][1].length !== 1) {
		throw new Error(`Expected one item on one branch, got ${JSON.stringify(Object.keys(delivery.branches))} (HTTP ${delivery.answer.statusCode})`);
	}
	return { output: reached[0][0], item: reached[0][1][0] };
}
