import { randomInt, randomUUID } from 'crypto';

import { SimulatorError } from './errors';

/** What a sandbox card does when charged. */
export type CardOutcome = 'accept' | 'bank-deny' | 'fraud-deny' | 'challenge';

export interface SandboxCard {
	number: string;
	outcome: CardOutcome;
	/** Whether the card is enrolled in 3-D Secure: the charge then waits for the customer's OTP. */
	threeDs: boolean;
	description: string;
}

/** Midtrans's published sandbox cards (CVV 123, OTP 112233, any future expiry). */
export const SANDBOX_CARDS: SandboxCard[] = [
	{ number: '4811111111111114', outcome: 'accept', threeDs: true, description: 'accept, with 3DS' },
	{ number: '5211111111111117', outcome: 'accept', threeDs: true, description: 'accept, with 3DS' },
	{ number: '4411111111111118', outcome: 'accept', threeDs: false, description: 'accept, without 3DS' },
	{ number: '4911111111111113', outcome: 'bank-deny', threeDs: false, description: 'denied by the bank' },
	{ number: '4611111111111116', outcome: 'fraud-deny', threeDs: false, description: 'denied by fraud detection' },
	{ number: '4511111111111117', outcome: 'challenge', threeDs: false, description: 'challenged by fraud detection' },
];

export const SANDBOX_OTP = '112233';

/**
 * A card token is "<first 6 digits>-<last 4 digits>-<anything>", the shape of Midtrans's sandbox tokens
 * (e.g. 481111-1114-5f0c…). GET /v2/token mints them; a test may also write one by hand.
 */
const TOKEN_PATTERN = /^(\d{6})-(\d{4})-[A-Za-z0-9-]{1,80}$/;

export interface CardOnToken {
	card: SandboxCard;
	maskedCard: string;
	/** A saved_token_id (one-click): it stays usable, and no 3-D Secure is asked. */
	saved: boolean;
	/** The card's number and expiry when known (tokens minted here, saved cards): what saving it keeps. */
	details?: CardDetails;
}

/** What a saved card keeps: the number (to tell the card) and its expiry (the saved token's). */
export interface CardDetails {
	number: string;
	expMonth: number;
	expYear: number;
}

/** A card saved for one-click charges: what the charge answer and Register answer carry. */
export interface SavedCard {
	saved_token_id: string;
	saved_token_id_expired_at: string;
	masked_card: string;
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function cardFor(first6: string, last4: string): SandboxCard {
	return (
		SANDBOX_CARDS.find((card) => card.number.startsWith(first6) && card.number.endsWith(last4)) ?? {
			number: `${first6}******${last4}`,
			outcome: 'accept',
			threeDs: true,
			description: 'any other valid card: accept',
		}
	);
}

function passesLuhn(digits: string): boolean {
	let sum = 0;
	for (let index = 0; index < digits.length; index++) {
		let digit = Number(digits[digits.length - 1 - index]);
		if (index % 2 === 1) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}
		sum += digit;
	}
	return sum % 10 === 0;
}

/** Checks card data as GET /v2/token and GET /v2/card/register do; the problems, one per field. */
function checkCardData(
	query: { card_number?: string; card_exp_month?: string; card_exp_year?: string },
	problems: string[],
): CardDetails {
	const number = String(query.card_number ?? '').replace(/[\s-]/g, '');
	if (!/^\d{13,19}$/.test(number) || !passesLuhn(number)) problems.push('card_number is not valid');
	const month = Number(query.card_exp_month);
	const rawYear = Number(query.card_exp_year);
	const year = rawYear < 100 ? 2000 + rawYear : rawYear;
	if (!Number.isInteger(month) || month < 1 || month > 12) problems.push('card_exp_month is not valid');
	else if (!Number.isInteger(year) || new Date(Date.UTC(year, month, 1)) <= new Date()) {
		problems.push('card_exp_year is not valid: the card has expired');
	}
	return { number, expMonth: month, expYear: year };
}

const pad = (value: number) => String(value).padStart(2, '0');

/** Card tokens are single-use, as at Midtrans; saved tokens (one-click) are not. */
export class CardVault {
	private readonly usedTokens = new Set<string>();
	/** What each token minted here was made from, so that a charge can save the card. */
	private readonly minted = new Map<string, CardDetails>();
	private readonly savedCards = new Map<string, CardDetails>();

