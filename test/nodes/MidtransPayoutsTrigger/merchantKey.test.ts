/**
 * The Merchant Key between notifications: the trigger remembers its credential briefly (every read is a database
 * read and a decryption in n8n), but a key changed in the credential takes over within the bound the README
 * states, and a flood of forgeries cannot make it read the credential for each one.
 */
import { REREAD_AFTER_MS, TRUSTED_FOR_MS } from '../../../nodes/shared/webhooks/credentialMemory';
import { credentialReadCount } from '../../harness/engine';
import { IRIS_CREDENTIALS, payoutsTrigger } from '../../harness/payouts';
import { payoutNotification } from './fixtures';

const ROTATED_KEY = 'IRIS-merchant-Rotated_5a6b7c8d';
/** The bound the README states for a rotated key. */
const ROTATION_BOUND_MS = 5_000;

const signedWith = (merchantKey?: string) => payoutNotification({ status: 'completed' }, merchantKey);

/** Date.now() as the trigger sees it, moved by the test instead of by waiting. */
function controlledClock() {
	const realNow = Date.now.bind(Date);
	let offset = 0;
	const spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
	return { advance: (ms: number) => (offset += ms), restore: () => spy.mockRestore() };
}

describe('the Merchant Key between notifications', () => {
	let clock: ReturnType<typeof controlledClock>;
	beforeEach(() => (clock = controlledClock()));
	afterEach(() => clock.restore());

	const unconfirming = () => payoutsTrigger({ confirmWithIris: false });

	it(`accepts a notification signed with a new key once the remembered one is ${REREAD_AFTER_MS / 1000} s old`, async () => {
		const trigger = unconfirming();
		expect((await trigger.deliver(signedWith())).started).toBe(true);
		trigger.credentials = { ...IRIS_CREDENTIALS, merchantSecretKey: ROTATED_KEY };
		clock.advance(REREAD_AFTER_MS);
		const delivery = await trigger.deliver(signedWith(ROTATED_KEY));
		expect(delivery.answer.statusCode).toBe(200);
		expect(delivery.started).toBe(true);
	});

	it(`refuses the old key within ${ROTATION_BOUND_MS / 1000} s of the change, however much old-key traffic keeps coming`, async () => {
		expect(TRUSTED_FOR_MS).toBeLessThan(ROTATION_BOUND_MS);
		const trigger = unconfirming();
		expect((await trigger.deliver(signedWith())).started).toBe(true);
		trigger.credentials = { ...IRIS_CREDENTIALS, merchantSecretKey: ROTATED_KEY };
		const answers: Array<{ at: number; code: number }> = [];
		for (let at = 0; at <= ROTATION_BOUND_MS; at += 100) {
			answers.push({ at, code: (await trigger.deliver(signedWith())).answer.statusCode });
			clock.advance(100);
		}
		const lastAccepted = answers.filter(({ code }) => code === 200).pop();
		expect(lastAccepted?.at ?? 0).toBeLessThan(ROTATION_BOUND_MS);
		expect(answers.slice(-5).every(({ code }) => code === 403)).toBe(true);
	});

	it('a flood of forgeries reads the credential about once a second, not once per forgery', async () => {
		const trigger = unconfirming();
		const before = credentialReadCount();
		const forgeries = 300;
		const spacingMs = 20;
		for (let index = 0; index < forgeries; index++) {
			expect((await trigger.deliver(signedWith('IRIS-merchant-Forger_000'))).answer.statusCode).toBe(403);
			clock.advance(spacingMs);
		}
		const reads = credentialReadCount() - before;
		expect(reads).toBeGreaterThan(0);
		// Real time passes too while the flood runs: allow for it.
		expect(reads).toBeLessThanOrEqual(Math.ceil((forgeries * spacingMs) / REREAD_AFTER_MS) + 3);
	});

	it('concurrent notifications share one credential read', async () => {
		const trigger = unconfirming();
		const before = credentialReadCount();
		const deliveries = await Promise.all(Array.from({ length: 20 }, () => trigger.deliver(signedWith())));
		expect(deliveries.every((delivery) => delivery.started)).toBe(true);
		expect(credentialReadCount() - before).toBe(1);
	});
});
