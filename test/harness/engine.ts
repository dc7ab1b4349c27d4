/**
 * A small harness that runs workflow JSON through n8n-core's real WorkflowExecute, and webhook
 * requests through its real WebhookContext, with this package's real node and credential classes.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// n8n-core keeps an instance folder (encryption key, settings); give each test process its own.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-midtrans-test-'));
// n8n logs every node error to the console; a test that reads the log captures it (see logs.ts).
process.env.N8N_LOG_LEVEL ??= 'silent';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type NodeConnectionType,
} from 'n8n-workflow';

import { MidtransApi } from '../../credentials/MidtransApi.credentials';
import { MidtransIrisApi } from '../../credentials/MidtransIrisApi.credentials';
import { Midtrans } from '../../nodes/Midtrans/Midtrans.node';
import { SANDBOX_CREDENTIALS } from './midtrans';

/** How many times n8n read and decrypted a credential, across every run of this test process. */
let credentialReads = 0;
export const credentialReadCount = () => credentialReads;

/** Emits the items given in its "items" parameter: the start of every test workflow. */
class TestItems implements INodeType {
	description = {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['trigger'] as INodeTypeDescription['group'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Test Items' },
		inputs: [],
		outputs: ['main' as NodeConnectionType],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' } as INodeProperties],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

/** Passes its input through, so a test can see which branch ran and with which items. */
class TestSink implements INodeType {
	description = {
		displayName: 'Test Sink',
		name: 'testSink',
		group: ['transform'] as INodeTypeDescription['group'],
		version: 1,
		description: 'Passes items through',
		defaults: { name: 'Test Sink' },
		inputs: ['main' as NodeConnectionType],
		outputs: ['main' as NodeConnectionType],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

const nodeTypeRegistry: Record<string, INodeType> = {
	'n8n-nodes-midtrans.midtrans': new Midtrans(),
	'test.items': new TestItems(),
	'test.sink': new TestSink(),
};

/** Lets other test modules (the trigger's) add their node types without this file importing them. */
export function registerNodeType(name: string, nodeType: INodeType) {
	nodeTypeRegistry[name] = nodeType;
}

export const nodeTypes: INodeTypes = {
	getByName: (name) => nodeTypeRegistry[name],
	getByNameAndVersion: (name) => nodeTypeRegistry[name],
	getKnownTypes: () => ({}),
};

const credentialTypes: Record<string, ICredentialType> = {
	midtransApi: new MidtransApi(),
	midtransIrisApi: new MidtransIrisApi(),
};

/**
 * Applies a credential's generic `authenticate` block the way n8n's own credentials helper does:
 * each `={{ … }}` value is an expression evaluated with `$credentials`.
 */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentialsByType: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = credentialTypes[typeName]?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!authenticate || authenticate.type !== 'generic') return requestOptions;
		const resolve = (value: unknown) => {
			if (typeof value !== 'string' || !value.startsWith('=') || !workflow || !node) return value;
			return workflow.expression.getParameterValue(value, null, 0, 0, node.name, [], 'internal', {
				$credentials: credentials,
			});
		};
		const options = requestOptions as unknown as Record<string, Record<string, unknown> | undefined>;
		for (const [outerKey, inner] of Object.entries(authenticate.properties)) {
			const resolved: Record<string, unknown> = {};
			for (const [key, value] of Object.entries(inner as Record<string, unknown>)) {
				resolved[key] = resolve(value);
			}
			options[outerKey] = { ...(options[outerKey] ?? {}), ...resolved };
		}
		return requestOptions;
	}

	async getDecrypted(_data: unknown, _details: unknown, type: string) {
		credentialReads++;
		// A test workflow uses one credential: the Iris nodes get it under their own type.
		return { ...(this.credentialsByType[type] ?? this.credentialsByType.midtransApi ?? {}) };
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by these tests');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string) {
		return credentialTypes[type]?.properties ?? [];
	}
}

export function additionalDataFor(
	credentials: ICredentialDataDecryptedObject,
	hooks: ExecutionLifecycleHooks,
	executionId?: string,
): IWorkflowExecuteAdditionalData {
	return {
		executionId,
		credentialsHelper: new TestCredentialsHelper({ midtransApi: credentials }),
		hooks,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		variables: {},
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface WorkflowRunResult {
	run: IRun;
	/** Items the named node put on one of its outputs (output 0 unless told), or undefined if it did not run. */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[] | undefined;
	/** The error that stopped the run, if any. */
	error: IRun['data']['resultData']['error'];
	/** Names of the nodes that ran, in order. */
	executed: string[];
}

let workflowCounter = 0;

/** Runs a workflow (nodes and connections) through n8n-core's WorkflowExecute and waits for it to end. */
export async function runWorkflow(
	workflowData: Pick<IWorkflowBase, 'nodes' | 'connections'> & { settings?: IWorkflowBase['settings'] },
	credentials: ICredentialDataDecryptedObject = SANDBOX_CREDENTIALS,
	runExecutionData?: IRunExecutionData,
): Promise<WorkflowRunResult> {
	const id = `test-${++workflowCounter}`;
	const workflow = new Workflow({
		id,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		nodeTypes,
		settings: workflowData.settings,
		active: false,
	});
	const hooks = new ExecutionLifecycleHooks('manual', id, {
		id,
		name: id,
		active: false,
		isArchived: false,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as unknown as IWorkflowBase);
	const executed: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName: string) => {
		executed.push(nodeName);
	});
	let resolveRun!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run: IRun) => resolveRun(run));

	const additionalData = additionalDataFor(credentials, hooks, `execution-${id}`);
	// The first node listed starts the run, as a trigger would.
	const startNode = workflow.getNode(workflowData.nodes[0].name)!;
	const executionData: IRunExecutionData = runExecutionData ?? {
		version: 1,
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: null,
		},
	} as unknown as IRunExecutionData;
	const workflowExecute = new WorkflowExecute(additionalData, 'manual', executionData);
	await workflowExecute.processRunExecutionData(workflow);
	const run = await finished;
	const runData = run.data.resultData.runData;
	return {
		run,
		executed,
		error: run.data.resultData.error,
		output: (nodeName, outputIndex = 0) =>
			runData[nodeName]?.[0]?.data?.main?.[outputIndex] ?? undefined,
	};
}

