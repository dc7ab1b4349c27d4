/**
 * The credential's Test button: only Midtrans's own answer for a made-up order (status_code "404") means
 * the key and the Base URL work. Everything else says what was reached instead.
 */
import nock from 'nock';

import { MidtransApi } from '../../credentials/MidtransApi.credentials';
import { testCredential } from '../harness/credentialTest';
import { basicAuthFor, customCredentials, SANDBOX_CREDENTIALS, TEST_SERVER_KEY } from '../harness/midtrans';
import { interceptMidtrans } from '../harness/nock';
import { startLoopback } from '../harness/loopback';

const credential = new MidtransApi();
const TEST_PATH = '/v2/n8n-credential-test/status';
const NOT_MIDTRANS = /^The Base URL answered, but not as Midtrans does/;
const CONNECTION_OK = { status: 'OK', message: 'Connection successful!' };

/** Midtrans's answer to a status request for an order it does not know. */
const unknownOrder = { status_code: '404', status_message: "Transaction doesn't exist." };

describe('Midtrans API credential test', () => {
	interceptMidtrans();

	it.each([404, 200])('passes when Midtrans answers its JSON status_code "404" for the made-up order with HTTP %i', async (httpStatus) => {
		const scope = nock('https://api.sandbox.midtrans.com', { reqheaders: { authorization: basicAuthFor() } })
			.get(TEST_PATH)
			.reply(httpStatus, unknownOrder);
		expect(await testCredential(credential, SANDBOX_CREDENTIALS)).toEqual(CONNECTION_OK);
		scope.done();
	});

	it('tests a custom base URL such as the local simulator, ignoring a trailing slash', async () => {
		const scope = nock('http://127.0.0.1:3900').get(TEST_PATH).reply(404, unknownOrder);
		expect(await testCredential(credential, customCredentials('http://127.0.0.1:3900/', TEST_SERVER_KEY))).toEqual(CONNECTION_OK);
		scope.done();
	});

	it('fails for a refused key at the production host, saying which prefix belongs to which environment', async () => {
		const scope = nock('https://api.midtrans.com')
			.get(TEST_PATH)
			.reply(401, { status_code: '401', status_message: 'Unknown Merchant server_key/id' });
		const result = await testCredential(credential, { ...SANDBOX_CREDENTIALS, environment: 'production' });
		scope.done();
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/rejected the server key \(401\).*sandbox keys start with SB-Mid-server-, production keys with Mid-server-/);
	});

	it.each([
		['an HTML 404 page (a web server, not Midtrans)', 404, '<html><body><h1>404 Not Found</h1></body></html>', 'text/html'],
		['JSON without a status_code (another service)', 200, '{"ok":true}', 'application/json'],
		['an empty answer', 200, '', 'text/plain'],
		['a proxy’s HTML 403 page', 403, '<html><body>Forbidden</body></html>', 'text/html'],
		['a gateway’s HTML 502 page', 502, '<html><body>Bad Gateway</body></html>', 'text/html'],
	])('fails for %s, saying the Base URL does not answer as Midtrans does', async (_what, httpStatus, body, contentType) => {
		nock('https://api.sandbox.midtrans.com').get(TEST_PATH).reply(httpStatus, body, { 'content-type': contentType });
		const result = await testCredential(credential, SANDBOX_CREDENTIALS);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(NOT_MIDTRANS);
	});

	it.each([
		['"403" (forbidden)', '403', 403, /forbade the request \(403\): check the Base URL and the account/],
		['"500" (failed)', '500', 500, /^Midtrans failed \(500\): try the test again later/],
		['"200" for the made-up order (not the Core API)', '200', 200, /answered 200 for a made-up order: the Base URL does not lead to Midtrans’s Core API/],
	])('fails when the answer is Midtrans JSON with status_code %s, saying what it means', async (_what, statusCode, httpStatus, message) => {
		nock('https://api.sandbox.midtrans.com').get(TEST_PATH).reply(httpStatus, { status_code: statusCode, status_message: 'Refused' });
		const result = await testCredential(credential, SANDBOX_CREDENTIALS);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
	});

	it('fails when nothing listens at the Base URL, saying the connection was refused', async () => {
		// A port that was just free: nothing listens there any more.
		const server = await startLoopback(() => ({ body: unknownOrder }));
		await server.close();
		nock.enableNetConnect('127.0.0.1');
		const result = await testCredential(credential, customCredentials(server.url, TEST_SERVER_KEY));
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});
});
