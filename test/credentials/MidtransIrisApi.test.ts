/**
 * The Midtrans Iris credential: its test as n8n's credential tester runs it (a declarative request through the
 * engine's RoutingNode, then its rules read against the answer's HTTP status), which key it authenticates with,
 * and the notices its form shows.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeType, NodeConnectionType } from 'n8n-workflow';
import nock from 'nock';

import { MidtransIrisApi } from '../../credentials/MidtransIrisApi.credentials';
import { irisBaseUrl } from '../../nodes/shared/iris/connection';
import { IRIS_ROLE_HEADER } from '../../nodes/shared/iris/constants';
import { registerNodeType, runWorkflow } from '../harness/engine';
import { IRIS_CREDENTIALS, IRIS_PATH, IRIS_SANDBOX_HOST, irisAuthFor, TEST_APPROVER_KEY, TEST_CREATOR_KEY } from '../harness/payouts';

const credential = new MidtransIrisApi();

class IrisCredentialTestProbe implements INodeType {
	description = {
		displayName: 'Iris Credential Test Probe',
		name: 'irisCredentialTestProbe',
		group: ['transform'] as INodeType['description']['group'],
		version: 1,
		description: 'Sends the credential’s test request',
		defaults: { name: 'Probe' },
		inputs: ['main' as NodeConnectionType],
		outputs: ['main' as NodeConnectionType],
		credentials: [{ name: 'midtransIrisApi', required: true }],
		properties: [{ displayName: 'Probe', name: 'probe', type: 'string' as const, default: '', routing: { request: credential.test.request } }],
	};
}
registerNodeType('test.irisCredentialTestProbe', new IrisCredentialTestProbe());

/** As n8n's CredentialsTester: an HTTP error is matched against the responseCode rules, else its status text. */
async function testCredential(credentials: ICredentialDataDecryptedObject) {
	const { error } = await runWorkflow(
		{
			nodes: [
				{ id: '1', name: 'Items', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: '[{}]' } },
				{
					id: '2',
					name: 'Probe',
					type: 'test.irisCredentialTestProbe',
					typeVersion: 1,
					position: [200, 0],
					parameters: {},
					credentials: { midtransIrisApi: { id: 'c', name: 'c' } },
				},
			] as INode[],
			connections: { Items: { main: [[{ node: 'Probe', type: 'main' as NodeConnectionType, index: 0 }]] } },
		},
		credentials,
	);
	if (!error) return { status: 'OK', message: 'Connection successful!' };
	const httpCode = Number((error as { httpCode?: string }).httpCode);
	for (const rule of credential.test.rules ?? []) {
		if (rule.type === 'responseCode' && rule.properties.value === httpCode) return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'Error', message: error.message };
}

