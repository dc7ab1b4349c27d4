import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'http';

import { type CardVault, SANDBOX_OTP } from './cards';
import { type ChangeKind, SimulatorControl } from './control';
import { ERROR_MESSAGES, SimulatorError } from './errors';
import { checkFault, type FaultBook } from './faults';
import { IdempotencyMemory } from './idempotency';
import type { Ledger, NotificationTargets } from './ledger';
import { NOTIFICATION_URLS_PER_HEADER } from './midtransRules';
import type { Notifier } from './notifier';
import { checkoutPage, qrCodeSvg, snapPage, threeDsPage } from './pages';
import type { TimerSet } from './timers';
import type { ActiveFault, NotifyOptions, RawNotification, Transaction } from './types';

/**
 * Who may call a route and what wraps it. core: Midtrans Core API (server key, error-inside-200 bodies,
 * faults, latency, Idempotency-Key). snap: the Snap API (server key, real HTTP statuses with
 * error_messages). token: GET /v2/token (client key). page: what the customer's browser opens.
 * control: the simulator's own API under /_simulator.
 */
export type Area = 'core' | 'snap' | 'token' | 'page' | 'control' | 'product';

export interface Call {
	method: string;
	path: string;
	params: string[];
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: unknown;
}

export interface Answer {
	status: number;
	body?: unknown;
	/** Sent as text with this content type instead of JSON. */
	text?: { contentType: string; content: string };
	headers?: Record<string, string>;
	/** False when an Idempotency-Key must not replay this answer (Indomaret, Permata VA). */
	replayable?: boolean;
}

export interface Route {
	/** An HTTP method, or '*' for pages that take GET and POST. */
	method: string;
	pattern: RegExp;
	area: Area;
	handle(call: Call): Answer | Promise<Answer>;
	/** Who may call it, where the area's rule (the server key for core and snap) does not fit (the BIN API also takes the client key). */
	authorize?(call: Call): boolean;
	/**
	 * How this API words a refusal or a fault, where its area's wording does not fit (subscriptions, payment
	 * links, BIN, Iris): for a thrown SimulatorError, and for an injected http-NNN or body-500 fault.
	 */
	errorAnswer?(error: SimulatorError): Answer;
	/**
	 * How long a POST's Idempotency-Key is honoured: the area's default (5 minutes for core and snap POSTs)
	 * unless given; 0 where Midtrans takes no key (/pay/account).
	 */
	idempotencyMs?: number;
}

/**
 * A product beside the Core API and Snap (payment links, subscriptions, GoPay accounts, Iris), in a module of
 * its own, registered with a line in index.ts: its routes and its state. A product with an API of its own
 * (Iris) gives its API routes the area 'product': they take latency and faults like the Core API's but
 * authenticate and answer themselves.
 */
export interface SimulatorProduct {
	routes(): Route[];
	/** Forgets everything (POST /_simulator/reset). */
	reset(): void;
}

export interface RuntimeSettings {
	serverKey: string;
	clientKey: string;
	latencyMs: number;
	/** The dashboard's Payment Notification URL; the control API may change it while running. */
	notificationUrl?: string;
	/** The dashboard's Recurring Notification URL, where subscription notifications go. */
	recurringNotificationUrl?: string;
	/** The dashboard's Pay Account Notification URL, where GoPay account (un)linking notifications go. */
	payAccountNotificationUrl?: string;
	log: (line: string) => void;
}

export interface ServerParts {
	ledger: Ledger;
	control: SimulatorControl;
	notifier: Notifier;
	faults: FaultBook;
	cards: CardVault;
	idempotency: IdempotencyMemory;
	timers: TimerSet;
	settings: RuntimeSettings;
	/** Registered with a line in index.ts each; their routes follow the Core API's and Snap's. */
	products: SimulatorProduct[];
}

const BODY_LIMIT_BYTES = 1024 * 1024;
const CONTROL_CHANGES: readonly ChangeKind[] = ['pay', 'expire', 'cancel', 'refund'];

export const json = (status: number, body: unknown, replayable = true): Answer => ({ status, body, replayable });
export const html = (content: string): Answer => ({
	status: 200,
	text: { contentType: 'text/html; charset=utf-8', content },
});

function headerList(value: string | string[] | undefined): string[] | undefined {
	if (value === undefined) return undefined;
	const urls = (Array.isArray(value) ? value.join(',') : value)
		.split(',')
		.map((url) => url.trim())
		.filter(Boolean);
	return urls.slice(0, NOTIFICATION_URLS_PER_HEADER);
}

