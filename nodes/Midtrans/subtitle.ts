import { resources } from './actions/resources';

/** "resource.operation" → the operation's name as the Operation parameter shows it. */
const OPERATION_NAMES: Record<string, string> = Object.fromEntries(
	resources.flatMap((resource) =>
		(resource.operationProperty.options ?? []).map((option) => [
			`${resource.value}.${String((option as { value: unknown }).value)}`,
			option.name,
		]),
	),
);

/** Short names of the payment types for the canvas; convenience stores and banks are named themselves. */
const PAYMENT_TYPE_NAMES: Record<string, string> = {
	akulaku: 'Akulaku',
	credit_card: 'Card',
	echannel: 'Mandiri Bill',
	gopay: 'GoPay',
	kredivo: 'Kredivo',
	ovo: 'OVO',
	qris: 'QRIS',
	shopeepay: 'ShopeePay',
};

/**
 * The node's subtitle on the canvas, in words: "Charge · Indomaret", "Charge · BCA VA", "Get Status". An
 * expression, because the editor evaluates it over the node's parameters; the names are written in at build time.
 */
export const SUBTITLE_EXPRESSION = `={{ (${JSON.stringify(OPERATION_NAMES)}[$parameter["resource"] + "." + $parameter["operation"]] || $parameter["operation"]) + ($parameter["operation"] === "charge" ? " · " + ($parameter["paymentType"] === "cstore" ? ($parameter["store"] === "alfamart" ? "Alfamart" : "Indomaret") : $parameter["paymentType"] === "bank_transfer" ? String($parameter["bank"] || "bca").toUpperCase() + " VA" : (${JSON.stringify(PAYMENT_TYPE_NAMES)}[$parameter["paymentType"]] || $parameter["paymentType"])) : "") }}`;
