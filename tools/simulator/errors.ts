import { randomUUID } from 'crypto';

/** The answer bodies Midtrans gives for its error codes; `id` is a trace id, as in Midtrans's answers. */
export interface MidtransErrorBody {
	status_code: string;
	status_message: string;
	id: string;
	validation_messages?: string[];
}

export const ERROR_MESSAGES: Record<string, string> = {
	'400': 'One or more parameters in the payload is invalid.',
	'401': 'Transaction cannot be authorized with the current client/server key.',
	'402': 'Payment channel is not activated.',
	'404': "Transaction doesn't exist.",
	'406': 'Duplicate order ID. Order ID has already been utilized previously.',
	'411': 'Token id is missing, invalid, or timed out',
	'412': 'Merchant cannot modify the status of the transaction',
	'413': 'The request cannot be processed due to malformed syntax in the request body',
	'414': 'Refund request is rejected',
	'500': 'Sorry, we encountered internal server error. We will fix this soon.',
};

/**
 * A Midtrans-style refusal (unknown transaction, illegal status change, invalid payload). The API turns it
 * into an answer body; the programmatic API throws it.
 */
export class SimulatorError extends Error {
	constructor(
		readonly statusCode: string,
		readonly statusMessage: string = ERROR_MESSAGES[statusCode] ?? 'Request failed',
		readonly validationMessages?: string[],
	) {
		super(validationMessages?.length ? `${statusMessage} ${validationMessages.join('; ')}` : statusMessage);
		this.name = 'SimulatorError';
	}

	toBody(): MidtransErrorBody {
		return {
			status_code: this.statusCode,
			status_message: this.statusMessage,
			id: randomUUID(),
			...(this.validationMessages?.length ? { validation_messages: this.validationMessages } : {}),
		};
	}
}
