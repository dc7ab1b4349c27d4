/**
 * Notifications as Midtrans sends them to a busy merchant, for the queue-mode test: orders whose statuses
 * change in phases (pending, then paid or expired, then refunded in parts), each change announced by a signed
 * notification, some delivered twice or more, some late (a "pending" after the "settlement"), many at once.
 * The simulator sends each one (signed, and retried on Midtrans's schedule when not answered 2xx), so what
 * n8n sees is what Midtrans would send; the plan says which distinct events the merchant must end up with.
 */
import type { NotificationDelivery, Simulator } from '../simulator';

/** One notification of an order's current state, announcing `status`. */
export interface PlannedNotification {
	orderId: string;
	status: string;
}

export interface Phase {
	name: string;
	/** State changes at Midtrans (the simulator) before this phase's notifications go out. */
	changes: (simulator: Simulator) => Promise<void>;
	/** One list per order, delivered in its order; the lists run side by side. */
	sequences: PlannedNotification[][];
}

/** Deterministic shuffles and picks, so that a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function shuffled<T>(items: T[], random: () => number): T[] {
	const copy = [...items];
	for (let index = copy.length - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[copy[index], copy[other]] = [copy[other], copy[index]];
	}
	return copy;
}

/**
 * Delivers some notifications again, right after the first time (Midtrans's resends: nothing tells them
 * apart from the first). `extraCopies[i]` more copies of the i-th chosen one; which ones, the seed decides.
 */
export function withRepeats(phases: Phase[], extraCopies: number[], random: () => number): Phase[] {
	const slots = phases.flatMap((phase, phaseIndex) =>
		phase.sequences.flatMap((sequence, sequenceIndex) => sequence.map((_, position) => ({ phaseIndex, sequenceIndex, position }))),
	);
	if (extraCopies.length > slots.length) throw new Error('more repeats asked for than notifications planned');
	const copies = new Map<string, number>();
	shuffled(slots, random)
		.slice(0, extraCopies.length)
		.forEach((slot, index) => copies.set(`${slot.phaseIndex}/${slot.sequenceIndex}/${slot.position}`, extraCopies[index]));
	return phases.map((phase, phaseIndex) => ({
		...phase,
		sequences: phase.sequences.map((sequence, sequenceIndex) =>
			sequence.flatMap((notification, position) => {
				const extra = copies.get(`${phaseIndex}/${sequenceIndex}/${position}`) ?? 0;
				return Array.from({ length: 1 + extra }, () => notification);
			}),
		),
	}));
}

export function countNotifications(phases: Phase[]): number {
	return phases.reduce((sum, phase) => sum + phase.sequences.flat().length, 0);
}

export interface CampaignProgress {
	/** Notifications whose first attempt has been answered (or failed). */
	sent: number;
	total: number;
}

/**
 * Runs the phases one after the other; within a phase, `concurrency` lanes each take the next order's list and
 * send it notification by notification. Resolves with every delivery's first attempt once all are sent;
 * retries go on in the simulator (simulator.idle() waits for them).
 */
export async function runCampaign(
	simulator: Simulator,
	url: string,
	phases: Phase[],
	concurrency: number,
	onProgress?: (progress: CampaignProgress) => void,
	random: () => number = Math.random,
): Promise<NotificationDelivery[]> {
	const total = countNotifications(phases);
	const deliveries: NotificationDelivery[] = [];
	for (const phase of phases) {
		await phase.changes(simulator);
		const queue = shuffled(phase.sequences, random);
		const lane = async () => {
			for (let sequence = queue.shift(); sequence; sequence = queue.shift()) {
				for (const { orderId, status } of sequence) {
					deliveries.push(await simulator.notify({ url, status, orderId, retry: true }));
					onProgress?.({ sent: deliveries.length, total });
				}
			}
		};
		await Promise.all(Array.from({ length: concurrency }, lane));
	}
	return deliveries;
}
