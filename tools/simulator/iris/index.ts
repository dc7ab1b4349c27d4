/**
 * The simulator's Iris (Midtrans Payouts): its API under /iris/api/v1 with the creator's and the approver's
 * keys, a balance that payouts draw down, approval with an optional OTP, payouts that the bank (the control
 * API, the CLI) moves on to processed, completed or failed, and notifications signed in Iris-Signature to the
 * Iris notification URL.
 */
import { createHash } from 'crypto';
import type { IncomingHttpHeaders } from 'http';

import type { Notifier } from '../notifier';
import type { SimulatorError } from '../errors';
import type { Answer, Call, Route, SimulatorProduct } from '../server';

/** One of Iris's routes before it joins the simulator's: its API ('api') or the control API beside the simulator's own. */
interface IrisRoute {
	method: string;
	pattern: RegExp;
	kind: 'api' | 'control';
	handle(call: Call): Answer | Promise<Answer>;
}

/** Iris's words for a refusal the server makes itself (an injected fault, an unreadable body). */
function irisRefusal(error: SimulatorError): Answer {
	const status = Number(error.statusCode);
	return json(status >= 400 && status < 600 ? status : 400, { error_message: error.statusMessage, errors: [error.statusMessage] });
}
import type { NotificationDelivery } from '../types';
import {
	accessDenied,
	BENEFICIARY_BANKS,
	IDEMPOTENCY_CONFLICT,
	IDEMPOTENCY_KEY_MAX_LENGTH,
	IDEMPOTENCY_MEMORY_MS,
	invalid,
	IrisError,
	notAuthorized,
	notFound,
	PAYOUT_STATUSES,
	type PayoutStatus,
	TOP_UP_CHANNELS,
} from './irisRules';
import { money, type Payout, PayoutLedger } from './payoutLedger';

export { SANDBOX_OTP } from './irisRules';
export type { Payout } from './payoutLedger';

export const DEFAULT_IRIS_CREATOR_KEY = 'iris-creator-simulator';
export const DEFAULT_IRIS_APPROVER_KEY = 'iris-approver-simulator';
export const DEFAULT_IRIS_MERCHANT_KEY = 'IRIS-merchant-simulator';
/** The aggregator balance a simulator starts with: IDR 100,000,000. */
export const DEFAULT_IRIS_BALANCE = 100_000_000;
export const IRIS_API_PREFIX = '/iris/api/v1';

export interface IrisSimulatorOptions {
	creatorKey?: string;
	approverKey?: string;
	merchantKey?: string;
	/** The Iris dashboard's notification URL; payout and top-up notifications go nowhere without one. */
	notificationUrl?: string;
	/** The OTP approvals must carry; none asked for when absent (Iris asks "based on config"). */
	otp?: string;
	/** The starting balance in whole rupiah. */
	balance?: number;
}

/** A payout as Iris's payout details show it. */
export type PayoutDetails = Record<string, unknown> & { reference_no: string; status: PayoutStatus; amount: string };

/** What a change did: the payout afterwards, and where its notification went. */
export interface PayoutChange {
	payout: PayoutDetails;
	notifications: NotificationDelivery[];
}

export interface IrisSimulator {
	product: SimulatorProduct;
	creatorKey: string;
	approverKey: string;
	merchantKey: string;
	payouts(): PayoutDetails[];
	payout(referenceNo: string): PayoutDetails | undefined;
	/** The bank takes an approved payout: approved → processed. */
	process(referenceNo: string): Promise<PayoutChange>;
	/** The money arrives: approved or processed → completed. */
	complete(referenceNo: string): Promise<PayoutChange>;
	/** It did not go through, or the bank returned it: → failed with an Iris error code (default 004). */
	fail(referenceNo: string, errorCode?: string): Promise<PayoutChange>;
	/** Money added to the balance, with its top-up notification. */
	topUp(amount: number): Promise<NotificationDelivery[]>;
	balance(): number;
	notificationUrl(): string | undefined;
	setNotificationUrl(url: string | undefined): void;
	/** The OTP approvals must carry from now on, or undefined for none. */
	setOtp(otp: string | undefined): void;
}

/** Iris's payout details: money as "200000.00", the bank by its name. */
function detailsOf(payout: Payout): PayoutDetails {
	const { amount, beneficiary_bank, ...rest } = payout;
	const bank = BENEFICIARY_BANKS.find((entry) => entry.code === beneficiary_bank);
	return { ...rest, amount: money(amount), bank: bank ? `${bank.name} ( ${bank.code.toUpperCase()} )` : beneficiary_bank };
}

