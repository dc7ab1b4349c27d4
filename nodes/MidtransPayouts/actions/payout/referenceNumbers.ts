import type { INodeProperties } from 'n8n-workflow';

/** The payouts an approver acts on, as Iris's reference_nos. */
export const referenceNumbersProperty: INodeProperties = {
	displayName: 'Reference Numbers',
	name: 'referenceNumbers',
	type: 'string',
	default: '',
	required: true,
	placeholder: '1d4f8423393005, 10438f2b393005',
	description:
		'The reference_no of each payout, separated by commas; or an expression giving a list, such as the reference_no of every payout Create made',
};

/** Which payouts a request of the approver acted on, for the output and for messages. */
export const subjectOf = (references: string[]) =>
	references.length === 1 ? `payout ${references[0]}` : `payouts ${references.join(', ')}`;
