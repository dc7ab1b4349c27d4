import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeType, NodeConnectionType } from 'n8n-workflow';
import nock from 'nock';

import { MidtransApi } from '../../credentials/MidtransApi.credentials';
import { apiBaseUrl } from '../../nodes/Midtrans/transport';
import { registerNodeType, runWorkflow, SANDBOX_CREDENTIALS, TEST_SERVER_KEY } from '../harness/engine';

const credential = new MidtransApi();

/**
 * Runs the credential's test request the way n8n's credential tester does: as a declarative node,
 * through the engine's RoutingNode, then applying the test's rules to the answer.
 */
class CredentialTestProbe implements INodeType {
	description = {
		displayName: 'Credential Test Probe',
		name: 'credentialTestProbe',
		group: ['transform'] as INodeType['description']['group'],
		version: 1,
		description: 'Sends the credential’s test request',
		defaults: { name: 'Probe' },
		inputs: ['main' as NodeConnectionType],
		outputs: ['main' as NodeConnectionType],
		credentials: [{ name: 'midtransApi', required: true }],
		properties: [
			{ displayName: 'Probe', name: 'probe', type: 'string' as const, default: '', routing: { request: credential.test.request } },
		],
	};
}
registerNodeType('test.credentialTestProbe', new CredentialTestProbe());

async function testCredential(credentials: ICredentialDataDecryptedObject) {
	const { output, error } = await runWorkflow(
		{
			nodes: [
				{ id: '1', name: 'Items', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: '[{}]' } },
				{
					id: '2',
					name: 'Probe',
					type: 'test.credentialTestProbe',
					typeVersion: 1,
					position: [200, 0],
					parameters: {},
					credentials: { midtransApi: { id: 'c', name: 'c' } },
				},
			] as INode[],
			connections: { Items: { main: [[{ node: 'Probe', type: 'main' as NodeConnectionType, index: 0 }]] } },
		},
		credentials,
	);
	if (error) return { status: 'Error', message: error.message };
	const answer = output('Probe')?.[0]?.json ?? {};
	for (const rule of credential.test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && answer[rule.properties.key] === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

describe('Midtrans API credential', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('accepts a good key: Midtrans answers 404 for the made-up order', async () => {
		const scope = nock('https://api.sandbox.midtrans.com', {
			reqheaders: { authorization: `Basic ${Buffer.from(`${TEST_SERVER_KEY}:`).toString('base64')}` },
		})
			.get('/v2/n8n-credential-test/status')
			.reply(404, { status_code: '404', status_message: "Transaction doesn't exist." });
		expect(await testCredential(SANDBOX_CREDENTIALS)).toEqual({ status: 'OK', message: 'Connection successful!' });
		scope.done();
	});

	it('refuses a bad key and says which prefix belongs to which environment', async () => {
		const scope = nock('https://api.midtrans.com')
			.get('/v2/n8n-credential-test/status')
			.reply(401, { status_code: '401', status_message: 'Unknown Merchant server_key/id' });
		const result = await testCredential({ ...SANDBOX_CREDENTIALS, environment: 'production' });
		scope.done();
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/rejected the server key \(401\).*sandbox keys start with SB-Mid-server-, production keys with Mid-server-/);
	});

	it('tests a custom base URL such as the local simulator, ignoring a trailing slash', async () => {
		const scope = nock('http://127.0.0.1:3900')
			.get('/v2/n8n-credential-test/status')
			.reply(404, { status_code: '404' });
		const result = await testCredential({ ...SANDBOX_CREDENTIALS, environment: 'custom', baseUrl: 'http://127.0.0.1:3900/' });
		scope.done();
		expect(result.status).toBe('OK');
	});

	it('warns in the form when a key’s prefix does not match the environment', () => {
		const notices = credential.properties.filter((property) => property.type === 'notice');
		const shownFor = (environment: string, key: string) =>
			notices.filter((notice) => {
				const show = notice.displayOptions?.show ?? {};
				const environmentMatches = (show.environment as string[]).includes(environment);
				const prefix = (show.serverKey as Array<{ _cnd: { startsWith: string } }>)[0]._cnd.startsWith;
				return environmentMatches && key.startsWith(prefix);
			});
		expect(shownFor('production', 'SB-Mid-server-abc')).toHaveLength(1);
		expect(shownFor('sandbox', 'Mid-server-abc')).toHaveLength(1);
		expect(shownFor('sandbox', 'SB-Mid-server-abc')).toHaveLength(0);
		expect(shownFor('production', 'Mid-server-abc')).toHaveLength(0);
	});

	it('authenticates as Midtrans wants: the server key as Basic user name, empty password', async () => {
		const authenticate = credential.authenticate as (
			credentials: IDataObject,
			options: { url: string },
		) => Promise<{ url: string; auth?: unknown }>;
		const options = await authenticate({ serverKey: TEST_SERVER_KEY }, { url: '/v2/charge' });
		expect(options).toEqual({ url: '/v2/charge', auth: { username: TEST_SERVER_KEY, password: '' } });
	});

	it('resolves the same hosts in the credential test as the nodes’ transport', () => {
		const expression = String(credential.test.request.baseURL).replace(/^=\{\{|\}\}$/g, '');
		const evaluate = new Function('$credentials', `return (${expression});`) as (credentials: IDataObject) => string;
		for (const credentials of [
			{ environment: 'sandbox' },
			{ environment: 'production' },
			{ environment: 'custom', baseUrl: 'http://127.0.0.1:3900//' },
		] as const) {
			expect(evaluate(credentials)).toBe(apiBaseUrl(credentials));
		}
	});
});
