import { randomUUID } from 'crypto';

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
}

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

/** Card tokens are single-use, as at Midtrans. */
export class CardVault {
	private readonly usedTokens = new Set<string>();

	/** GET /v2/token: checks the card data and returns a token, or the reasons it refuses. */
	mint(query: { card_number?: string; card_exp_month?: string; card_exp_year?: string; card_cvv?: string }): string {
		const number = String(query.card_number ?? '').replace(/[\s-]/g, '');
		const problems: string[] = [];
		if (!/^\d{13,19}$/.test(number) || !passesLuhn(number)) problems.push('card_number is not valid');
		const month = Number(query.card_exp_month);
		const rawYear = Number(query.card_exp_year);
		const year = rawYear < 100 ? 2000 + rawYear : rawYear;
		if (!Number.isInteger(month) || month < 1 || month > 12) problems.push('card_exp_month is not valid');
		else if (!Number.isInteger(year) || new Date(Date.UTC(year, month, 1)) <= new Date()) {
			problems.push('card_exp_year is not valid: the card has expired');
		}
		if (!/^\d{3,4}$/.test(String(query.card_cvv ?? ''))) problems.push('card_cvv is not valid');
		if (problems.length) throw new SimulatorError('400', undefined, problems);
		return `${number.slice(0, 6)}-${number.slice(-4)}-${randomUUID()}`;
	}

	/** Spends a token on a charge; 411 when it is malformed or was spent before. */
	spend(token: unknown): CardOnToken {
		const match = typeof token === 'string' ? TOKEN_PATTERN.exec(token) : null;
		if (!match || this.usedTokens.has(token as string)) throw new SimulatorError('411');
		this.usedTokens.add(token as string);
		const [, first6, last4] = match;
		return { card: cardFor(first6, last4), maskedCard: `${first6}-${last4}` };
	}

	reset(): void {
		this.usedTokens.clear();
	}
}
