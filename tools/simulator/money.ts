/** Midtrans's money strings: whole rupiah with ".00". */
export function rupiah(amount: number): string {
	return `${amount}.00`;
}

/** A whole number of rupiah: 44000, "44000" and "44000.00" are; 44000.5 and "abc" are not. */
export function wholeRupiah(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
	if (typeof value === 'string' && /^-?\d+(\.0+)?$/.test(value.trim())) return Number.parseInt(value, 10);
	return undefined;
}
