import type { INodeProperties } from 'n8n-workflow';

import type { MidtransResource } from './types';

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

/**
 * Every resource's Operation parameter, then every operation's parameters shown only for it: the part of an
 * action node's description that is assembled from the descriptions beside each resource and operation.
 */
export function operationProperties(resources: MidtransResource[]): INodeProperties[] {
	return [
		...resources.map((resource) => resource.operationProperty),
		...resources.flatMap((resource) =>
			resource.operations.flatMap((operation) =>
				operation.properties.map((property) => shownFor(resource.value, operation.value, property)),
			),
		),
	];
}
