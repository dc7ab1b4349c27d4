import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeProperties } from './actions/description';
import { requestOptions } from './actions/options';
import { router } from './actions/router';

export class Midtrans implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Midtrans',
		name: 'midtrans',
		icon: { light: 'file:midtrans.svg', dark: 'file:midtrans.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Take and track payments with Midtrans: charges for every payment method, status, cancel, refund, capture, payment pages',
		defaults: { name: 'Midtrans' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'midtransApi', required: true }],
		properties: [...nodeProperties, requestOptions],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
