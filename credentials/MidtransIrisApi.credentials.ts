import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { environmentProperties } from '../nodes/shared/credentialEnvironment';
import { IRIS_ROLE_HEADER } from '../nodes/shared/iris/constants';

// Expressions cannot import: the hosts repeat nodes/shared/iris/constants.ts, and a unit test keeps the two in step.
const irisBaseUrlExpression =
	'={{ $credentials.environment === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") + "/iris/api/v1" : $credentials.environment === "production" ? "https://app.midtrans.com/iris/api/v1" : "https://app.sandbox.midtrans.com/iris/api/v1" }}';

const CORE_KEY_PREFIXES = ['SB-Mid-server-', 'Mid-server-'];

/** A notice shown while `field` starts with any of `prefixes`. */
function prefixNotice(name: string, field: string, prefixes: string[], text: string): INodeProperties[] {
	return prefixes.map((prefix, index) => ({
		displayName: text,
		name: `${name}${index}`,
		type: 'notice' as const,
		default: '',
		displayOptions: { show: { [field]: [{ _cnd: { startsWith: prefix } }] } },
	}));
}

const coreKeyText = (field: string) =>
	`This is a Core API server key. Iris does not accept it: the ${field} is the API key of an Iris user, from the Payouts (Iris) dashboard.`;
const merchantKeyText = (field: string) =>
	`This is the Iris Merchant Key (IRIS-merchant-…), which only verifies notifications. The ${field} is the API key of an Iris user.`;

export class MidtransIrisApi implements ICredentialType {
	name = 'midtransIrisApi';

	displayName = 'Midtrans Iris (Payouts) API';

	icon: Icon = { light: 'file:../nodes/Midtrans/midtrans.svg', dark: 'file:../nodes/Midtrans/midtrans.dark.svg' };

	documentationUrl = 'https://docs.midtrans.com/reference/https-header';

	properties: INodeProperties[] = [
		...environmentProperties({
			sandbox: 'Test payouts at app.sandbox.midtrans.com/iris; no money moves',
			production: 'Real payouts at app.midtrans.com/iris',
			baseUrl: 'The base URL without /iris: the Iris API is expected under {Base URL}/iris/api/v1',
		}),
		{
			displayName: 'Creator API Key',
			name: 'creatorApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The API key of an Iris user with the Creator role, from the Payouts (Iris) dashboard of this environment. It creates payouts and beneficiaries and reads balance, banks and statements.',
		},
		...prefixNotice('creatorKeyIsCoreKeyNotice', 'creatorApiKey', CORE_KEY_PREFIXES, coreKeyText('Creator API Key')),
		...prefixNotice('creatorKeyIsMerchantKeyNotice', 'creatorApiKey', ['IRIS-merchant-'], merchantKeyText('Creator API Key')),
		{
			displayName: 'Approver API Key',
			name: 'approverApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. The API key of an Iris user with the Approver role: needed only to approve or reject payouts from n8n. Leave it empty to keep approvals in the Iris dashboard.',
		},
		...prefixNotice('approverKeyIsCoreKeyNotice', 'approverApiKey', CORE_KEY_PREFIXES, coreKeyText('Approver API Key')),
		...prefixNotice('approverKeyIsMerchantKeyNotice', 'approverApiKey', ['IRIS-merchant-'], merchantKeyText('Approver API Key')),
		{
			displayName: 'Merchant Key',
			name: 'merchantSecretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'IRIS-merchant-…',
			description:
				'Optional. The Iris Merchant Key (it starts with IRIS-merchant-), with which Iris signs its notifications: the Midtrans Payouts Trigger needs it to verify them',
		},
		...prefixNotice(
			'merchantKeyIsCoreKeyNotice',
			'merchantSecretKey',
			CORE_KEY_PREFIXES,
			'This is a Core API server key. Iris signs its notifications with the Iris Merchant Key (IRIS-merchant-…) instead: notifications would all be refused.',
		),
	];

	/**
	 * The API key as the Basic user name with an empty password, as Iris wants. Which key: the approver's when the
	 * request declares that role (the nodes add a marker header, removed here), the creator's otherwise.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers = { ...(requestOptions.headers ?? {}) };
		let role: unknown;
		for (const name of Object.keys(headers)) {
			if (name.toLowerCase() === IRIS_ROLE_HEADER.toLowerCase()) {
				role = headers[name];
				delete headers[name];
			}
		}
		// n8n authenticates a request again before resending it after a 401: the marker is gone by then, but the
		// approver's key it chose is still there, and stays.
		const already = requestOptions.auth?.username;
		const keptApprover = role === undefined && already !== undefined && already === credentials.approverApiKey;
		const key = role === 'approver' || keptApprover ? credentials.approverApiKey : credentials.creatorApiKey;
		if (!key) {
			// Never fall back to the other role's key: the request would be sent with a key that may not do it.
			throw new Error(`The Midtrans Iris credential has no ${role === 'approver' ? 'Approver' : 'Creator'} API Key`);
		}
		return { ...requestOptions, headers, auth: { username: String(key), password: '' } };
	}

	/**
	 * Lists the beneficiary banks with the creator's key: a read every Iris user may make, for aggregator and
	 * facilitator accounts alike (the balance is aggregator-only). Iris answers a bad key with 401. n8n takes the
	 * rules of one kind only: these read the HTTP status, which is what tells a bad key from a good one.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: irisBaseUrlExpression,
			url: '/beneficiary_banks',
			method: 'GET',
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Iris refused the Creator API Key (401). Use the API key of an Iris user of this environment (sandbox and production keys differ), from the Payouts (Iris) dashboard: not the Core API server key, not the Merchant Key.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'Iris forbade the request (403): the Creator API Key’s user may not read the bank list. Check the user’s role.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'The Base URL does not lead to the Iris API (404). For Custom Base URL, give the root without /iris: the credential adds /iris/api/v1.',
				},
			},
		],
	};
}
