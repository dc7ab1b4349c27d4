import type { IDataObject } from 'n8n-workflow';

import type { MidtransNotification } from './signature';

/** How many recent notifications are remembered; the oldest are forgotten first. */
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

/**
 * One notification per order and status: Midtrans's retries and resends repeat both. Without confirmation
 * the status code is part of it; with confirmation the status Midtrans confirmed is what the workflow saw,
 * so a late "pending" confirmed as "expire" and the "expire" itself count as one.
 */
export function repeatKey(notification: MidtransNotification, confirmedStatus?: string): string {
	return confirmedStatus
		? JSON.stringify([notification.order_id, confirmedStatus])
		: JSON.stringify([notification.order_id, notification.transaction_status, notification.status_code]);
}

function keysIn(memory: IDataObject): string[] {
	const keys = memory[MEMORY_KEY];
	return Array.isArray(keys) ? (keys as string[]) : [];
}

export function wasSeen(memory: IDataObject, trigger: string, key: string): boolean {
	return keysIn(memory).includes(key) || (processMemory.get(trigger)?.includes(key) ?? false);
}

/**
 * memory is the workflow's static data for this node; trigger names this trigger node in this process
 * (workflow ID and node ID).
 */
export function remember(
	memory: IDataObject,
	trigger: string,
	key: string,
	limit = REMEMBERED_NOTIFICATIONS,
): void {
	// Assigned anew rather than pushed, so n8n's change tracking on static data sees the update.
	memory[MEMORY_KEY] = [...keysIn(memory), key].slice(-limit);
	const inProcess = [...(processMemory.get(trigger) ?? []), key].slice(-limit);
	processMemory.delete(trigger);
	processMemory.set(trigger, inProcess);
	if (processMemory.size > REMEMBERED_TRIGGERS) {
		processMemory.delete(processMemory.keys().next().value as string);
	}
}
