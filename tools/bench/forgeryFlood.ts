/**
 * What a flood of forged notifications costs the Midtrans Trigger: each is refused, and the credential (a
 * database read and a decryption in n8n) is read about once a second rather than once per forgery. Run in
 * process through n8n-core's WebhookContext, with the harness counting credential reads.
 */
import { credentialReadCount } from '../../test/harness/engine';
import { notificationWith, signed, unconfirmingTrigger } from '../../test/nodes/MidtransTrigger/fixtures';

export interface ForgeryFloodResult {
	forgeries: number;
	refused: number;
	elapsedMs: number;
	credentialReads: number;
}

export async function measureForgeryFlood(forgeries: number): Promise<ForgeryFloodResult> {
	const trigger = unconfirmingTrigger({});
	const readsBefore = credentialReadCount();
	const started = performance.now();
	let refused = 0;
	for (let index = 0; index < forgeries; index++) {
		const forged = signed(notificationWith('settlement', { order_id: `order-forged-${index}` }), 'SB-Mid-server-NotTheKey');
		if ((await trigger.deliver({ body: forged })).answer.statusCode === 403) refused++;
	}
	return {
		forgeries,
		refused,
		elapsedMs: performance.now() - started,
		credentialReads: credentialReadCount() - readsBefore,
	};
}

/** The figures as lines, with the baseline beside them: one credential read per request, as before. */
export function describeForgeryFlood(result: ForgeryFloodResult): string[] {
	const seconds = result.elapsedMs / 1000;
	return [
		`forged notifications: ${result.forgeries} in ${seconds.toFixed(1)} s (${(result.forgeries / seconds).toFixed(0)} per second), ${result.refused} refused with 403`,
		`credential reads: ${result.credentialReads} (${(result.credentialReads / seconds).toFixed(2)} per second; ${(result.credentialReads / result.forgeries).toFixed(4)} × the baseline of one read per request)`,
	];
}