/** The notification-payload page's fields, and error_code / error_message when failed. */
function notificationOf(payout: Payout): Record<string, unknown> {
	return {
		reference_no: payout.reference_no,
		amount: money(payout.amount),
		status: payout.status,
		updated_at: payout.updated_at,
		...(payout.status === 'failed' ? { error_code: payout.error_code, error_message: payout.error_message } : {}),
	};
}

/** hex(SHA-512(payload + merchant key)), over the payload exactly as it is POSTed. */
export function irisSignature(payload: string, merchantKey: string): string {
	return createHash('sha512').update(payload + merchantKey).digest('hex');
}

function apiKeyOf(headers: IncomingHttpHeaders): string | undefined {
	const match = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon === -1 ? decoded : decoded.slice(0, colon);
}

const json = (status: number, body: unknown): Answer => ({ status, body });

function answerFor(error: IrisError): Answer {
	if (typeof error.body === 'string') return { status: error.status, text: { contentType: 'text/plain; charset=utf-8', content: error.body } };
	return json(error.status, error.body);
}

interface RememberedAnswer {
	request: string;
	answer: Answer;
	until: number;
}

type Role = 'creator' | 'approver';

export function createIrisSimulator(
	options: IrisSimulatorOptions,
	{ notifier, log }: { notifier: Notifier; log: (line: string) => void },
): IrisSimulator {
	const creatorKey = options.creatorKey ?? DEFAULT_IRIS_CREATOR_KEY;
	const approverKey = options.approverKey ?? DEFAULT_IRIS_APPROVER_KEY;
	const merchantKey = options.merchantKey ?? DEFAULT_IRIS_MERCHANT_KEY;
	let notificationUrl = options.notificationUrl;
	let otp = options.otp || undefined;
	const remembered = new Map<string, RememberedAnswer>();
	/** While a change runs: the notifications it sends, so that its caller can wait for their first attempts. */
	let collecting: Array<Promise<NotificationDelivery[]>> | undefined;

	const notify = (body: Record<string, unknown>, chainKey: string) => {
		if (!notificationUrl) return;
		const payload = JSON.stringify(body);
		const sent = notifier.send([notificationUrl], body, {
			chainKey,
			kind: 'iris',
			payload,
			headers: { 'Iris-Signature': irisSignature(payload, merchantKey) },
		});
		collecting?.push(sent);
	};
	const ledger = new PayoutLedger(
		options.balance ?? DEFAULT_IRIS_BALANCE,
		(payout) => notify(notificationOf(payout), `iris:${payout.reference_no}`),
		(topUp) => notify({ ...topUp, status: 'topup' }, `iris:${topUp.transaction_id}`),
	);

	/** Runs a change and waits for the first attempt of each notification it sent. */
	async function withNotifications<T>(change: () => T): Promise<{ result: T; notifications: NotificationDelivery[] }> {
		const sent: Array<Promise<NotificationDelivery[]>> = [];
		collecting = sent;
		let result: T;
		try {
			result = change();
		} finally {
			collecting = undefined;
		}
		return { result, notifications: (await Promise.all(sent)).flat() };
	}

	function roleOf(call: Call): Role {
		const key = apiKeyOf(call.headers);
		if (key && key === creatorKey) return 'creator';
		if (key && key === approverKey) return 'approver';
		throw accessDenied();
	}

	/** An API route: the key's role must be among `roles`; Iris's refusals become its answers. */
	const api = (
		method: string,
		path: string,
		roles: Role[],
		handle: (call: Call, role: Role, params: string[]) => Answer | Promise<Answer>,
	): IrisRoute => ({
		method,
		pattern: new RegExp(`^${IRIS_API_PREFIX.replace(/\//g, '\\/')}${path}$`),
		kind: 'api',
		handle: async (call) => {
			try {
				const role = roleOf(call);
				if (!roles.includes(role)) throw notAuthorized();
				return await handle(call, role, call.params);
			} catch (error) {
				if (error instanceof IrisError) return answerFor(error);
				throw error;
			}
		},
	});

	/** X-Idempotency-Key: the same identical request answers the same, a different one 409; kept 24 hours. */
	async function idempotent(call: Call, handle: () => Promise<Answer> | Answer): Promise<Answer> {
		const header = call.headers['x-idempotency-key'];
		const key = Array.isArray(header) ? header[0] : header;
		if (!key) return await handle();
		if (key.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
			throw invalid('reading the request', [`X-Idempotency-Key is too long (maximum is ${IDEMPOTENCY_KEY_MAX_LENGTH} characters)`]);
		}
		const request = `${call.method} ${call.path} ${JSON.stringify(call.body)}`;
		const earlier = remembered.get(key);
		if (earlier && earlier.until > Date.now()) {
			if (earlier.request !== request) return json(409, IDEMPOTENCY_CONFLICT);
			log(`iris: X-Idempotency-Key ${key} repeated: the first answer again, nothing done`);
			return earlier.answer;
		}
		const answer = await handle();
		if (answer.status < 400) remembered.set(key, { request, answer, until: Date.now() + IDEMPOTENCY_MEMORY_MS });
		return answer;
	}

	const bodyOf = (call: Call) => (call.body && typeof call.body === 'object' ? (call.body as Record<string, unknown>) : {});

	const routes: IrisRoute[] = [
		{
			method: 'GET',
			pattern: new RegExp(`^${IRIS_API_PREFIX.replace(/\//g, '\\/')}\\/ping$`),
			kind: 'api',
			handle: () => ({ status: 200, text: { contentType: 'text/plain; charset=utf-8', content: 'pong' } }),
		},
		api('POST', '/beneficiaries', ['creator'], (call) => {
			ledger.createBeneficiary(bodyOf(call));
			return json(201, { status: 'created' });
		}),
		api('PATCH', '/beneficiaries/([^/]+)', ['creator'], (call, _role, [alias]) => {
			ledger.updateBeneficiary(alias, bodyOf(call));
			return json(200, { status: 'updated' });
		}),
		api('GET', '/beneficiaries', ['creator', 'approver'], () => json(200, ledger.listBeneficiaries())),
		api('POST', '/payouts', ['creator'], async (call) =>
			await idempotent(call, async () => {
				const created = ledger.createPayouts(bodyOf(call), 'Creator (simulator)');
				return json(201, { payouts: created.map(({ status, reference_no }) => ({ status, reference_no })) });
			}),
		),
		api('POST', '/payouts/approve', ['approver'], (call) => {
			const body = bodyOf(call);
			if (otp !== undefined && String(body.otp ?? '') !== otp) {
				throw invalid('approving payouts', [body.otp ? 'OTP is invalid' : 'OTP is required']);
			}
			// Answered at once; the notifications follow on their own, as Iris sends them.
			ledger.approve(body.reference_nos);
			return json(200, { status: 'ok' });
		}),
		api('POST', '/payouts/reject', ['approver'], (call) => {
			const body = bodyOf(call);
			ledger.reject(body.reference_nos, body.reject_reason);
			return json(200, { status: 'ok' });
		}),
		api('GET', '/payouts/([^/]+)', ['creator', 'approver'], (_call, _role, [reference]) => {
			const payout = ledger.payout(reference);
			if (!payout) throw notFound('Payout');
			return json(200, detailsOf(payout));
		}),
		api('GET', '/balance', ['creator', 'approver'], () => json(200, { balance: money(ledger.balance) })),
		api('GET', '/channels', ['creator', 'approver'], () => json(200, TOP_UP_CHANNELS)),
		api('GET', '/beneficiary_banks', ['creator', 'approver'], () => json(200, { beneficiary_banks: BENEFICIARY_BANKS })),
		api('GET', '/account_validation', ['creator', 'approver'], (call) =>
			json(200, ledger.validateAccount(call.query.get('bank') ?? '', call.query.get('account') ?? '')),
		),
		api('GET', '/statements', ['creator', 'approver'], (call) => {
			// The docs' sample sends the dates as a JSON body of the GET, the Java SDK as query parameters: both are read.
			const body = bodyOf(call);
			const from = call.query.get('from_date') ?? String(body.from_date ?? '');
			const to = call.query.get('to_date') ?? String(body.to_date ?? '');
			const date = /^\d{4}-\d{2}-\d{2}$/;
			const problems = [
				...(date.test(from) ? [] : ['from_date should be a date as YYYY-MM-DD']),
				...(date.test(to) ? [] : ['to_date should be a date as YYYY-MM-DD']),
				...(date.test(from) && date.test(to) && from > to ? ['from_date should not be after to_date'] : []),
			];
			if (problems.length) throw invalid('listing statements', problems);
			return json(200, ledger.statementsBetween(from, to));
		}),
		// The simulator is an aggregator account: the facilitator endpoints refuse it, as Iris does.
		api('GET', '/bank_accounts(?:/[^/]+/balance)?', ['creator', 'approver'], () => {
			throw notAuthorized();
		}),
	];

	/** The control API's words for a refusal, as the CLI reads them. */
	const control = (
		method: string,
		path: string,
		handle: (call: Call, params: string[]) => Answer | Promise<Answer>,
	): IrisRoute => ({
		method,
		pattern: new RegExp(`^\\/_simulator\\/iris${path}$`),
		kind: 'control',
		handle: async (call) => {
			try {
				return await handle(call, call.params);
			} catch (error) {
				if (!(error instanceof IrisError)) throw error;
				const body = typeof error.body === 'string' ? { error_message: error.body, errors: [] } : error.body;
				const errors = Array.isArray(body.errors) ? body.errors.map(String) : body.errors ? [JSON.stringify(body.errors)] : [];
				return json(error.status, { status_code: String(error.status), status_message: body.error_message, validation_messages: errors });
			}
		},
	});

	const move = async (referenceNo: string, to: PayoutStatus, errorCode?: string): Promise<PayoutChange> => {
		const { result, notifications } = await withNotifications(() => ledger.move(referenceNo, to, { errorCode }));
		return { payout: detailsOf(result), notifications };
	};
	const MOVES: Record<string, PayoutStatus> = { process: 'processed', complete: 'completed', fail: 'failed' };

	routes.push(
		control('GET', '', () =>
			json(200, { balance: money(ledger.balance), notificationUrl: notificationUrl ?? null, otpRequired: otp !== undefined, payouts: ledger.allPayouts().length }),
		),
		control('GET', '/payouts', () => json(200, ledger.allPayouts().map(detailsOf))),
		control('GET', '/payouts/([^/]+)', (_call, [reference]) => {
			const payout = ledger.payout(reference);
			if (!payout) throw notFound('Payout');
			return json(200, detailsOf(payout));
		}),
		control('POST', '/payouts/([^/]+)/(process|complete|fail)', async (call, [reference, action]) => {
			const { errorCode } = bodyOf(call) as { errorCode?: string };
			return json(200, await move(reference, MOVES[action], errorCode));
		}),
		control('POST', '/topup', async (call) => {
			const amount = Number(bodyOf(call).amount);
			if (!Number.isSafeInteger(amount) || amount <= 0) throw invalid('topping up', ['amount should be a whole number of rupiah above 0']);
			const { notifications } = await withNotifications(() => ledger.topUp(amount));
			return json(200, { balance: money(ledger.balance), notifications });
		}),
		control('PUT', '/settings', (call) => {
			const body = bodyOf(call) as { notificationUrl?: string | null; otp?: string | null };
			if (body.notificationUrl !== undefined && body.notificationUrl !== null && !/^https?:\/\//.test(String(body.notificationUrl))) {
				throw invalid('changing settings', ['notificationUrl must be an http(s) URL or null']);
			}
			if (body.notificationUrl !== undefined) notificationUrl = body.notificationUrl ?? undefined;
			if (body.otp !== undefined) otp = body.otp || undefined;
			return json(200, { notificationUrl: notificationUrl ?? null, otpRequired: otp !== undefined });
		}),
	);

	return {
		product: {
			routes: () =>
				routes.map(({ kind, ...route }): Route =>
					kind === 'api' ? { ...route, area: 'product', errorAnswer: irisRefusal } : { ...route, area: 'control' },
				),
			reset: () => {
				ledger.reset();
				remembered.clear();
			},
		},
		creatorKey,
		approverKey,
		merchantKey,
		payouts: () => ledger.allPayouts().map(detailsOf),
		payout: (referenceNo) => {
			const payout = ledger.payout(referenceNo);
			return payout && detailsOf(payout);
		},
		process: (referenceNo) => move(referenceNo, 'processed'),
		complete: (referenceNo) => move(referenceNo, 'completed'),
		fail: (referenceNo, errorCode) => move(referenceNo, 'failed', errorCode),
		topUp: async (amount) => (await withNotifications(() => ledger.topUp(amount))).notifications,
		balance: () => ledger.balance,
		notificationUrl: () => notificationUrl,
		setNotificationUrl: (url) => {
			notificationUrl = url;
		},
		setOtp: (value) => {
			otp = value || undefined;
		},
	};
}

/** The payout statuses, for the CLI's help. */
export const IRIS_PAYOUT_STATUSES = PAYOUT_STATUSES;
