import type { INodeProperties } from 'n8n-workflow';

import { resources } from './resources';

/** Merges the resource/operation condition into whatever displayOptions a property already has. */
function shownFor(resource: string, operation: string, property: INodeProperties): INodeProperties {
	const show = property.displayOptions?.show ?? {};
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...show, resource: [resource], operation: [operation] },
		},
	};
}

/** The node's parameters, assembled from the descriptions that sit beside each resource and operation. */
export const nodeProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		// Alphabetical, as n8n's lint wants from five options on; the names put the everyday Payment first.
		options: [
			{ name: 'Payment', value: 'payment' },
			{ name: 'Payment Link', value: 'paymentLink' },
			{ name: 'Payment Page (Snap)', value: 'paymentPage' },
			{ name: 'Saved Card', value: 'card' },
			{ name: 'Saved GoPay Account', value: 'gopayAccount' },
			{ name: 'Subscription', value: 'subscription' },
			{ name: 'Transaction', value: 'transaction' },
		],
		default: 'payment',
	},
	...resources.map((resource) => resource.operationProperty),
	...resources.flatMap((resource) =>
		resource.operations.flatMap((operation) =>
			operation.properties.map((property) => shownFor(resource.value, operation.value, property)),
		),
	),
];
