/**
 * A credential's declarative test run as n8n's credential tester runs it (packages/cli, CredentialsTester.
 * testCredentials): the test request as the only property of a temporary node, sent by n8n-core's RoutingNode
 * with the credential handed over decrypted, then the test's rules applied to the answer, in order.
 */
import { ExecuteContext, ExecutionLifecycleHooks, RoutingNode } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRunExecutionData,
	type IWorkflowBase,
} from 'n8n-workflow';

import { additionalDataFor } from './engine';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

interface TestFailure {
	message: string;
	cause?: { code?: string; response?: { status: number; statusText?: string } };
}

/** The value at a dotted path, as lodash's get (which n8n's tester uses) reads it. */
const valueAt = (data: unknown, path: string) =>
	path.split('.').reduce<unknown>((value, key) => (value === null || value === undefined ? undefined : (value as Record<string, unknown>)[key]), data);

export async function testCredential(
	credentialType: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const test = credentialType.test!;
	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' }],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'temp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType.name]: { id: 'credential', name: 'Credential under test' } },
	};
	const nodeTypes: INodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const hooks = new ExecutionLifecycleHooks('internal', 'credential-test', {} as IWorkflowBase);
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(credentials, hooks),
		'internal',
		{ resultData: { runData: {} } } as unknown as IRunExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const decrypted = { id: 'credential', name: 'Credential under test', type: credentialType.name, data: credentials };

	let response: INodeExecutionData[][] | undefined;
	try {
		response = await new RoutingNode(context, nodeType, decrypted).runNode();
	} catch (caught) {
		const error = caught as TestFailure;
		const answered = error.cause?.response;
		if (answered) {
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && answered.status === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (answered.status < 199 || answered.status > 299) {
				return { status: 'Error', message: answered.statusText || `Received HTTP status code: ${answered.status}` };
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}
	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && valueAt(response?.[0]?.[0]?.json, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
