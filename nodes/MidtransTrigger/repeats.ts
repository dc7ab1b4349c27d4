import type { IDataObject } from 'n8n-workflow';

import type { MidtransNotification } from './signature';

/** How many recent notifications are remembered; the oldest are forgotten first. */
export const REMEMBERED_NOTIFICATIONS = 1000;

const MEMORY_KEY = 'recentNotifications';

/** One notification per order, status and code: Midtrans's retries and resends repeat all three. */
export function repeatKey(notification: MidtransNotification): string {
	return JSON.stringify([notification.order_id, notification.transaction_status, notification.status_code]);
}

function rememberedKeys(memory: IDataObject): string[] {
	const keys = memory[MEMORY_KEY];
	return Array.isArray(keys) ? (keys as string[]) : [];
}

export function wasSeen(memory: IDataObject, key: string): boolean {
	return rememberedKeys(memory).includes(key);
}

/** memory is the workflow's static data for this node, which n8n saves after each webhook call. */
export function remember(memory: IDataObject, key: string, limit = REMEMBERED_NOTIFICATIONS): void {
	// Assigned anew rather than pushed, so n8n's change tracking on static data sees the update.
	memory[MEMORY_KEY] = [...rememberedKeys(memory), key].slice(-limit);
}
