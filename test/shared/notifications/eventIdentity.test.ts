import { adjustmentOf, eventIdOf } from '../../../nodes/shared/notifications/eventIdentity';

const refund = (id: number, key: string, amount: string) => ({
	refund_chargeback_id: id,
	refund_key: key,
	refund_amount: amount,
	created_at: `2026-12-01 10:0${id}:00`,
});

describe('eventIdOf', () => {
	const base = { orderId: 'order-1', transactionId: 'tx-1', transactionStatus: 'capture' };

	it('tells a capture under fraud review from the same capture accepted', () => {
		expect(eventIdOf({ ...base, fraudStatus: 'challenge' })).not.toBe(eventIdOf({ ...base, fraudStatus: 'accept' }));
	});

	it('ignores an adjustment on a status that is not a refund or chargeback', () => {
		expect(eventIdOf({ ...base, adjustment: 'x' })).toBe(eventIdOf(base));
	});

	it('keeps parts apart: no value can imitate a boundary', () => {
		expect(eventIdOf({ orderId: 'a|b', transactionStatus: 'settlement' })).not.toBe(
			eventIdOf({ orderId: 'a', transactionId: 'b', transactionStatus: 'settlement' }),
		);
	});
});

describe('adjustmentOf', () => {
	it('differs for each further refund the notification lists, whatever order Midtrans lists them in', () => {
		const first = adjustmentOf({ refunds: [refund(1, 'r-1', '10000.00')] });
		const second = adjustmentOf({ refunds: [refund(2, 'r-2', '5000.00'), refund(1, 'r-1', '10000.00')] });
		const secondReordered = adjustmentOf({ refunds: [refund(1, 'r-1', '10000.00'), refund(2, 'r-2', '5000.00')] });
		expect(first).not.toBe(second);
		expect(second).toBe(secondReordered);
	});

	it('tells apart two refunds whose ids differ only beyond what JSON numbers keep', () => {
		const a = adjustmentOf({ refunds: [{ refund_chargeback_id: 202502070943231234, refund_key: 'a', created_at: 't1', refund_amount: '1.00' }] });
		const b = adjustmentOf({ refunds: [{ refund_chargeback_id: 202502070943231235, refund_key: 'b', created_at: 't2', refund_amount: '1.00' }] });
		expect(a).not.toBe(b);
	});

	it('takes the notification’s refunds only when Midtrans lists every one of them', () => {
		const listed = { refunds: [refund(1, 'r-1', '10000.00')] };
		expect(adjustmentOf({ refunds: [refund(1, 'r-1', '10000.00')] }, listed)).toBe(adjustmentOf(listed));
		expect(adjustmentOf({ refunds: [refund(1, 'r-1', '10000.00'), refund(9, 'made-up', '1.00')] }, listed)).toBe(adjustmentOf(listed));
	});

	it('falls back to the total refunded when there is no list', () => {
		expect(adjustmentOf({ refund_amount: '10000.00' })).toBe('amount:10000.00');
		expect(adjustmentOf({})).toBeUndefined();
	});
});
