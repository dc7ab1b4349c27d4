import { resources } from './actions/resources';

/** "resource.operation" → the operation's action as the Operation parameter shows it ("Approve payouts"). */
const ACTIONS: Record<string, string> = Object.fromEntries(
	resources.flatMap((resource) =>
		(resource.operationProperty.options ?? []).map((option) => {
			const { value, action, name } = option as { value: unknown; action?: string; name: string };
			return [`${resource.value}.${String(value)}`, action ?? name];
		}),
	),
);

/** The node's subtitle on the canvas, in words; the names are written in at build time. */
export const SUBTITLE_EXPRESSION = `={{ ${JSON.stringify(ACTIONS)}[$parameter["resource"] + "." + $parameter["operation"]] || $parameter["operation"] }}`;