function notificationTargets(headers: IncomingHttpHeaders): NotificationTargets {
	return {
		override: headerList(headers['x-override-notification']),
		append: headerList(headers['x-append-notification']),
	};
}

/** The username of a Basic authorization header: the key Midtrans's APIs are called with. */
export function serverKeyOf(headers: IncomingHttpHeaders): string | undefined {
	const match = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon === -1 ? decoded : decoded.slice(0, colon);
}

/** The dashboard's three notification URLs, as the control API reads and changes them. */
const NOTIFICATION_SETTINGS = ['notificationUrl', 'recurringNotificationUrl', 'payAccountNotificationUrl'] as const;
type NotificationSetting = (typeof NOTIFICATION_SETTINGS)[number];

function notificationSettings(settings: RuntimeSettings): Record<NotificationSetting, string | null> {
	return {
		notificationUrl: settings.notificationUrl ?? null,
		recurringNotificationUrl: settings.recurringNotificationUrl ?? null,
		payAccountNotificationUrl: settings.payAccountNotificationUrl ?? null,
	};
}

/** How each area words a refusal. */
function errorAnswer(area: Area, error: SimulatorError): Answer {
	const code = Number(error.statusCode);
	if (area === 'snap') {
		return json(code, {
			error_messages: error.validationMessages?.length ? error.validationMessages : [error.statusMessage],
		});
	}
	if (area === 'control') return json(code >= 400 && code < 600 ? code : 400, error.toBody());
	// Core API: 401 and 404 come with their HTTP status; other refusals hide inside an HTTP 200.
	return json(code === 401 || code === 404 ? code : 200, error.toBody());
}

function faultAnswer(route: Route, fault: ActiveFault): Answer {
	const { area } = route;
	if (route.errorAnswer) {
		// An API without the Core API's error-inside-200 quirk: body-500 is a plain 500, in the API's own words.
		const status = fault.type === 'body-500' ? 500 : Number(fault.type.slice('http-'.length));
		const answer = route.errorAnswer(new SimulatorError(String(status), ERROR_MESSAGES[String(status)] ?? 'Simulated failure'));
		if (status === 429) answer.headers = { ...answer.headers, 'Retry-After': String(fault.retryAfterSeconds ?? 1) };
		return answer;
	}
	const httpStatus = fault.type === 'body-500' ? 200 : Number(fault.type.slice('http-'.length));
	const code = fault.type === 'body-500' ? '500' : String(httpStatus);
	const answer = errorAnswer(
		area === 'snap' ? 'snap' : 'core',
		new SimulatorError(code, ERROR_MESSAGES[code] ?? 'Simulated failure'),
	);
	answer.status = httpStatus;
	if (httpStatus === 429) answer.headers = { 'Retry-After': String(fault.retryAfterSeconds ?? 1) };
	return answer;
}

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

