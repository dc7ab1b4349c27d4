import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_NAME } from '../shared/constants';
import { nodeProperties } from './actions/description';
import { requestOptions } from './actions/options';
import { router } from './actions/router';
import { SUBTITLE_EXPRESSION } from './subtitle';

export class Midtrans implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Midtrans',
		name: 'midtrans',
		icon: { light: 'file:midtrans.svg', dark: 'file:midtrans.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: SUBTITLE_EXPRESSION,
		description:
			'Take and track payments with Midtrans: charges for every payment method, status, refunds, payment pages and links, subscriptions, saved cards and GoPay accounts',
		defaults: { name: 'Midtrans' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: [...nodeProperties, requestOptions],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