/** How the Midtrans node is set up in a test workflow besides its parameters: n8n's node settings. */
export interface MidtransNodeSettings {
	continueOnFail?: boolean;
	/** n8n's Retry On Fail: the engine runs the node again, up to maxTries in all, 1 ms apart (n8n reads 0 as 1000). */
	retryOnFail?: { maxTries: number };
}

/** A workflow of Test Items → Midtrans, the shape most action tests need. */
export function midtransWorkflow(
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	settings: MidtransNodeSettings = {},
): Pick<IWorkflowBase, 'nodes' | 'connections'> {
	return {
		nodes: [
			{
				id: '1',
				name: 'Items',
				type: 'test.items',
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: JSON.stringify(items) },
			},
			{
				id: '2',
				name: 'Midtrans',
				type: 'n8n-nodes-midtrans.midtrans',
				typeVersion: 1,
				position: [200, 0],
				parameters,
				credentials: { midtransApi: { id: 'cred-1', name: 'Midtrans sandbox' } },
				...(settings.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
				...(settings.retryOnFail
					? { retryOnFail: true, maxTries: settings.retryOnFail.maxTries, waitBetweenTries: 1 }
					: {}),
			},
		] as INode[],
		connections: {
			Items: { main: [[{ node: 'Midtrans', type: 'main' as NodeConnectionType, index: 0 }]] },
		},
	};
}

/** Runs Test Items → Midtrans and returns the Midtrans node's output and the run's error. */
export async function runMidtrans(
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	options: MidtransNodeSettings & { credentials?: ICredentialDataDecryptedObject } = {},
) {
	const result = await runWorkflow(
		midtransWorkflow(parameters, items, options),
		options.credentials ?? SANDBOX_CREDENTIALS,
	);
	return { ...result, items: result.output('Midtrans') ?? [] };
}
