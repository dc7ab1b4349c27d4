import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/actions/options';
import { runItems } from '../shared/actions/router';
import { NO_APPROVER_KEY, openIrisConnection, roleOf, type IrisConnection } from '../shared/iris/connection';
import { IRIS_CREDENTIAL_NAME } from '../shared/iris/constants';
import type { MidtransRequest } from '../shared/transport';
import { nodeProperties } from './actions/description';
import { resources } from './actions/resources';
import { SUBTITLE_EXPRESSION } from './subtitle';

/** A request that needs the approver's key is not sent when the credential has none. */
function refuseBeforeSending(connection: IrisConnection, request: MidtransRequest): string | undefined {
	return roleOf(request.headers) === 'approver' && !connection.credentials.approverApiKey ? NO_APPROVER_KEY : undefined;
}

export class MidtransPayouts implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Midtrans Payouts',
		name: 'midtransPayouts',
		icon: { light: 'file:../Midtrans/midtrans.svg', dark: 'file:../Midtrans/midtrans.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: SUBTITLE_EXPRESSION,
		description:
			'Send money out with Midtrans Iris: payouts with an approval step, beneficiaries, bank account checks, balance and statements',
		defaults: { name: 'Midtrans Payouts' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: IRIS_CREDENTIAL_NAME, required: true }],
		properties: [
			...nodeProperties,
			requestOptionsProperty('for a payout creation, as an unknown outcome to look up before creating it again'),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runItems.call(this, { resources, openConnection: openIrisConnection, refuseBeforeSending });
	}
}
