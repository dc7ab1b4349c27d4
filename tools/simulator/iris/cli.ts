/** `npm run midtrans -- payout …`: the Iris side of a running simulator, through its control API (/_simulator/iris). */
import type { NotificationDelivery } from '../types';
import type { PayoutChange, PayoutDetails } from './index';

export const PAYOUT_USAGE = `  payout list                    Iris payouts, newest last
  payout show <reference_no>     one payout as JSON
  payout process <reference_no>  the bank takes an approved payout (→ processed)
  payout complete <reference_no> the money arrives (→ completed)
  payout fail <reference_no> [--code 002]
                                 it did not go through, or the bank returned it (→ failed with an Iris error code)
  payout topup --amount N        add N rupiah to the balance (sends a top-up notification)
  payout notification-url <URL|none>
                                 change the Iris notification URL of the running simulator
  payout otp <OTP|none>          require this OTP to approve payouts, or none`;

type Control = (method: string, path: string, body?: unknown) => Promise<unknown>;

function describeDelivery(delivery: NotificationDelivery): string {
	const last = delivery.attempts[delivery.attempts.length - 1];
	const outcome = last?.httpStatus !== undefined ? `HTTP ${last.httpStatus}` : (last?.error ?? 'not sent yet');
	return `notification ${delivery.transaction_status} → ${delivery.url}: ${outcome} (${delivery.state})`;
}

function describeChange({ payout, notifications }: { payout?: PayoutDetails; notifications: NotificationDelivery[] }, first: string): string {
	const lines = [payout ? `${payout.reference_no}: ${payout.status} (IDR ${payout.amount})` : first];
	if (!notifications.length) lines.push('  no Iris notification URL: set one with payout notification-url or serve --iris-notification-url');
	for (const delivery of notifications) lines.push(`  ${describeDelivery(delivery)}`);
	return lines.join('\n');
}

function payoutTable(payouts: PayoutDetails[]): string {
	if (!payouts.length) return 'No payouts yet.';
	const header = ['reference_no', 'status', 'amount', 'beneficiary', 'bank'];
	const rows = payouts.map((payout) => [payout.reference_no, payout.status, payout.amount, String(payout.beneficiary_name), String(payout.bank)]);
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	return [header, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

/** Runs `payout <subcommand> [argument]`; throws a usage error (via `usage`) for anything else. */
export async function runPayoutCommand(
	[subcommand, argument]: Array<string | undefined>,
	{ code, amount }: { code?: string; amount?: number },
	control: Control,
	show: (answer: unknown, text: () => string) => void,
	usage: (message: string) => Error,
): Promise<void> {
	const required = (what: string) => {
		if (!argument) throw usage(`missing ${what}`);
		return argument;
	};
	switch (subcommand) {
		case 'list': {
			const payouts = (await control('GET', '/iris/payouts')) as PayoutDetails[];
			return show(payouts, () => payoutTable(payouts));
		}
		case 'show': {
			const payout = await control('GET', `/iris/payouts/${encodeURIComponent(required('reference_no'))}`);
			return show(payout, () => JSON.stringify(payout, null, 2));
		}
		case 'process':
		case 'complete':
		case 'fail': {
			const reference = encodeURIComponent(required('reference_no'));
			const change = (await control('POST', `/iris/payouts/${reference}/${subcommand}`, { errorCode: code })) as PayoutChange;
			return show(change, () => describeChange(change, ''));
		}
		case 'topup': {
			if (amount === undefined) throw usage('missing --amount');
			const answer = (await control('POST', '/iris/topup', { amount })) as { balance: string; notifications: NotificationDelivery[] };
			return show(answer, () => describeChange({ notifications: answer.notifications }, `balance: IDR ${answer.balance}`));
		}
		case 'notification-url': {
			const url = required('URL (or none)');
			const settings = await control('PUT', '/iris/settings', { notificationUrl: url === 'none' ? null : url });
			return show(settings, () => `Iris notification URL: ${url}`);
		}
		case 'otp': {
			const otp = required('OTP (or none)');
			const settings = await control('PUT', '/iris/settings', { otp: otp === 'none' ? null : otp });
			return show(settings, () => (otp === 'none' ? 'Approvals need no OTP.' : `Approvals need the OTP ${otp}.`));
		}
		default:
			throw usage(subcommand ? `unknown payout subcommand "${subcommand}"` : 'missing payout subcommand');
	}
}
