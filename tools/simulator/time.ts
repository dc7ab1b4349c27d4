/** Midtrans writes every time in Western Indonesian Time (UTC+7) as "yyyy-MM-dd HH:mm:ss". */
const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;

export const EXPIRY_UNIT_MS = {
	second: 1000,
	minute: 60 * 1000,
	hour: 60 * 60 * 1000,
	day: 24 * 60 * 60 * 1000,
} as const;
export type ExpiryUnit = keyof typeof EXPIRY_UNIT_MS;

const pad = (value: number) => String(value).padStart(2, '0');

export function jakartaTime(date: Date): string {
	const shifted = new Date(date.getTime() + JAKARTA_OFFSET_MS);
	return (
		`${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())} ` +
		`${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`
	);
}

const ORDER_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

/** Parses custom_expiry.order_time, "yyyy-MM-dd HH:mm:ss +0700"; undefined when it is not in that shape. */
export function parseOrderTime(text: string): Date | undefined {
	const match = ORDER_TIME_PATTERN.exec(text);
	if (!match) return undefined;
	const [, year, month, day, hour, minute, second, sign, offsetHours, offsetMinutes] = match;
	const offsetMs = (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60 * 1000 * (sign === '-' ? -1 : 1);
	const utc = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second) - offsetMs;
	return Number.isNaN(utc) ? undefined : new Date(utc);
}
