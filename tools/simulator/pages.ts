import { SANDBOX_OTP } from './cards';
import type { Transaction } from './types';

/** The customer's side of a payment, served as plain HTML forms: no JavaScript, nothing to install. */

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export function page(title: string, body: string): string {
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Midtrans simulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1c2430}
dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem}dt{color:#667}button{font-size:1rem;padding:.5rem 1.2rem}
.note{color:#667;font-size:.9rem}.error{color:#b00020}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}<p class="note">Local Midtrans simulator: no money moves.</p></body></html>`;
}

export function summary(fields: Record<string, unknown>): string {
	const rows = Object.entries(fields)
		.filter(([, value]) => value !== undefined)
		.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(String(value))}</dd>`)
		.join('');
	return `<dl>${rows}</dl>`;
}

function transactionSummary(transaction: Transaction): string {
	return summary({
		'Order ID': transaction.order_id,
		Amount: `IDR ${transaction.gross_amount}`,
		'Payment type': transaction.payment_type,
		Status: transaction.transaction_status,
	});
}

/** GoPay / ShopeePay deeplink target: the app's "Pay" screen. */
export function checkoutPage(transaction: Transaction, note?: string): string {
	const form =
		transaction.transaction_status === 'pending'
			? `<form method="post"><button type="submit">Pay IDR ${escapeHtml(transaction.gross_amount)}</button></form>`
			: '';
	return page('Pay', `${note ? `<p>${escapeHtml(note)}</p>` : ''}${transactionSummary(transaction)}${form}`);
}

/** The card's 3-D Secure page, where the sandbox OTP completes the payment. */
export function threeDsPage(transaction: Transaction, error?: string): string {
	const form =
		transaction.transaction_status === 'pending'
			? `<form method="post"><label>OTP (sandbox: ${SANDBOX_OTP}) <input name="otp" autocomplete="one-time-code"></label>
<button type="submit">Authenticate</button></form>`
			: '';
	const message = error ? `<p class="error">${escapeHtml(error)}</p>` : '';
	return page('3-D Secure', `${message}${transactionSummary(transaction)}${form}`);
}

/** Snap's payment page, reduced to its outcome. */
export function snapPage(orderId: string, amount: unknown, paid?: Transaction): string {
	if (paid) return checkoutPage(paid, 'Payment received.');
	return page(
		'Snap payment page',
		`${summary({ 'Order ID': orderId, Amount: `IDR ${amount}` })}<form method="post"><button type="submit">Pay</button></form>`,
	);
}

/** A stand-in for the QR code image: an SVG naming what a real QR would encode. */
export function qrCodeSvg(transaction: Transaction): string {
	const label = escapeHtml(`${transaction.payment_type} ${transaction.order_id} IDR ${transaction.gross_amount}`);
	return `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240">
<rect width="240" height="240" fill="#fff" stroke="#1c2430" stroke-width="8"/>
<text x="120" y="110" font-family="sans-serif" font-size="14" text-anchor="middle">QR (simulator)</text>
<text x="120" y="135" font-family="sans-serif" font-size="10" text-anchor="middle">${label}</text></svg>`;
}
