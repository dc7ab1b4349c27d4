import type { N8nPorts } from './instance';
import type { MailCatcherPorts } from './mailCatcher';

/**
 * A suite's five ports from its first: n8n, its task broker, the task broker of command-line runs, then the
 * mail catcher's SMTP and inbox. Each suite has its own first port, so that suites can run side by side.
 */
export function suitePorts(http: number): N8nPorts & { mail: MailCatcherPorts } {
	return { http, taskBroker: http + 1, cliTaskBroker: http + 2, mail: { smtp: http + 3, web: http + 4 } };
}
