import { MidtransTrigger } from '../../../nodes/MidtransTrigger/MidtransTrigger.node';
import { SANDBOX_CREDENTIALS } from '../../harness/engine';
import { WebhookTrigger, type WebhookTriggerOptions } from '../../harness/webhook';
import { notificationWith, signed, TRIGGER_TYPE } from './fixtures';

const ROTATED_KEY = 'SB-Mid-server-Rotated_5a6b7c8d';

/** A trigger whose credential the test can change between notifications, as a user editing it in n8n. */
function triggerWithEditableCredential() {
	const options: WebhookTriggerOptions = {
		typeName: TRIGGER_TYPE,
		nodeType: new MidtransTrigger(),
		parameters: {},
		credentials: { ...SANDBOX_CREDENTIALS },
	};
	return { trigger: new WebhookTrigger(options), options };
}

let orderCounter = 0;
const settlement = (serverKey?: string) =>
	signed(notificationWith('settlement', { order_id: `order-key-${++orderCounter}` }), serverKey);

describe('the server key between notifications (read once, then remembered)', () => {
	it('a key changed in the credential applies from the next notification on, and the old one stops working', async () => {
		const { trigger, options } = triggerWithEditableCredential();
		expect((await trigger.deliver({ body: settlement() })).started).toBe(true);

		options.credentials = { ...SANDBOX_CREDENTIALS, serverKey: ROTATED_KEY };
		const signedWithNewKey = await trigger.deliver({ body: settlement(ROTATED_KEY) });
		expect(signedWithNewKey.answer.statusCode).toBe(200);
		expect(signedWithNewKey.started).toBe(true);

		const signedWithOldKey = await trigger.deliver({ body: settlement() });
		expect(signedWithOldKey.answer.statusCode).toBe(403);
		expect(signedWithOldKey.started).toBe(false);
	});

	it('a forged notification is refused as before once a key is remembered, and genuine ones still pass', async () => {
		const { trigger } = triggerWithEditableCredential();
		expect((await trigger.deliver({ body: settlement() })).started).toBe(true);
		const forged = await trigger.deliver({ body: settlement('SB-Mid-server-SomeoneElse_0000') });
		expect(forged.answer.statusCode).toBe(403);
		expect(forged.started).toBe(false);
		expect((await trigger.deliver({ body: settlement() })).started).toBe(true);
	});
});
