/**
 * The card APIs beyond charging (docs.midtrans.com/reference/register-card, point-inquiry, bin-api), simulated:
 * registering a card for one-click charges, a card's reward points, and BIN details.
 */
import { randomUUID } from 'crypto';

import type { CardVault } from './cards';
import { SimulatorError } from './errors';
import { json, type Route, serverKeyOf, type SimulatorProduct } from './server';
import { jakartaTime } from './time';

/** BIN details of the sandbox cards' BINs (the simulator's own data: BIN data is advisory, the docs say). */
const SANDBOX_BINS: Record<
	string,
	{ brand: string; bank: string; bank_code: string; bin_type: string; bin_class: string }
> = {
	'481111': {
		brand: 'visa',
		bank: 'bank negara indonesia',
		bank_code: 'bni',
		bin_type: 'credit',
		bin_class: 'classic',
	},
	'441111': { brand: 'visa', bank: 'bank central asia', bank_code: 'bca', bin_type: 'credit', bin_class: 'gold' },
	'491111': {
		brand: 'visa',
		bank: 'bank negara indonesia',
		bank_code: 'bni',
		bin_type: 'credit',
		bin_class: 'classic',
	},
	'461111': { brand: 'visa', bank: 'bank mandiri', bank_code: 'mandiri', bin_type: 'credit', bin_class: 'platinum' },
	'451111': { brand: 'visa', bank: 'bank rakyat indonesia', bank_code: 'bri', bin_type: 'debit', bin_class: 'classic' },
	'521111': { brand: 'mastercard', bank: 'bank mandiri', bank_code: 'mandiri', bin_type: 'credit', bin_class: 'world' },
};

/** What every sandbox card holds in reward points (point inquiry). */
const SANDBOX_POINTS = 10_000;

export interface SavedCardSettings {
	cards: CardVault;
	serverKey: string;
	clientKey: string;
}

export class SavedCards implements SimulatorProduct {
	constructor(private readonly settings: SavedCardSettings) {}

	routes(): Route[] {
		const { cards, clientKey } = this.settings;
		return [
			// register-card: the client key in the query is what authorizes it.
			{
				method: 'GET',
				pattern: /^\/v2\/card\/register$/,
				area: 'token',
				handle: ({ query }) => {
					if (query.get('client_key') !== clientKey) throw new SimulatorError('401');
					const saved = cards.register(Object.fromEntries(query));
					return json(200, { status_code: '200', ...saved, transaction_id: randomUUID() });
				},
			},
			// point-inquiry: Basic with the server key; gross_amount is "required for Mandiri Point".
			{
				method: 'GET',
				pattern: /^\/v2\/point_inquiry\/([^/]+)$/,
				area: 'core',
				handle: ({ params, query }) => {
					if (!cards.knows(params[0])) throw new SimulatorError('411');
					const grossAmount = query.get('gross_amount');
					if (grossAmount !== null && !/^\d+(\.0+)?$/.test(grossAmount)) {
						throw new SimulatorError('400', undefined, ['gross_amount must be a whole number']);
					}
					return json(200, {
						status_code: '200',
						status_message: 'Success, Credit Card Point inquiry is successful',
						transaction_time: jakartaTime(new Date()),
						point_balance_amount: `${SANDBOX_POINTS}.00`,
					});
				},
			},
			// bin-api: "Either the Midtrans Client Key or Midtrans Server key can be used"; its own error shapes.
			{
				method: 'GET',
				pattern: /^\/v1\/bins\/([^/]+)$/,
				area: 'core',
				authorize: ({ headers }) => {
					const key = serverKeyOf(headers);
					return key === this.settings.serverKey || key === clientKey;
				},
				errorAnswer: (error) =>
					error.statusCode === '401'
						? { status: 401, text: { contentType: 'text/plain', content: 'Unauthorized' } }
						: json(Number(error.statusCode) || 404, { errors: [{ message_title: 'not found', message: 'not found' }] }),
				handle: ({ params }) => {
					const bin = params[0];
					const known = /^\d{6,8}$/.test(bin) ? SANDBOX_BINS[bin.slice(0, 6)] : undefined;
					if (!known) throw new SimulatorError('404');
					return json(200, { data: { country_name: 'Indonesia', country_code: 'id', ...known, bin } });
				},
			},
		];
	}

	/** Saved cards live in the card vault, which the simulator resets itself. */
	reset(): void {}
}
