import { statusCombinationProblem } from '../../../nodes/shared/notifications/statusCodes';

/** Combinations from Midtrans's sample notifications (HTTP(S) Notification page and the payment methods' pages). */
const genuine: Array<[string, string, string | undefined]> = [
	['201', 'pending', 'accept'],
	['201', 'pending', undefined],
	['200', 'settlement', 'accept'],
	['200', 'settlement', undefined],
	['200', 'capture', 'accept'],
	['201', 'capture', 'challenge'],
	['200', 'authorize', 'accept'],
	['202', 'deny', 'accept'],
	['202', 'deny', 'deny'],
	['202', 'cancel', 'accept'],
	['200', 'cancel', 'accept'],
	['202', 'expire', 'accept'],
	['202', 'expire', undefined],
	['200', 'refund', 'accept'],
	['200', 'partial_refund', 'accept'],
	['200', 'chargeback', undefined],
	['202', 'failure', undefined],
];

/** A genuine notification with its statuses edited: none of these is ever sent by Midtrans. */
const relabelled: Array<[string, string, string | undefined]> = [
	['201', 'settlement', undefined],
	['201', 'settlement', 'accept'],
	['202', 'settlement', 'accept'],
	['201', 'capture', 'accept'],
	['202', 'capture', 'accept'],
	['200', 'capture', 'challenge'],
	['200', 'settlement', 'challenge'],
	['200', 'settlement', 'deny'],
	['200', 'pending', 'accept'],
	['200', 'expire', 'accept'],
	['201', 'refund', 'accept'],
	['200', 'settlement', 'trusted'],
];

describe('statusCombinationProblem', () => {
	it.each(genuine)('accepts status_code %s with %s and fraud_status %s, as Midtrans sends it', (code, status, fraud) => {
		expect(statusCombinationProblem(code, status, fraud)).toBeUndefined();
	});

	it.each(relabelled)('refuses status_code %s with %s and fraud_status %s, saying the notification was altered', (code, status, fraud) => {
		expect(statusCombinationProblem(code, status, fraud)).toMatch(/altered after it was signed/);
	});

	it('lets every paid combination through only with "200"', () => {
		for (const code of ['201', '202', '407', '404']) {
			expect(statusCombinationProblem(code, 'settlement', 'accept')).toBeDefined();
			expect(statusCombinationProblem(code, 'capture', 'accept')).toBeDefined();
		}
	});

	it('does not judge a status Midtrans may add later', () => {
		expect(statusCombinationProblem('299', 'a_status_from_the_future', undefined)).toBeUndefined();
	});
});
