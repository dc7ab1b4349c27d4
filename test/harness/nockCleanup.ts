/**
 * nock patches Node's http module, which every test file in one jest process shares (`npm test` runs in
 * band). A file that loaded nock must remove the patch, or the files after it inherit its disabled network.
 * Loaded lazily, so files that never use nock (the simulator's real-HTTP tests) are not intercepted.
 */
afterAll(async () => {
	const { default: nock } = await import('nock');
	nock.cleanAll();
	nock.enableNetConnect();
	nock.restore();
});
