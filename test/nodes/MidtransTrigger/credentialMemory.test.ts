import { REREAD_AFTER_MS, TRUSTED_FOR_MS } from '../../../nodes/shared/webhooks/credentialMemory';
import { credentialReadCount } from '../../harness/engine';
import { SANDBOX_CREDENTIALS } from '../../harness/midtrans';
import { notificationWith, signed, unconfirmingTrigger } from './fixtures';

const ROTATED_KEY = 'SB-Mid-server-Rotated_5a6b7c8d';
/** The bound the README states for a rotated key. */
const ROTATION_BOUND_MS = 5_000;

let orderCounter = 0;
const settlement = (serverKey?: string) => signed(notificationWith('settlement', { order_id: `order-key-${++orderCounter}` }), serverKey);
const forgery = () => settlement('SB-Mid-server-SomeoneElse_0000');

/** Date.now() as the trigger sees it, moved by the test instead of by waiting. */
function controlledClock() {
	const realNow = Date.now.bind(Date);
	let offset = 0;
	const spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
	return { advance: (ms: number) => (offset += ms), restore: () => spy.mockRestore() };
}

describe('the server key between notifications', () => {
	let clock: ReturnType<typeof controlledClock>;
	beforeEach(() => (clock = controlledClock()));
	afterEach(() => clock.restore());

	it(`states a bound of ${ROTATION_BOUND_MS / 1000} s that the memory keeps`, () => {
		expect(TRUSTED_FOR_MS).toBeLessThan(ROTATION_BOUND_MS);
	});

	it(`after the key is changed in the credential, a notification signed with the new key is accepted once the remembered key is ${REREAD_AFTER_MS / 1000} s old`, async () => {
		const trigger = unconfirmingTrigger({});
		expect((await trigger.deliver({ body: settlement() })).started).toBe(true);

		trigger.credentials = { ...SANDBOX_CREDENTIALS, serverApiKey: ROTATED_KEY };
		clock.advance(REREAD_AFTER_MS);
		const signedWithNewKey = await trigger.deliver({ body: settlement(ROTATED_KEY) });

		expect(signedWithNewKey.answer.statusCode).toBe(200);
		expect(signedWithNewKey.started).toBe(true);
	});

	it(`refuses the old key within ${ROTATION_BOUND_MS / 1000} s of the change, however much old-key traffic keeps coming`, async () => {
		const trigger = unconfirmingTrigger({});
		expect((await trigger.deliver({ body: settlement() })).started).toBe(true);
		trigger.credentials = { ...SANDBOX_CREDENTIALS, serverApiKey: ROTATED_KEY };

		// Old-key notifications every 100 ms: the memory must not stay warm with the old key.
		const answers: Array<{ at: number; code: number }> = [];
		for (let at = 0; at <= ROTATION_BOUND_MS; at += 100) {
			answers.push({ at, code: (await trigger.deliver({ body: settlement() })).answer.statusCode });
			clock.advance(100);
		}
		const lastAccepted = answers.filter(({ code }) => code === 200).pop();
		expect(lastAccepted?.at ?? 0).toBeLessThan(ROTATION_BOUND_MS);
		expect(answers.slice(-5).every(({ code }) => code === 403)).toBe(true);
	});

	it('a forged notification is refused once a key is remembered, and genuine ones still pass', async () => {
		const trigger = unconfirmingTrigger({});
		expect((await trigger.deliver({ body: settlement() })).started).toBe(true);
		const forged = await trigger.deliver({ body: forgery() });
		expect(forged.answer.statusCode).toBe(403);
		expect(forged.started).toBe(false);
		expect((await trigger.deliver({ body: settlement() })).started).toBe(true);
	});

	it('a flood of forgeries reads the credential about once a second, not once per forgery', async () => {
		const trigger = unconfirmingTrigger({});
		const before = credentialReadCount();
		const startedAt = Date.now();
		const forgeries = 1000;
		for (let index = 0; index < forgeries; index++) {
			expect((await trigger.deliver({ body: forgery() })).answer.statusCode).toBe(403);
			clock.advance(5);
		}
		// The trigger's clock: the time the flood took plus the 5 s the test moved it on.
		const floodMs = Date.now() - startedAt;
		const reads = credentialReadCount() - before;
		expect(reads).toBeGreaterThan(0);
		expect(reads).toBeLessThanOrEqual(Math.ceil(floodMs / REREAD_AFTER_MS) + 1);
		expect(reads).toBeLessThan(forgeries / 50);
	});

	it('concurrent notifications share one credential read', async () => {
		const trigger = unconfirmingTrigger({});
		const before = credentialReadCount();
		const deliveries = await Promise.all(Array.from({ length: 20 }, () => trigger.deliver({ body: settlement() })));
		expect(deliveries.every((delivery) => delivery.started)).toBe(true);
		expect(credentialReadCount() - before).toBe(1);
	});
});