function parseBody(raw: string, contentType: string | undefined): unknown {
	if (raw.trim() === '') return {};
	if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
	return JSON.parse(raw);
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
		});
		request.on('end', () => resolve(size > BODY_LIMIT_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

function buildRoutes({ ledger, control, notifier, faults, cards, settings }: ServerParts): Route[] {
	const transitionAnswer = (transition: { answer: unknown; replayable: boolean }) =>
		json(200, transition.answer, transition.replayable);
	const transactionOrThrow = (id: string): Transaction => {
		const transaction = ledger.transaction(id);
		if (!transaction) throw new SimulatorError('404');
		return transaction;
	};
	const payFromPage = async (id: string): Promise<Transaction> => (await control.change('pay', id)).transaction;

	return [
		// Core API
		{
			method: 'POST',
			pattern: /^\/v2\/charge$/,
			area: 'core',
			handle: (call) => transitionAnswer(ledger.charge(call.body, notificationTargets(call.headers))),
		},
		{
			method: 'POST',
			pattern: /^\/v2\/capture$/,
			area: 'core',
			handle: (call) => transitionAnswer(ledger.capture(call.body)),
		},
		{
			method: 'GET',
			pattern: /^\/v2\/token$/,
			area: 'token',
			handle: ({ query }) => {
				if (query.get('client_key') !== settings.clientKey)
					throw new SimulatorError('401', 'Access denied, please check client or server key');
				const token = cards.mint(Object.fromEntries(query));
				return json(200, {
					status_code: '200',
					status_message: 'Credit card token is created as Token ID.',
					token_id: token,
				});
			},
		},
		{
			method: '*',
			pattern: /^\/v2\/token\/rba\/redirect\/([^/]+)$/,
			area: 'page',
			handle: async ({ method, params, body }) => {
				// The reference ends with the transaction id, a 36-character UUID.
				const transactionId = params[0].slice(-36);
				const transaction = transactionOrThrow(transactionId);
				if (method !== 'POST') return html(threeDsPage(transaction));
				if ((body as { otp?: string }).otp !== SANDBOX_OTP)
					return html(threeDsPage(transaction, `Wrong OTP: the sandbox OTP is ${SANDBOX_OTP}`));
				return html(threeDsPage(await payFromPage(transactionId)));
			},
		},
		{
			method: 'GET',
			pattern: /^\/v2\/(?:gopay|qris)\/([^/]+)\/qr-code$/,
			area: 'page',
			handle: ({ params }) => ({
				status: 200,
				text: { contentType: 'image/svg+xml', content: qrCodeSvg(transactionOrThrow(params[0])) },
			}),
		},
		{
			method: 'GET',
			pattern: /^\/v2\/([^/]+)\/status$/,
			area: 'core',
			handle: ({ params }) => json(200, ledger.status(params[0])),
		},
		{
			method: 'GET',
			pattern: /^\/v2\/([^/]+)\/status\/b2b$/,
			area: 'core',
			handle: ({ params }) => json(200, ledger.statusB2b(params[0])),
		},
		{
			method: 'POST',
			pattern: /^\/v2\/([^/]+)\/(cancel|expire|approve|deny)$/,
			area: 'core',
			handle: ({ params: [id, change] }) =>
				transitionAnswer(ledger[change as 'cancel' | 'expire' | 'approve' | 'deny'](id)),
		},
		{
			method: 'POST',
			pattern: /^\/v2\/([^/]+)\/refund(\/online\/direct)?$/,
			area: 'core',
			handle: ({ params: [id, direct], body }) => transitionAnswer(ledger.refund(id, body, Boolean(direct))),
		},

		// Snap
		{
			method: 'POST',
			pattern: /^\/snap\/v1\/transactions$/,
			area: 'snap',
			handle: (call) => json(201, ledger.openSnap(call.body, notificationTargets(call.headers))),
		},
		{
			method: '*',
			pattern: /^\/snap\/v4\/redirection\/([^/]+)$/,
			area: 'page',
			handle: async ({ method, params }) => {
				const session = ledger.snapSession(params[0]);
				if (!session) throw new SimulatorError('404');
				const details = session.body.transaction_details as { gross_amount?: unknown };
				const paid = method === 'POST' ? await payFromPage(session.orderId) : undefined;
				return html(snapPage(session.orderId, details.gross_amount, paid));
			},
		},

		// The customer's app (GoPay, ShopeePay deeplinks)
		{
			method: '*',
			pattern: /^\/_simulator\/checkout\/([^/]+)$/,
			area: 'page',
			handle: async ({ method, params }) => {
				if (method !== 'POST') return html(checkoutPage(transactionOrThrow(params[0])));
				return html(checkoutPage(await payFromPage(params[0]), 'Payment received.'));
			},
		},

		// Control API
		{
			method: 'GET',
			pattern: /^\/$/,
			area: 'control',
			handle: () =>
				json(200, {
					name: 'Local Midtrans simulator',
					coreApi:
						'POST /v2/charge, GET /v2/{id}/status, POST /v2/{id}/cancel|expire|approve|deny|refund, POST /v2/capture, GET /v2/token, GET /v2/card/register, GET /v2/point_inquiry/{token}, GET /v1/bins/{bin}, POST|GET /v2/pay/account[/{id}], POST /v2/pay/account/{id}/unbind, POST|GET|DELETE /v1/payment-links[/{order_id}], POST|GET|PATCH /v1/subscriptions[/{id}], POST /v1/subscriptions/{id}/enable|disable|cancel',
					snap: 'POST /snap/v1/transactions',
					control:
						'GET /_simulator/transactions, POST /_simulator/transactions/{id}/pay|expire|cancel|refund, POST /_simulator/notify[/raw], POST /_simulator/payment-links/{order_id}/pay, POST /_simulator/subscriptions/{id}/charge, POST /_simulator/accounts/{id}/activate|unbind, /_simulator/faults, /_simulator/deliveries, /_simulator/settings, POST /_simulator/reset',
				}),
		},
		{ method: 'GET', pattern: /^\/_simulator\/health$/, area: 'control', handle: () => json(200, { status: 'ok' }) },
		{
			method: 'GET',
			pattern: /^\/_simulator\/transactions$/,
			area: 'control',
			handle: () => json(200, ledger.transactions()),
		},
		{
			method: 'GET',
			pattern: /^\/_simulator\/transactions\/([^/]+)$/,
			area: 'control',
			handle: ({ params }) => json(200, transactionOrThrow(params[0])),
		},
		{
			method: 'POST',
			pattern: /^\/_simulator\/transactions\/([^/]+)\/([a-z]+)$/,
			area: 'control',
			handle: async ({ params, body }) => {
				const kind = params[1] as ChangeKind;
				if (!CONTROL_CHANGES.includes(kind))
					throw new SimulatorError('404', `Unknown change ${kind}; use ${CONTROL_CHANGES.join(', ')}`);
				const { amount, reason } = (body ?? {}) as { amount?: number; reason?: string };
				return json(200, await control.change(kind, params[0], { amount, reason }));
			},
		},
		{
			method: 'POST',
			pattern: /^\/_simulator\/notify$/,
			area: 'control',
			handle: async ({ body }) => json(200, await control.notify(body as NotifyOptions)),
		},
		{
			method: 'POST',
			pattern: /^\/_simulator\/notify\/raw$/,
			area: 'control',
			handle: async ({ body }) => json(200, await control.notifyRaw(body as RawNotification)),
		},
		{
			method: 'GET',
			pattern: /^\/_simulator\/deliveries$/,
			area: 'control',
			handle: () => json(200, notifier.deliveries()),
		},
		{ method: 'GET', pattern: /^\/_simulator\/faults$/, area: 'control', handle: () => json(200, faults.list()) },
		{
			method: 'POST',
			pattern: /^\/_simulator\/faults$/,
			area: 'control',
			handle: ({ body }) => json(201, faults.add(checkFault(body))),
		},
		{
			method: 'DELETE',
			pattern: /^\/_simulator\/faults$/,
			area: 'control',
			handle: () => {
				faults.clear();
				return json(200, []);
			},
		},
		{
			method: 'POST',
			pattern: /^\/_simulator\/reset$/,
			area: 'control',
			handle: () => {
				control.reset();
				return json(200, { status: 'reset' });
			},
		},
		{
			method: 'GET',
			pattern: /^\/_simulator\/settings$/,
			area: 'control',
			handle: () => json(200, notificationSettings(settings)),
		},
		{
			method: 'PUT',
			pattern: /^\/_simulator\/settings$/,
			area: 'control',
			handle: ({ body }) => {
				const changes = (body ?? {}) as Partial<Record<NotificationSetting, string | null>>;
				const problems = NOTIFICATION_SETTINGS.filter((name) => {
					const url = changes[name];
					return url !== undefined && url !== null && !/^https?:\/\//.test(String(url));
				}).map((name) => `${name} must be an http(s) URL or null`);
				if (problems.length) throw new SimulatorError('400', 'Invalid settings', problems);
				for (const name of NOTIFICATION_SETTINGS) {
					if (changes[name] !== undefined) settings[name] = changes[name] ?? undefined;
				}
				return json(200, notificationSettings(settings));
			},
		},
	];
}

/** The simulator's HTTP face: Midtrans's Core and Snap APIs, the customer's pages and the control API. */
export function createSimulatorServer(parts: ServerParts): Server {
	const routes = [...buildRoutes(parts), ...parts.products.flatMap((product) => product.routes())];
	const { faults, idempotency, timers, settings } = parts;

	function find(method: string, path: string): { route: Route; params: string[] } | undefined {
		for (const route of routes) {
			const match = route.pattern.exec(path);
			if (match && (route.method === '*' || route.method === method)) {
				return {
					route,
					params: match.slice(1).map((segment) => (segment === undefined ? '' : decodeSegment(segment))),
				};
			}
		}
		return undefined;
	}

	/** Authentication, idempotent replay and the handler, with refusals turned into answers. */
	async function answerCall(route: Route, call: Call): Promise<Answer> {
		try {
			if (route.authorize) {
				if (!route.authorize(call)) throw new SimulatorError('401');
			} else if (route.area === 'core' || route.area === 'snap') {
				if (serverKeyOf(call.headers) !== settings.serverKey) throw new SimulatorError('401');
			}
			const key =
				call.method === 'POST' && (route.area === 'core' || route.area === 'snap') && route.idempotencyMs !== 0
					? IdempotencyMemory.usableKey(call.headers['idempotency-key'])
					: undefined;
			if (!key) return await route.handle(call);
			const remembered = idempotency.recall(key);
			if (remembered) return { ...remembered, replayable: false };
			if (idempotency.isInFlight(key)) {
				return json(
					200,
					{
						status_code: '202',
						status_message: 'The request with this Idempotency-Key is still being processed; retry later',
					},
					false,
				);
			}
			idempotency.begin(key);
			try {
				const answer = await route.handle(call);
				const bodyCode = Number((answer.body as { status_code?: unknown } | undefined)?.status_code);
				const succeeded = answer.status < 400 && !(bodyCode >= 400 && bodyCode !== 407);
				if (succeeded && answer.replayable !== false) {
					idempotency.remember(
						key,
						{ status: answer.status, body: answer.body, headers: answer.headers ?? {} },
						route.idempotencyMs,
					);
				}
				return answer;
			} finally {
				idempotency.end(key);
			}
		} catch (error) {
			if (error instanceof SimulatorError) return route.errorAnswer?.(error) ?? errorAnswer(route.area, error);
			settings.log(`simulator bug on ${call.method} ${call.path}: ${(error as Error).stack ?? error}`);
			return json(500, new SimulatorError('500').toBody());
		}
	}

	function send(response: ServerResponse, answer: Answer): void {
		if (response.destroyed) return;
		const content = answer.text ? answer.text.content : JSON.stringify(answer.body ?? {});
		response.writeHead(answer.status, {
			'Content-Type': answer.text ? answer.text.contentType : 'application/json',
			'Content-Length': Buffer.byteLength(content),
			...answer.headers,
		});
		response.end(content);
	}

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const method = request.method ?? 'GET';
		const url = new URL(request.url ?? '/', 'http://simulator');
		const path = url.pathname;
		const found = find(method, path);
		const raw = await readBody(request);
		if (!found) {
			send(response, json(404, { status_code: '404', status_message: `The simulator has no ${method} ${path}` }));
			return;
		}
		const { route, params } = found;
		const faultable = route.area === 'core' || route.area === 'snap' || route.area === 'token' || route.area === 'product';

		if (faultable && !(await timers.sleep(settings.latencyMs))) {
			request.socket.destroy();
			return;
		}
		const fault = faultable ? faults.take(method, path) : undefined;

		const finish = (answer: Answer | undefined) => {
			const fields = (answer?.body ?? {}) as { status_code?: string; transaction_status?: string };
			if (route.area !== 'page') {
				const faultNote = fault ? `[fault ${fault.type}${fault.after ? ' after' : ''}]` : undefined;
				const outcome = answer ? String(answer.status) : 'dropped';
				settings.log(
					[`${method} ${path} →`, outcome, fields.status_code, fields.transaction_status, faultNote]
						.filter(Boolean)
						.join(' '),
				);
			}
			if (answer) send(response, answer);
			else request.socket.destroy();
		};
		const holdBack = () => timers.sleep(fault?.delayMs ?? 1000);

		// A fault before the operation replaces it, except a slow one, which only holds it back.
		if (fault && !fault.after && fault.type !== 'slow') {
			finish(fault.type === 'drop' ? undefined : faultAnswer(route, fault));
			return;
		}
		if (fault?.type === 'slow' && !fault.after && !(await holdBack())) {
			finish(undefined);
			return;
		}

		let body: unknown;
		try {
			body = raw === undefined ? undefined : parseBody(raw, request.headers['content-type']);
		} catch {
			body = undefined;
		}
		let answer: Answer | undefined =
			body === undefined
				? (route.errorAnswer?.(new SimulatorError('413')) ?? errorAnswer(route.area, new SimulatorError('413')))
				: await answerCall(route, { method, path, params, query: url.searchParams, headers: request.headers, body });

		// A fault after the operation spoils only its answer: the change has happened.
		if (fault?.after) {
			if (fault.type === 'drop') answer = undefined;
			else if (fault.type === 'slow') answer = (await holdBack()) ? answer : undefined;
			else answer = faultAnswer(route, fault);
		}
		finish(answer);
	}

	return createServer((request, response) => {
		handle(request, response).catch((error) => {
			settings.log(`simulator bug: ${(error as Error).stack ?? error}`);
			if (!response.headersSent) send(response, json(500, new SimulatorError('500').toBody()));
		});
	});
}
