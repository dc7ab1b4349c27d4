/**
 * What n8n recorded about executions, read from its own Postgres tables: in queue mode a webhook process
 * writes the record (status "new") before it answers, a worker moves it to "running" and then to its end;
 * the main process marks "crashed" the ones whose worker died.
 */
import { sqlText } from './shop';
import type { QueueCluster } from './cluster';

export interface ExecutionRecord {
	id: string;
	status: string;
	mode: string;
	retry_of: string | null;
	retry_success_id: string | null;
}

/** Executions of a workflow with an ID above `afterId`, oldest first. */
export async function executionsSince(
	cluster: QueueCluster,
	workflowId: string,
	afterId: number,
): Promise<ExecutionRecord[]> {
	return await cluster.postgres.rows<ExecutionRecord>(
		`SELECT id::text, status, mode, "retryOf" AS retry_of, "retrySuccessId" AS retry_success_id
		   FROM execution_entity WHERE "workflowId" = ${sqlText(workflowId)} AND id > ${afterId} ORDER BY id`,
		cluster.n8nDatabase,
	);
}

/** The highest execution ID so far: a mark from which to count what a step started. */
export async function lastExecutionId(cluster: QueueCluster): Promise<number> {
	const [row] = await cluster.postgres.rows<{ id: number | null }>(
		'SELECT max(id) AS id FROM execution_entity',
		cluster.n8nDatabase,
	);
	return row?.id ?? 0;
}

/** Statuses of an execution that is still to run or running. */
export const UNFINISHED_STATUSES = ['new', 'running', 'waiting'];

export function countByStatus(records: ExecutionRecord[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const record of records) counts[record.status] = (counts[record.status] ?? 0) + 1;
	return counts;
}
