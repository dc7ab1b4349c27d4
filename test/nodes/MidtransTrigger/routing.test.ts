import { TRANSACTION_STATUSES } from '../../../nodes/shared/constants';
import { outcomeOf, outputIndexFor, outputNames } from '../../../nodes/MidtransTrigger/routing';
import { midtransTrigger } from './fixtures';

describe('outcomeOf', () => {
	it.each([
		['settlement', undefined, 'paid'],
		['capture', undefined, 'paid'],
		['capture', 'accept', 'paid'],
		['capture', null, 'paid'],
		['capture', 'challenge', 'pending'],
		['capture', 'deny', 'failed'],
		['pending', undefined, 'pending'],
		['authorize', 'accept', 'pending'],
		['deny', 'deny', 'failed'],
		['cancel', undefined, 'failed'],
		['expire', undefined, 'failed'],
		['failure', undefined, 'failed'],
		['refund', undefined, 'refunded'],
		['partial_refund', undefined, 'refunded'],
		['chargeback', undefined, 'refunded'],
		['partial_chargeback', undefined, 'refunded'],
	])('%s with fraud_status %s is %s', (status, fraudStatus, outcome) => {
		expect(outcomeOf(status, fraudStatus)).toBe(outcome);
	});

	it('has an outcome for every Midtrans status, and none for a status Midtrans does not send', () => {
		for (const status of TRANSACTION_STATUSES) expect(outcomeOf(status)).toBeDefined();
		expect(outcomeOf('toString')).toBeUndefined();
		expect(outcomeOf('refunded')).toBeUndefined();
	});
});

describe('outputs', () => {
	it('are the chosen statuses in the order chosen, then "other"', () => {
		expect(outputNames({ routeBy: 'status', statuses: ['expire', 'settlement'] })).toEqual([
			'expire',
			'settlement',
			'other',
			'rejected',
		]);
	});

	it('are paid, pending, failed, refunded, other and rejected when grouped by outcome', () => {
		expect(outputNames({ routeBy: 'outcome', statuses: ['expire'] })).toEqual([
			'paid',
			'pending',
			'failed',
			'refunded',
			'other',
			'rejected',
		]);
	});

	it('never route a notification to "rejected", even one whose status is called that', () => {
		expect(outputIndexFor({ routeBy: 'status', statuses: ['settlement'] }, 'rejected')).toBe(1);
	});

	it('send a status that was not chosen, or is unknown, to "other"', () => {
		const parameters = { routeBy: 'status' as const, statuses: ['expire', 'settlement'] };
		expect(outputIndexFor(parameters, 'settlement')).toBe(1);
		expect(outputIndexFor(parameters, 'refund')).toBe(2);
		expect(outputIndexFor(parameters, 'something_new')).toBe(2);
		expect(outputIndexFor({ routeBy: 'outcome', statuses: [] }, 'something_new')).toBe(4);
	});

	it.each([
		[{ routeBy: 'status', statuses: ['expire', 'settlement'] }, ['expire', 'settlement', 'other', 'rejected']],
		[{ routeBy: 'status', statuses: [...TRANSACTION_STATUSES] }, [...TRANSACTION_STATUSES, 'other', 'rejected']],
		[{ routeBy: 'status', statuses: [] }, ['other', 'rejected']],
		[{ routeBy: 'outcome' }, ['paid', 'pending', 'failed', 'refunded', 'other', 'rejected']],
		[{}, ['pending', 'settlement', 'capture', 'deny', 'cancel', 'expire', 'other', 'rejected']],
	])('are what the editor draws: %j gives %j', (parameters, expected) => {
		// The harness asks n8n-workflow for the node's outputs, as the editor does.
		expect(midtransTrigger(parameters).outputNames).toEqual(expected);
	});
});
