import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/actions/options';
import { runItems } from '../shared/actions/router';
import { openConnection } from '../shared/connection';
import { CREDENTIAL_NAME, NODE_PANEL_DESCRIPTION } from '../shared/constants';
import { nodeProperties } from './actions/description';
import { resources } from './actions/resources';
import { SUBTITLE_EXPRESSION } from './subtitle';

export class Midtrans implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Midtrans',
		name: 'midtrans',
		icon: { light: 'file:midtrans.svg', dark: 'file:midtrans.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: SUBTITLE_EXPRESSION,
		description: NODE_PANEL_DESCRIPTION,
		defaults: { name: 'Midtrans' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: [
			...nodeProperties,
			requestOptionsProperty('for a charge or refund, as an unknown outcome to look up with Get Status'),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runItems.call(this, { resources, openConnection });
	}
}
