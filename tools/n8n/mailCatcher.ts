/**
 * A mail server on this machine for the end-to-end suite: it speaks enough SMTP for n8n's Send Email node
 * (nodemailer) to deliver to it, keeps every message, and reads the links in them, as a person reading the
 * e-mail would find them (n8n's "send and wait" approval buttons).
 */
import { createServer, type Server, type Socket } from 'net';
import type { AddressInfo } from 'net';

export interface CaughtMail {
	from: string;
	to: string[];
	/** The message as received (headers and body, transfer-encoded). */
	raw: string;
	subject: string;
	/** The message's parts, decoded from their transfer encoding (what a mail reader shows, with the HTML's tags). */
	text: string;
	/** Every href in the message's HTML, decoded. */
	links: string[];
}

function decodeQuotedPrintable(text: string): string {
	const bytes = text
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The message's text parts, decoded from quoted-printable or base64 as their headers say. */
function decodedParts(raw: string): string[] {
	const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
	return parts.map((part) => {
		const split = part.search(/\r?\n\r?\n/);
		const headers = split === -1 ? '' : part.slice(0, split);
		const body = split === -1 ? part : part.slice(split).trim();
		if (/content-transfer-encoding:\s*base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
		if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) return decodeQuotedPrintable(body);
		return body;
	});
}

function linksIn(text: string): string[] {
	return [...text.matchAll(/href="([^"]+)"/g)].map((match) => match[1].replace(/&amp;/g, '&'));
}

function subjectOf(raw: string): string {
	const header = /^Subject:\s*(.*(?:\r?\n[ \t].*)*)/im.exec(raw)?.[1] ?? '';
	// Encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=), as nodemailer writes a subject that is not plain ASCII.
	return header
		.replace(/\r?\n[ \t]/g, ' ')
		.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_match, encoding: string, text: string) =>
			encoding.toLowerCase() === 'b'
				? Buffer.from(text, 'base64').toString('utf8')
				: decodeQuotedPrintable(text.replace(/_/g, ' ')),
		)
		.trim();
}

export interface MailCatcher {
	port: number;
	mails: CaughtMail[];
	/** Waits for a message that `matches`, newer than the first `after` messages. */
	waitForMail(matches: (mail: CaughtMail) => boolean, options?: { after?: number; timeoutMs?: number }): Promise<CaughtMail>;
	close(): Promise<void>;
}

function serveSession(socket: Socket, mails: CaughtMail[]): void {
	let buffer = '';
	let inData = false;
	let envelope: { from: string; to: string[] } = { from: '', to: [] };
	const reply = (line: string) => socket.write(`${line}\r\n`);
	reply('220 localhost mail catcher');
	socket.setEncoding('utf8');
	socket.on('data', (chunk: string) => {
		buffer += chunk;
		for (;;) {
			if (inData) {
				const end = buffer.indexOf('\r\n.\r\n');
				if (end === -1) return;
				const raw = buffer.slice(0, end).replace(/^\.\./gm, '.');
				buffer = buffer.slice(end + 5);
				inData = false;
				const text = decodedParts(raw).join('\n');
				mails.push({ ...envelope, raw, subject: subjectOf(raw), text, links: linksIn(text) });
				envelope = { from: '', to: [] };
				reply('250 OK: queued');
				continue;
			}
			const lineEnd = buffer.indexOf('\r\n');
			if (lineEnd === -1) return;
			const line = buffer.slice(0, lineEnd);
			buffer = buffer.slice(lineEnd + 2);
			const command = line.slice(0, 4).toUpperCase();
			if (command === 'EHLO') {
				reply('250-localhost');
				reply('250 8BITMIME');
			} else if (command === 'HELO') reply('250 localhost');
			else if (command === 'MAIL') {
				envelope.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
				reply('250 OK');
			} else if (command === 'RCPT') {
				envelope.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
				reply('250 OK');
			} else if (command === 'DATA') {
				inData = true;
				reply('354 End data with <CR><LF>.<CR><LF>');
			} else if (command === 'QUIT') {
				reply('221 Bye');
				socket.end();
				return;
			} else if (command === 'RSET' || command === 'NOOP') reply('250 OK');
			else reply('502 Command not implemented');
		}
	});
	socket.on('error', () => socket.destroy());
}

/** Starts a mail catcher on 127.0.0.1 (a free port unless one is given). */
export async function startMailCatcher(port = 0): Promise<MailCatcher> {
	const mails: CaughtMail[] = [];
	const sockets = new Set<Socket>();
	const server: Server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		serveSession(socket, mails);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	return {
		port: (server.address() as AddressInfo).port,
		mails,
		async waitForMail(matches, { after = 0, timeoutMs = 60_000 } = {}) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const found = mails.slice(after).find(matches);
				if (found) return found;
				if (Date.now() > deadline) {
					throw new Error(`no such e-mail arrived within ${timeoutMs / 1000} s (got: ${mails.map((mail) => mail.subject).join('; ') || 'none'})`);
				}
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}