describe('Midtrans Iris credential', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('accepts a good creator key: Iris lists its beneficiary banks', async () => {
		const scope = nock(IRIS_SANDBOX_HOST, { reqheaders: { authorization: irisAuthFor(TEST_CREATOR_KEY) } })
			.get(`${IRIS_PATH}/beneficiary_banks`)
			.reply(200, { beneficiary_banks: [{ code: 'bca', name: 'Bank Central Asia' }] });
		expect(await testCredential(IRIS_CREDENTIALS)).toEqual({ status: 'OK', message: 'Connection successful!' });
		scope.done();
	});

	it('refuses a bad key (Iris answers 401 in plain text) and says which key to use', async () => {
		// n8n sends a request that was answered 401 once more, after authenticating it again.
		const scope = nock('https://app.midtrans.com').get(`${IRIS_PATH}/beneficiary_banks`).times(2).reply(401, 'HTTP Basic: Access denied.\n');
		const result = await testCredential({ ...IRIS_CREDENTIALS, environment: 'production' });
		scope.done();
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Iris refused the Creator API Key \(401\).*not the Core API server key, not the Merchant Key/);
	});

	it('says so when a custom Base URL does not lead to Iris (404)', async () => {
		const scope = nock('http://127.0.0.1:3900').get(`${IRIS_PATH}/beneficiary_banks`).reply(404, { message: 'no such route' });
		const result = await testCredential({ ...IRIS_CREDENTIALS, environment: 'custom', baseUrl: 'http://127.0.0.1:3900/' });
		scope.done();
		expect(result.message).toMatch(/does not lead to the Iris API \(404\)/);
	});

	it('authenticates with the creator’s key unless the request declares the approver, and removes the declaration', async () => {
		const authenticate = credential.authenticate.bind(credential);
		const asCreator = await authenticate(IRIS_CREDENTIALS, { url: '/payouts', headers: { Accept: 'application/json' } });
		expect(asCreator).toEqual({ url: '/payouts', headers: { Accept: 'application/json' }, auth: { username: TEST_CREATOR_KEY, password: '' } });
		const asApprover = await authenticate(IRIS_CREDENTIALS, { url: '/payouts/approve', headers: { [IRIS_ROLE_HEADER.toLowerCase()]: 'approver' } });
		expect(asApprover).toEqual({ url: '/payouts/approve', headers: {}, auth: { username: TEST_APPROVER_KEY, password: '' } });
	});

	it('keeps the approver’s key when n8n authenticates a request again (it resends one answered 401)', async () => {
		const authenticate = credential.authenticate.bind(credential);
		const first = await authenticate(IRIS_CREDENTIALS, { url: '/payouts/approve', headers: { [IRIS_ROLE_HEADER]: 'approver' } });
		const again = await authenticate(IRIS_CREDENTIALS, first);
		expect(again.auth).toEqual({ username: TEST_APPROVER_KEY, password: '' });
	});

	it('never falls back to the creator’s key for a request that declares the approver', async () => {
		await expect(
			credential.authenticate({ ...IRIS_CREDENTIALS, approverApiKey: '' }, { url: '/payouts/approve', headers: { [IRIS_ROLE_HEADER]: 'approver' } }),
		).rejects.toThrow('The Midtrans Iris credential has no Approver API Key');
	});

	it('resolves the same hosts in the credential test as the nodes’ transport', () => {
		const expression = String(credential.test.request.baseURL).replace(/^=\{\{|\}\}$/g, '');
		const evaluate = new Function('$credentials', `return (${expression});`) as (credentials: IDataObject) => string;
		for (const credentials of [
			{ environment: 'sandbox' },
			{ environment: 'production' },
			{ environment: 'custom', baseUrl: 'http://127.0.0.1:3900//' },
		] as const) {
			expect(evaluate(credentials)).toBe(irisBaseUrl(credentials));
		}
	});

	it('warns in the form about a Core API server key or the Merchant Key in an API key field, and a server key as the Merchant Key', () => {
		const shownFor = (values: Record<string, string>) =>
			credential.properties
				.filter((property) => property.type === 'notice')
				.filter((notice) =>
					Object.entries(notice.displayOptions?.show ?? {}).every(([field, conditions]) =>
						(conditions as Array<{ _cnd: { startsWith: string } }>).some(({ _cnd }) => (values[field] ?? '').startsWith(_cnd.startsWith)),
					),
				)
				.map((notice) => notice.name);
		expect(shownFor({ creatorApiKey: 'SB-Mid-server-abc' })).toEqual(['creatorKeyIsCoreKeyNotice0']);
		expect(shownFor({ approverApiKey: 'Mid-server-abc' })).toEqual(['approverKeyIsCoreKeyNotice1']);
		expect(shownFor({ creatorApiKey: 'IRIS-merchant-abc' })).toEqual(['creatorKeyIsMerchantKeyNotice0']);
		expect(shownFor({ merchantSecretKey: 'SB-Mid-server-abc' })).toEqual(['merchantKeyIsCoreKeyNotice0']);
		expect(shownFor({ creatorApiKey: 'a1b2c3d4', approverApiKey: 'e5f6', merchantSecretKey: 'IRIS-merchant-x' })).toEqual([]);
	});
});
