/**
 * A local mail catcher for the example workflows' e-mail steps: MailDev (the `maildev` npm package), an SMTP
 * server that keeps every message it receives and shows them in a web inbox. It runs as a service process of
 * its own, on the loopback address only, so that Ctrl-C and the suites' clean-up stop it with n8n.
 */
import { join } from 'path';

import { spawnServiceProcess, stopServiceProcess } from './processes';
import { REPO_ROOT } from './workspace';

const HOST = '127.0.0.1';
const READINESS_TIMEOUT_MS = 30_000;

export interface MailCatcherPorts {
	/** Where n8n's SMTP credential sends. */
	smtp: number;
	/** The web inbox and its REST API. */
	web: number;
}

/** One message as MailDev's REST API (GET /email) lists it. */
export interface CaughtEmail {
	id: string;
	subject: string;
	text?: string;
	html?: string;
	from: Array<{ address: string; name?: string }>;
	to: Array<{ address: string; name?: string }>;
}

/** Every link in a message's HTML, as a person reading it would follow them (n8n's approval buttons). */
export function linksIn(email: CaughtEmail): string[] {
	return [...(email.html ?? '').matchAll(/href="([^"]+)"/g)].map((match) => match[1].replace(/&amp;/g, '&'));
}

/** Whether the message was sent to this address. */
export const sentTo = (email: CaughtEmail, address: string) => email.to.some((recipient) => recipient.address === address);

export class MailCatcher {
	readonly inboxUrl: string;
	private constructor(
		readonly ports: MailCatcherPorts,
		private readonly process: ReturnType<typeof spawnServiceProcess>,
	) {
		this.inboxUrl = `http://${HOST}:${ports.web}`;
	}

	/** Starts MailDev on the given ports and waits until its inbox answers. */
	static async start(ports: MailCatcherPorts): Promise<MailCatcher> {
		const cli = join(REPO_ROOT, 'node_modules', 'maildev', 'bin', 'maildev');
		const child = spawnServiceProcess(
			process.execPath,
			[cli, '--smtp', String(ports.smtp), '--web', String(ports.web), '--ip', HOST, '--web-ip', HOST, '--silent'],
			{ cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
		);
		let errors = '';
		child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
		const catcher = new MailCatcher(ports, child);
		const deadline = Date.now() + READINESS_TIMEOUT_MS;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) {
				throw new Error(`the mail catcher (MailDev) exited with code ${child.exitCode}: ${errors.trim()}`);
			}
			if (await catcher.answers()) return catcher;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		await catcher.stop();
		throw new Error(`the mail catcher (MailDev) did not answer on ${catcher.inboxUrl} within 30 s: ${errors.trim()}`);
	}

	private async answers(): Promise<boolean> {
		try {
			return (await fetch(`${this.inboxUrl}/healthz`)).ok;
		} catch {
			return false;
		}
	}

	/** Every message caught so far, oldest first. */
	async emails(): Promise<CaughtEmail[]> {
		const response = await fetch(`${this.inboxUrl}/email`);
		if (!response.ok) throw new Error(`the mail catcher answered ${response.status} to GET /email`);
		return (await response.json()) as CaughtEmail[];
	}

	/** Waits (up to 30 s) for a message after the first `after` ones that matches, and returns it. */
	async waitForEmail(matches: (email: CaughtEmail) => boolean, { after = 0 } = {}): Promise<CaughtEmail> {
		const deadline = Date.now() + READINESS_TIMEOUT_MS;
		for (;;) {
			const found = (await this.emails()).slice(after).find(matches);
			if (found) return found;
			if (Date.now() > deadline) throw new Error('no matching e-mail reached the mail catcher within 30 s');
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	async stop(): Promise<void> {
		await stopServiceProcess(this.process);
	}
}
