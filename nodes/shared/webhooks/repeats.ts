import type { IDataObject } from 'n8n-workflow';

/**
 * How many recent events (by their identity, see eventIdOf) each trigger remembers; the oldest are forgotten
 * first. About 100 bytes each: at most about 100 KB per trigger.
 */
export const REMEMBERED_NOTIFICATIONS = 1000;

/** How many trigger nodes' lists the process keeps; the least recently used are dropped first. */
const REMEMBERED_TRIGGERS = 200;

const MEMORY_KEY = 'recentNotifications';

/**
 * n8n (seen in 2.41) does not save static data that a webhook call changed when that call starts an
 * execution: it builds a second workflow over the same data, which clears the change flag before the save.
 * So the keys are also kept in this process's memory, which every later call of the same trigger sees.
 */
const processMemory = new Map<string, string[]>();

function keysIn(memory: IDataObject): string[] {
	const keys = memory[MEMORY_KEY];
	return Array.isArray(keys) ? (keys as string[]) : [];
}

export function wasSeen(memory: IDataObject, trigger: string, eventId: string): boolean {
	return keysIn(memory).includes(eventId) || (processMemory.get(trigger)?.includes(eventId) ?? false);
}

/**
 * memory is the workflow's static data for this node; trigger names this trigger node in this process
 * (workflow ID and node ID).
 */
export function remember(
	memory: IDataObject,
	trigger: string,
	eventId: string,
	limit = REMEMBERED_NOTIFICATIONS,
): void {
	// Assigned anew rather than pushed, so n8n's change tracking on static data sees the update.
	memory[MEMORY_KEY] = [...keysIn(memory), eventId].slice(-limit);
	const inProcess = [...(processMemory.get(trigger) ?? []), eventId].slice(-limit);
	processMemory.delete(trigger);
	processMemory.set(trigger, inProcess);
	if (processMemory.size > REMEMBERED_TRIGGERS) {
		processMemory.delete(processMemory.keys().next().value as string);
	}
}
