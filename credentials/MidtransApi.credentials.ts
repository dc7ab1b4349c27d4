import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

// The credential test and the nodes resolve the host the same way; expressions cannot import, so the
// hosts below repeat helpers/constants.ts, and a unit test keeps the two in step.
const coreApiBaseUrlExpression =
	'={{ $credentials.environment === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : $credentials.environment === "production" ? "https://api.midtrans.com" : "https://api.sandbox.midtrans.com" }}';

export class MidtransApi implements ICredentialType {
	name = 'midtransApi';

	displayName = 'Midtrans API';

	icon: Icon = { light: 'file:../nodes/Midtrans/midtrans.svg', dark: 'file:../nodes/Midtrans/midtrans.dark.svg' };

	documentationUrl = 'https://docs.midtrans.com/docs/retrieving-api-access-keys';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Sandbox',
					value: 'sandbox',
					description: 'Test payments at api.sandbox.midtrans.com; no money moves',
				},
				{
					name: 'Production',
					value: 'production',
					description: 'Real payments at api.midtrans.com',
				},
				{
					name: 'Custom Base URL',
					value: 'custom',
					description: 'A local Midtrans simulator or a company proxy in front of Midtrans',
				},
			],
			default: 'sandbox',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://127.0.0.1:3900',
			placeholder: 'http://127.0.0.1:3900',
			description: 'Core API base URL, without /v2. The Snap API is expected under {Base URL}/snap/v1.',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Server Key',
			name: 'serverKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
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
					serverKey: [{ _cnd: { startsWith: 'SB-' } }],
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
					serverKey: [{ _cnd: { startsWith: 'Mid-server-' } }],
				},
			},
		},
		{
			displayName: 'Client Key',
			name: 'clientKey',
			type: 'string',
			default: '',
			description:
				'Optional. Needed only to turn a sandbox test card into a card token. Starts with SB-Mid-client- or Mid-client-.',
		},
	];

	// Midtrans wants the server key as the Basic user name and an empty password. A function, not a generic
	// block: n8n would evaluate the block's {{$credentials.serverKey}} expression again for every request.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return { ...requestOptions, auth: { username: String(credentials.serverKey ?? ''), password: '' } };
	}

	// A made-up order answers 404 to a good key and 401 to a bad one, so only 401 means failure.
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
					value: '401',
					message:
						'Midtrans rejected the server key (401). Check that the key belongs to the chosen environment: sandbox keys start with SB-Mid-server-, production keys with Mid-server-.',
				},
			},
		],
	};
}
