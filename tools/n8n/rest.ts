/** The parts of n8n's internal REST API (what its editor uses) that the start script and the e2e tests need. */
import { randomUUID } from 'crypto';
import { parse as parseFlatted } from 'flatted';

import type { DataTableSpec } from './exampleTables';

export interface OwnerAccount {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export interface WorkflowSummary {
	id: string;
	name: string;
	active: boolean;
	versionId: string;
	activeVersionId?: string | null;
}

interface PublicationStatus {
	status: 'not_published' | 'in_progress' | 'published' | 'partial' | 'failed';
	liveVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	startedAt: string;
}

export interface NodeRun {
	executionStatus?: string;
	error?: { message?: string; description?: string };
	data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
}

export interface ExecutionDetail extends ExecutionSummary {
	/** Each node's runs, by node name, as the editor's execution view shows them. */
	runData: Record<string, NodeRun[]>;
	error?: { message?: string };
}

interface DataTableSummary {
	id: string;
	name: string;
}

export class N8nRestError extends Error {
	constructor(
		readonly status: number,
		readonly path: string,
		body: string,
	) {
		super(`n8n answered ${status} to ${path}: ${body.slice(0, 500)}`);
	}
}

export class N8nRestClient {
	private cookie?: string;
	// n8n ties a login cookie to the browser-id header it was issued with.
	private readonly browserId = randomUUID();
	/** n8n 2.x activates a published workflow's triggers from a queue; 1.x does it before answering. */
	private readonly publishesThroughQueue: boolean;

	/** `n8nVersion`: the release this instance runs, whose API this client speaks. */
	constructor(
		private readonly baseUrl: string,
		n8nVersion: string,
	) {
		this.publishesThroughQueue = Number(n8nVersion.split('.')[0]) >= 2;
	}

	private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new N8nRestError(response.status, path, text);
		const authCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth='));
		if (authCookie) this.cookie = authCookie.split(';')[0];
		return (JSON.parse(text) as { data: T }).data;
	}

	/** Whether the instance still shows the owner-setup page (no owner account yet). */
	async needsOwnerSetup(): Promise<boolean> {
		const settings = await this.request<{ userManagement: { showSetupOnFirstLoad?: boolean } }>('GET', '/settings');
		return settings.userManagement.showSetupOnFirstLoad === true;
	}

	/** Creates the owner account (n8n's first-start page does this), which also logs in. */
	async setupOwner(owner: OwnerAccount): Promise<void> {
		await this.request('POST', '/owner/setup', owner);
	}

	async login(owner: Pick<OwnerAccount, 'email' | 'password'>): Promise<void> {
		await this.request('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	}

	/** Node types the instance has loaded, by type name (e.g. "n8n-nodes-midtrans.midtrans"). */
	async loadedNodeTypes(): Promise<string[]> {
		const response = await fetch(`${this.baseUrl}/types/nodes.json`, {
			headers: { 'browser-id': this.browserId, ...(this.cookie ? { cookie: this.cookie } : {}) },
		});
		if (!response.ok) throw new N8nRestError(response.status, '/types/nodes.json', await response.text());
		const types = (await response.json()) as Array<{ name: string }>;
		return [...new Set(types.map((type) => type.name))];
	}

	async getWorkflow(workflowId: string): Promise<WorkflowSummary> {
		return await this.request('GET', `/workflows/${workflowId}`);
	}

	/**
	 * Publishes (activates) a workflow's current version and waits until its triggers are live: n8n 2.x
	 * accepts the request at once and activates the triggers a little later, from a queue. (1.x, which calls
	 * this "activate", answers once they are live, and has no publication status to ask for.)
	 */
	async publishWorkflow(workflowId: string, timeoutMs = 30_000): Promise<WorkflowSummary> {
		const { versionId } = await this.getWorkflow(workflowId);
		const workflow = await this.request<WorkflowSummary>('POST', `/workflows/${workflowId}/activate`, { versionId });
		if (!this.publishesThroughQueue) return workflow;
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const publication = await this.request<PublicationStatus>('GET', `/workflows/${workflowId}/publication-status`);
			if (publication.status === 'published' && publication.liveVersionId === versionId) return workflow;
			if (publication.status === 'failed' || publication.status === 'partial') {
				const reasons = publication.triggers.map((trigger) => trigger.errorMessage).filter(Boolean);
				throw new Error(`n8n could not publish workflow ${workflowId}: ${reasons.join('; ') || publication.status}`);
			}
			if (Date.now() > deadline)
				throw new Error(`workflow ${workflowId} was not published within ${timeoutMs / 1000} s`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** Changes a credential's fields, as a user saving the credential dialog does (the other fields stay). */
	async updateCredential(credentialId: string, name: string, type: string, data: Record<string, unknown>): Promise<void> {
		await this.request('PATCH', `/credentials/${credentialId}`, { name, type, data });
	}

	async deactivateWorkflow(workflowId: string): Promise<WorkflowSummary> {
		return await this.request('POST', `/workflows/${workflowId}/deactivate`, {});
	}

	/** Creates a Data table in the owner's personal project unless one of that name is there; returns its id. */
	async ensureDataTable(table: DataTableSpec): Promise<string> {
		const project = await this.request<{ id: string }>('GET', '/projects/personal');
		const path = `/projects/${project.id}/data-tables`;
		const existing = await this.request<{ data: DataTableSummary[] }>('GET', path);
		const found = existing.data.find((candidate) => candidate.name === table.name);
		if (found) return found.id;
		return (await this.request<DataTableSummary>('POST', path, table)).id;
	}

	/** The rows of a Data table in the owner's personal project, by its name. */
	async dataTableRows(name: string): Promise<Array<Record<string, unknown>>> {
		const project = await this.request<{ id: string }>('GET', '/projects/personal');
		const path = `/projects/${project.id}/data-tables`;
		const table = (await this.request<{ data: DataTableSummary[] }>('GET', path)).data.find(
			(candidate) => candidate.name === name,
		);
		if (!table) throw new Error(`n8n has no Data table named ${name}`);
		return (await this.request<{ data: Array<Record<string, unknown>> }>('GET', `${path}/${table.id}/rows?take=1000`))
			.data;
	}

	/** The newest executions of a workflow, newest first. */
	async listExecutions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.request<{ results: ExecutionSummary[] }>('GET', `/executions?filter=${filter}&limit=100`);
		return page.results;
	}

	async getExecution(executionId: string): Promise<ExecutionDetail> {
		const execution = await this.request<ExecutionSummary & { data: string }>('GET', `/executions/${executionId}`);
		// n8n stores execution data in the "flatted" format, which keeps shared and circular references.
		const data = parseFlatted(execution.data) as {
			resultData: { runData: Record<string, NodeRun[]>; error?: { message?: string } };
		};
		return { ...execution, runData: data.resultData.runData, error: data.resultData.error };
	}
}
