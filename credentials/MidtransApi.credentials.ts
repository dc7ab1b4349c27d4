import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { environmentProperties } from '../nodes/shared/credentialEnvironment';

// The credential test and the nodes resolve the host the same way; expressions cannot import, so the
// hosts below repeat helpers/constants.ts, and a unit test keeps the two in step.
const coreApiBaseUrlExpression =
	'={{ $credentials.environment === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : $credentials.environment === "production" ? "https://api.midtrans.com" : "https://api.sandbox.midtrans.com" }}';

const KEY_REJECTED =
	'Midtrans rejected the server key (401). Check that the key belongs to the chosen environment: sandbox keys start with SB-Mid-server-, production keys with Mid-server-.';

/** Every status Midtrans can answer the test with but its "404" for an unknown order, and what it means. */
const TEST_FAILURES: Record<string, string> = {
	'200': 'Midtrans answered 200 for a made-up order: the Base URL does not lead to Midtrans’s Core API.',
	'201': 'Midtrans answered 201 for a made-up order: the Base URL does not lead to Midtrans’s Core API.',
	'202': 'Midtrans answered 202 for a made-up order: the Base URL does not lead to Midtrans’s Core API.',
	'400': 'Midtrans refused the test request (400): the Base URL does not lead to Midtrans’s Core API.',
	'401': KEY_REJECTED,
	'402': 'Midtrans refused access (402): this merchant account is not active for the Core API.',
	'403': 'Midtrans (or a proxy in front of it) forbade the request (403): check the Base URL and the account.',
	'405': 'The Base URL does not take this request (405): it does not lead to Midtrans’s Core API.',
	'429': 'Midtrans is rate limiting this account (429): try the test again in a minute.',
	'500': 'Midtrans failed (500): try the test again later.',
	'502': 'Midtrans or a proxy failed (502): try the test again later.',
	'503': 'Midtrans is unavailable (503): try the test again later.',
	'504': 'Midtrans or a proxy did not answer in time (504): try the test again later.',
	'505': 'Midtrans refused the HTTP version (505): check the Base URL.',
};

export class MidtransApi implements ICredentialType {
	name = 'midtransApi';

	displayName = 'Midtrans API';

	icon: Icon = { light: 'file:../nodes/Midtrans/midtrans.svg', dark: 'file:../nodes/Midtrans/midtrans.dark.svg' };

	documentationUrl = 'https://docs.midtrans.com/docs/retrieving-api-access-keys';

	properties: INodeProperties[] = [
		...environmentProperties({
			sandbox: 'Test payments at api.sandbox.midtrans.com; no money moves',
			production: 'Real payments at api.midtrans.com',
			baseUrl: 'Core API base URL, without /v2. The Snap API is expected under {Base URL}/snap/v1.',
		}),
		{
			displayName: 'Server Key',
			name: 'serverApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'SB-Mid-server-…',
			description:
				'From the Midtrans dashboard: Settings → Access Keys. Sandbox keys start with SB-Mid-server-, production keys with Mid-server-.',
		},
		{
			displayName:
				'This is a sandbox key (it starts with SB-Mid-server-) but the environment is Production: Midtrans will answer 401',
			name: 'sandboxKeyInProductionNotice',
			type: 'notice',
			default: '',
			displayOptions: {
				show: {
					environment: ['production'],
					serverApiKey: [{ _cnd: { startsWith: 'SB-' } }],
				},
			},
		},
		{
			displayName:
				'This is a production key (it starts with Mid-server-) but the environment is Sandbox: Midtrans will answer 401',
			name: 'productionKeyInSandboxNotice',
			type: 'notice',
			default: '',
			displayOptions: {
				show: {
					environment: ['sandbox'],
					serverApiKey: [{ _cnd: { startsWith: 'Mid-server-' } }],
				},
			},
		},
		{
			displayName: 'Client Key',
			name: 'clientKey',
			type: 'string',
			default: '',
			placeholder: 'SB-Mid-client-…',
			description:
				'Optional. Needed only by the Saved Card operations that send card data (Create Test Token, Register). Starts with SB-Mid-client- (sandbox) or Mid-client- (production).',
		},
		{
			displayName:
				'This is a sandbox client key (it starts with SB-Mid-client-) but the environment is Production: Midtrans will refuse it',
			name: 'sandboxClientKeyInProductionNotice',
			type: 'notice',
			default: '',
			displayOptions: {
				show: {
					environment: ['production'],
					clientKey: [{ _cnd: { startsWith: 'SB-' } }],
				},
			},
		},
		{
			displayName:
				'This is a production client key (it starts with Mid-client-) but the environment is Sandbox: Midtrans will refuse it',
			name: 'productionClientKeyInSandboxNotice',
			type: 'notice',
			default: '',
			displayOptions: {
				show: {
					environment: ['sandbox'],
					clientKey: [{ _cnd: { startsWith: 'Mid-client-' } }],
				},
			},
		},
	];

	// Midtrans wants the server key as the Basic user name and an empty password. A function, not a generic
	// block: n8n would evaluate the block's {{$credentials.serverKey}} expression again for every request.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return { ...requestOptions, auth: { username: String(credentials.serverApiKey ?? ''), password: '' } };
	}

	/**
	 * Test asks Midtrans for a made-up order. Only Midtrans's own answer to that, status_code "404" in its JSON
	 * (with HTTP 200 or 404), means the key works; n8n's tester reads each rule below as a failure.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: coreApiBaseUrlExpression,
			url: '/v2/n8n-credential-test/status',
			method: 'GET',
			headers: { Accept: 'application/json' },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status_code',
					value: undefined,
					message:
						'The Base URL answered, but not as Midtrans does (no Midtrans status in the answer: a web page, a proxy’s error or another service). Check the environment, and for Custom Base URL that it is the Core API root without /v2.',
				},
			},
			...Object.entries(TEST_FAILURES).map(([statusCode, message]) => ({
				type: 'responseSuccessBody' as const,
				properties: { key: 'status_code', value: statusCode, message },
			})),
		],
	};
}
