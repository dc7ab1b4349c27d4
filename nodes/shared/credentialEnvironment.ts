import type { INodeProperties } from 'n8n-workflow';

/** What a credential's environment choice says about its own product (Core API and Snap, or Iris). */
export interface EnvironmentTexts {
	sandbox: string;
	production: string;
	/** Where the product's API is expected under a custom Base URL. */
	baseUrl: string;
}

/**
 * The Environment and Base URL parameters both credentials begin with: the environment picks Midtrans's hosts,
 * or a Base URL for a local simulator or a proxy. The nodes and each credential's test read them by these names.
 */
export function environmentProperties(texts: EnvironmentTexts): INodeProperties[] {
	return [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Sandbox', value: 'sandbox', description: texts.sandbox },
				{ name: 'Production', value: 'production', description: texts.production },
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
			description: texts.baseUrl,
			displayOptions: { show: { environment: ['custom'] } },
		},
	];
}
