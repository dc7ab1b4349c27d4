/**
 * GoPay account linking (tokenization) as Midtrans's Core API offers it (docs.midtrans.com/reference/
 * create-pay-account, get-pay-account, unbind-pay-account, gopay-tokenization), simulated: accounts that wait for
 * the customer's activation, their GoPay wallets to charge, and the notifications Midtrans sends to the
 * dashboard's Pay Account Notification URL when an account is linked or unlinked.
 */
import { createHash, randomUUID } from 'crypto';

import { SimulatorError } from './errors';
import type { Notifier } from './notifier';
import { escapeHtml, page, summary } from './pages';
import { type GoPayWallets, type JsonObject, objectAt } from './paymentTypes';
import { html, json, type Route, type SimulatorProduct } from './server';
import type { NotificationDelivery } from './types';

export type AccountStatus = 'PENDING' | 'ENABLED' | 'DISABLED' | 'EXPIRED';

/** get-pay-account: the body status_code of each account_status (HTTP is 200 for all). */
const STATUS_CODES: Record<AccountStatus, string> = { PENDING: '201', ENABLED: '200', DISABLED: '204', EXPIRED: '204' };

/** create-pay-account: sandbox phone numbers GoPay does not know ("User Not Found"). */
const UNKNOWN_SANDBOX_PHONES = new Set(['123450001']);

/** The wallets a linked account shows, as the docs' sample: the GoPay balance and PayLater. */
const PAYMENT_OPTIONS = [
	{ name: 'GOPAY_WALLET', balance: 1_000_000 },
	{ name: 'PAY_LATER', balance: 350_000 },
] as const;

interface PaymentOption {
	name: string;
	token: string;
	balance: number;
}

interface AccountRecord {
	id: string;
	status: AccountStatus;
	phoneNumber: string;
	countryCode: string;
	redirectUrl?: string;
	options: PaymentOption[];
}

export interface AccountChange {
	account: JsonObject;
	notifications: NotificationDelivery[];
}

export interface PayAccountSettings {
	notifier: Notifier;
	merchantId: string;
	serverKey: string;
	baseUrl: () => string;
	payAccountNotificationUrl: () => string | undefined;
}

/**
 * The notification's signature_key. Midtrans's docs show the field but never its formula; the simulator signs
 * hex SHA-512 of account_id + status_code + server key, which a receiver must not rely on (confirm with
 * GET /v2/pay/account/{id} instead, as the docs advise).
 */
export function payAccountSignature(accountId: string, statusCode: string, serverKey: string): string {
	return createHash('sha512').update(`${accountId}${statusCode}${serverKey}`).digest('hex');
}

/** A payment option token shaped like the docs' sample: base64 of {"type": …, "id": …}. */
function optionToken(name: string): string {
	return Buffer.from(JSON.stringify({ type: name, id: randomUUID() })).toString('base64');
}

export class PayAccounts implements SimulatorProduct, GoPayWallets {
	private accounts: AccountRecord[] = [];

	constructor(private readonly settings: PayAccountSettings) {}

	/** POST /v2/pay/account: a PENDING account and the activation links to send the customer. */
	link(rawBody: unknown): JsonObject {
		const body = (rawBody && typeof rawBody === 'object' && !Array.isArray(rawBody) ? rawBody : {}) as JsonObject;
		const partner = objectAt(body, 'gopay_partner');
		const problems: string[] = [];
		if (body.payment_type !== 'gopay') problems.push('payment_type must be gopay');
		if (body.gopay_partner === undefined) problems.push('gopay_partner is required');
		if (!/^\d{5,15}$/.test(String(partner.phone_number ?? '')))
			problems.push('gopay_partner.phone_number must be digits, without the country code');
		if (!/^\d{1,4}$/.test(String(partner.country_code ?? '')))
			problems.push('gopay_partner.country_code must be digits, e.g. 62');
		if (partner.redirect_url !== undefined && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(String(partner.redirect_url))) {
			problems.push('gopay_partner.redirect_url must be a URL or an app deeplink');
		}
		if (problems.length) throw new SimulatorError('400', undefined, problems);
		if (UNKNOWN_SANDBOX_PHONES.has(String(partner.phone_number))) {
			// A refusal in GoPay's words, inside HTTP 200 (docs' failure sample).
			return {
				status_code: '202',
				payment_type: 'gopay',
				channel_response_code: '105',
				channel_response_message: 'User Not Found',
			};
		}
		const record: AccountRecord = {
			id: randomUUID(),
			status: 'PENDING',
			phoneNumber: String(partner.phone_number),
			countryCode: String(partner.country_code),
			redirectUrl: partner.redirect_url === undefined ? undefined : String(partner.redirect_url),
			options: PAYMENT_OPTIONS.map(({ name, balance }) => ({ name, balance, token: optionToken(name) })),
		};
		this.accounts.push(record);
		const base = this.settings.baseUrl();
		return {
			...this.present(record),
			actions: [
				{ name: 'activation-link-url', method: 'GET', url: `${base}/v2/gopay/redirect/gpar_${record.id}/link` },
				{ name: 'activation-link-app', method: 'GET', url: `${base}/v2/gopay/redirect/gpad_${record.id}/link` },
			],
		};
	}

	/** GET /v2/pay/account/{id}. */
	view(id: string): JsonObject {
		return this.present(this.require(id));
	}

	list(): JsonObject[] {
		return this.accounts.map((record) => this.present(record));
	}

