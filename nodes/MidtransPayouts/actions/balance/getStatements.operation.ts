import type { MidtransOperation } from '../../../shared/actions/types';
import { calendarDate } from '../irisRules';
import { listProperties, readLimit, runList, type ListRequest } from '../listOptions';

export const getStatements: MidtransOperation<ListRequest> = {
	value: 'getStatements',
	properties: [
		{
			displayName: 'From Date',
			name: 'fromDate',
			type: 'dateTime',
			default: '',
			required: true,
			description: 'The first day to list, as YYYY-MM-DD (a date-time is cut to its date)',
		},
		{
			displayName: 'To Date',
			name: 'toDate',
			type: 'dateTime',
			default: '',
			required: true,
			description: 'The last day to list, as YYYY-MM-DD',
		},
		...listProperties,
	],
	prepare(itemIndex, validate) {
		const from = calendarDate(validate, 'From Date (fromDate)', this.getNodeParameter('fromDate', itemIndex));
		const to = calendarDate(validate, 'To Date (toDate)', this.getNodeParameter('toDate', itemIndex));
		if (from > to) validate.fail('To Date (toDate)', `must not be before From Date (${from} to ${to})`);
		return {
			// The docs' sample sends the dates as a JSON body on a GET (so does the Node SDK), the Java SDK as query
			// parameters. n8n's request helper sends no body with a GET, so query parameters it is (as Java does).
			request: { method: 'GET', path: '/statements', qs: { from_date: from, to_date: to }, retrySafe: true },
			limit: readLimit(this, itemIndex, validate),
		};
	},
	run: async (prepared, send) => await runList(prepared, send),
};