	/** GET /v2/token: checks the card data and returns a token, or the reasons it refuses. */
	mint(query: { card_number?: string; card_exp_month?: string; card_exp_year?: string; card_cvv?: string }): string {
		const problems: string[] = [];
		const details = checkCardData(query, problems);
		if (!/^\d{3,4}$/.test(String(query.card_cvv ?? ''))) problems.push('card_cvv is not valid');
		if (problems.length) throw new SimulatorError('400', undefined, problems);
		const token = `${details.number.slice(0, 6)}-${details.number.slice(-4)}-${randomUUID()}`;
		this.minted.set(token, details);
		return token;
	}

	/** GET /v2/card/register: saves a card without a charge (no CVV), or the reasons it refuses. */
	register(query: { card_number?: string; card_exp_month?: string; card_exp_year?: string }): SavedCard {
		const problems: string[] = [];
		const details = checkCardData(query, problems);
		if (problems.length) throw new SimulatorError('400', undefined, problems);
		return this.save(details);
	}

	/** Spends a token on a charge; 411 when it is malformed or was spent before. A saved token is never spent. */
	spend(token: unknown): CardOnToken {
		const saved = typeof token === 'string' ? this.savedCards.get(token) : undefined;
		if (saved) {
			const card = cardFor(saved.number.slice(0, 6), saved.number.slice(-4));
			return { card, maskedCard: maskedCard(saved.number), saved: true, details: saved };
		}
		const match = typeof token === 'string' ? TOKEN_PATTERN.exec(token) : null;
		if (!match || this.usedTokens.has(token as string)) throw new SimulatorError('411');
		this.usedTokens.add(token as string);
		const [, first6, last4] = match;
		return {
			card: cardFor(first6, last4),
			maskedCard: `${first6}-${last4}`,
			saved: false,
			details: this.minted.get(token as string),
		};
	}

	/** Whether a token is one a card operation accepts: minted here (spent or not) or saved. */
	knows(token: string): boolean {
		return this.minted.has(token) || this.savedCards.has(token) || TOKEN_PATTERN.test(token);
	}

	isSaved(token: string): boolean {
		return this.savedCards.has(token);
	}

	/**
	 * Saves the card a charge was made with (save_token_id): the card's own details when known, else the sandbox
	 * card of that BIN, valid five years.
	 */
	saveCharged(charged: CardOnToken): SavedCard {
		if (charged.saved && charged.details) return this.save(charged.details, false);
		const year = new Date().getUTCFullYear() + 5;
		return this.save(
			charged.details ?? {
				number: charged.card.number.replace(/\D/g, '').padEnd(16, '1'),
				expMonth: 12,
				expYear: year,
			},
		);
	}

	reset(): void {
		this.usedTokens.clear();
		this.minted.clear();
		this.savedCards.clear();
	}

	/**
	 * A saved_token_id is the card's first 8 digits, 20 random characters and its last 4 (docs.midtrans.com,
	 * 8-digit BIN migration: e.g. 48111111sHfSakAvHvFQFEjTivUV1114). Charging a saved card with save_token_id
	 * again keeps its token (`fresh` false).
	 */
	private save(details: CardDetails, fresh = true): SavedCard {
		let token = [...this.savedCards.entries()].find(([, card]) => card === details)?.[0];
		if (!token || fresh) {
			const middle = Array.from({ length: 20 }, () => TOKEN_ALPHABET[randomInt(TOKEN_ALPHABET.length)]).join('');
			token = `${details.number.slice(0, 8)}${middle}${details.number.slice(-4)}`;
			this.savedCards.set(token, details);
		}
		// The token lasts as long as the card: to the end of its expiry month (UTC+7 midnight, as Midtrans writes times).
		const expiry = `${details.expYear}-${pad(details.expMonth)}-${pad(new Date(Date.UTC(details.expYear, details.expMonth, 0)).getUTCDate())} 23:59:59`;
		return { saved_token_id: token, saved_token_id_expired_at: expiry, masked_card: maskedCard(details.number) };
	}
}

/** "48111111-1114": the first 8 digits and the last 4, as Midtrans masks cards since the 8-digit BIN change. */
function maskedCard(number: string): string {
	return `${number.slice(0, 8)}-${number.slice(-4)}`;
}
