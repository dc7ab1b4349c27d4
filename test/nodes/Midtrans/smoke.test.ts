import nock from 'nock';

import { runMidtrans, SANDBOX_HOST, TEST_SERVER_KEY } from '../../harness/engine';

describe('smoke', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());

	it('gets a status through the engine with basic auth', async () => {
		const scope = nock(SANDBOX_HOST, {
			reqheaders: { authorization: `Basic ${Buffer.from(`${TEST_SERVER_KEY}:`).toString('base64')}` },
		})
			.get('/v2/order-1/status')
			.reply(200, { status_code: '200', transaction_status: 'settlement', order_id: 'order-1' });
		const { items, error } = await runMidtrans(
			{ resource: 'transaction', operation: 'getStatus', transactionId: 'order-1' },
		);
		expect(error).toBeUndefined();
		expect(items[0].json.transaction_status).toBe('settlement');
		scope.done();
	});
});