	/** The customer confirms in the Gojek app (PIN or OTP): PENDING → ENABLED, notified. */
	async activate(id: string): Promise<AccountChange> {
		const record = this.require(id);
		if (record.status !== 'PENDING')
			throw new SimulatorError('412', `Account status cannot be updated: it is ${record.status}`);
		record.status = 'ENABLED';
		return { account: this.present(record), notifications: await this.notify(record) };
	}

	/** POST /v2/pay/account/{id}/unbind by the merchant, or the customer unlinking in the Gojek app: ENABLED → DISABLED, notified. */
	async unbind(id: string): Promise<AccountChange> {
		const record = this.require(id);
		if (record.status !== 'ENABLED') throw new SimulatorError('412', 'Account status cannot be updated.');
		record.status = 'DISABLED';
		return { account: this.present(record), notifications: await this.notify(record) };
	}

	charge(accountId: string, paymentOptionToken: string, amount: number): { paid: boolean; optionName: string } {
		const record = this.accounts.find((candidate) => candidate.id === accountId);
		if (!record || record.status !== 'ENABLED') {
			throw new SimulatorError('400', undefined, ['gopay.account_id is not an ENABLED linked account']);
		}
		const option = record.options.find((candidate) => candidate.token === paymentOptionToken);
		if (!option)
			throw new SimulatorError('400', undefined, [
				'gopay.payment_option_token is not one of the account’s payment options',
			]);
		if (option.balance < amount) return { paid: false, optionName: option.name };
		option.balance -= amount;
		return { paid: true, optionName: option.name };
	}

	reset(): void {
		this.accounts = [];
	}

	routes(): Route[] {
		return [
			// docs.midtrans.com/reference/api-headers: Idempotency-Key is taken on every POST but /token and /account.
			{
				method: 'POST',
				pattern: /^\/v2\/pay\/account$/,
				area: 'core',
				idempotencyMs: 0,
				handle: ({ body }) => json(200, this.link(body)),
			},
			{
				method: 'GET',
				pattern: /^\/v2\/pay\/account\/([^/]+)$/,
				area: 'core',
				handle: ({ params }) => json(200, this.view(params[0])),
			},
			{
				method: 'POST',
				pattern: /^\/v2\/pay\/account\/([^/]+)\/unbind$/,
				area: 'core',
				idempotencyMs: 0,
				handle: async ({ params }) => {
					const { account } = await this.unbind(params[0]);
					return json(200, {
						...account,
						channel_response_code: '0',
						channel_response_message: 'Process service request successfully.',
					});
				},
			},
			// The activation page the links open: the Gojek app's "Link GoPay" screen.
			{
				method: '*',
				pattern: /^\/v2\/gopay\/redirect\/gpa[rd]_([^/]+)\/link$/,
				area: 'page',
				handle: async ({ method, params }) => {
					const record = this.require(params[0]);
					if (method !== 'POST') return html(this.page(record));
					const { account } = await this.activate(record.id);
					return html(this.page(record, `Linked: the account is ${String(account.account_status)}.`));
				},
			},
			{ method: 'GET', pattern: /^\/_simulator\/accounts$/, area: 'control', handle: () => json(200, this.list()) },
			{
				method: 'POST',
				pattern: /^\/_simulator\/accounts\/([^/]+)\/(activate|unbind)$/,
				area: 'control',
				handle: async ({ params: [id, action] }) => json(200, await this[action as 'activate' | 'unbind'](id)),
			},
		];
	}

	private require(id: string): AccountRecord {
		const record = this.accounts.find((candidate) => candidate.id === id);
		if (!record) throw new SimulatorError('404', 'Account not found');
		return record;
	}

	/** As GET answers: payment options (with tokens and balances) only once ENABLED. */
	private present(record: AccountRecord): JsonObject {
		return {
			status_code: STATUS_CODES[record.status],
			payment_type: 'gopay',
			account_id: record.id,
			account_status: record.status,
			...(record.status === 'ENABLED'
				? {
						metadata: {
							payment_options: record.options.map((option) => ({
								name: option.name,
								active: true,
								balance: { value: `${option.balance}.00`, currency: 'IDR' },
								metadata: {},
								token: option.token,
							})),
						},
					}
				: {}),
		};
	}

	/** The docs' linked / unlinked notification, to the Pay Account Notification URL. */
	private async notify(record: AccountRecord): Promise<NotificationDelivery[]> {
		const url = this.settings.payAccountNotificationUrl();
		if (!url) return [];
		const statusCode = STATUS_CODES[record.status];
		const body = {
			account_id: record.id,
			merchant_id: this.settings.merchantId,
			payment_type: 'gopay',
			signature_key: payAccountSignature(record.id, statusCode, this.settings.serverKey),
			status_code: statusCode,
			account_status: record.status,
			status_message:
				record.status === 'ENABLED' ? 'Midtrans account_linked notification' : 'Midtrans account_unlinked notification',
		};
		return await this.settings.notifier.send([url], body, {
			kind: 'pay_account',
			subject: record.id,
			event: record.status,
			chainKey: `account:${record.id}`,
		});
	}

	private page(record: AccountRecord, note?: string): string {
		const form =
			record.status === 'PENDING' ? '<form method="post"><button type="submit">Link GoPay</button></form>' : '';
		return page(
			'Link GoPay',
			`${note ? `<p>${escapeHtml(note)}</p>` : ''}${summary({ Phone: `+${record.countryCode} ${record.phoneNumber}`, Status: record.status, 'Back to': record.redirectUrl })}${form}`,
		);
	}
}
