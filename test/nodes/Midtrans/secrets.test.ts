/**
 * The server key and the client key never reach what a user or a log sees: items, errors, their descriptions
 * and context. Midtrans, or a proxy in front of it, may echo a key back in any form it had on the wire.
 */
import { runMidtrans } from '../../harness/engine';
import { expectNoEchoIn, keyEchoes, serialized } from '../../harness/keyEchoes';
import { SANDBOX_HOST } from '../../harness/midtrans';
import { interceptMidtrans } from '../../harness/nock';
import { answerInTurn, type Reply } from '../../harness/nockReplies';
import { getStatus, indomaretCharge } from '../../harness/parameters';

// Keys with characters that change under base64 and URL encoding, so that every form differs from the raw key.
const SERVER_KEY = 'SB-Mid-server-Se/cr+et=Key 9f8e';
const CLIENT_KEY = 'SB-Mid-client-Cl/ie+nt=Key 7d6c';
const credentials = { environment: 'sandbox', serverApiKey: SERVER_KEY, clientKey: CLIENT_KEY };

const KEYS: Array<[string, string]> = [
	['server key', SERVER_KEY],
	['client key', CLIENT_KEY],
];
const ECHOES = keyEchoes(KEYS);

/** Neither key appears in the run in any form. */
const expectNoKeyIn = (run: unknown) => expectNoEchoIn(run, ECHOES);

describe('keys echoed back never reach the run', () => {
	interceptMidtrans();

	it.each(ECHOES)('an error answer echoing the %s', async (_name, echoed) => {
		answerInTurn(SANDBOX_HOST, 'GET', '/v2/order-1/status', [
			{
				status: 401,
				body: {
					status_code: '401',
					status_message: `Access denied for ${echoed}`,
					validation_messages: [`key ${echoed} unknown`],
					[echoed]: { authorization: `Basic ${echoed}` },
				},
			},
		]);
		const { error, run } = await runMidtrans(getStatus(), [{}], { credentials });
		expect(error?.message).toBe('Midtrans error 401: Access denied for ***');
		expectNoKeyIn(run);
	});

	it.each(ECHOES)('a successful answer echoing the %s', async (_name, echoed) => {
		answerInTurn(SANDBOX_HOST, 'GET', '/v2/order-1/status', [
			{ body: { status_code: '200', transaction_status: 'settlement', order_id: 'order-1', note: `seen ${echoed}`, [echoed]: [echoed] } },
		]);
		const { items, run } = await runMidtrans(getStatus(), [{}], { credentials });
		expect(items[0].json).toMatchObject({ status_code: '200', transaction_status: 'settlement', note: 'seen ***' });
		expectNoKeyIn(run);
	});

	it.each(ECHOES)('a proxy’s HTML page echoing the %s, to a charge whose outcome is then unknown', async (_name, echoed) => {
		const page: Reply = { body: `<html><body><p>Denied: ${echoed}</p></body></html>`, headers: { 'content-type': 'text/html' } };
		answerInTurn(SANDBOX_HOST, 'POST', '/v2/charge', [page]);
		const { error, run } = await runMidtrans(indomaretCharge(), [{}], { credentials });
		expect(error?.message).toMatch(/^The outcome is unknown/);
		// The error shows the page, with the key masked.
		expect(serialized(run)).toContain('<p>Denied: ***</p>');
		expectNoKeyIn(run);
	});

	it('a proxy’s HTML page showing the server key where the node cuts its excerpt of the page shows no part of the key', async () => {
		// The excerpt of an unreadable answer is its first 200 characters: the key starts 180 characters in.
		const page: Reply = { body: `${'<p>'.padEnd(180, '.')}${SERVER_KEY}</p>`, headers: { 'content-type': 'text/html' } };
		answerInTurn(SANDBOX_HOST, 'POST', '/v2/charge', [page]);
		const { error, run } = await runMidtrans(indomaretCharge(), [{}], { credentials });
		expect(error?.message).toMatch(/^The outcome is unknown/);
		// The first 20 characters hold the public prefix SB-Mid-server- and 6 of the secret.
		expect(serialized(run)).not.toContain(SERVER_KEY.slice(0, 20));
	});
});
