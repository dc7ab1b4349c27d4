/**
 * Under tsx, `import … from './Midtrans.node'` finds the codex file Midtrans.node.json before
 * Midtrans.node.ts (Node tries .json before tsx's .ts). Import this module first: it resolves such
 * requests to the TypeScript source when one exists, so the engine harness runs the node's source.
 */
import { existsSync } from 'fs';
import Module from 'module';
import { dirname, resolve } from 'path';

type ResolveFilename = (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string;

const moduleInternals = Module as unknown as { _resolveFilename: ResolveFilename };
const resolveFilename = moduleInternals._resolveFilename;

moduleInternals._resolveFilename = function (request, parent, ...rest) {
	if (request.endsWith('.node') && request.startsWith('.') && parent?.filename) {
		const source = resolve(dirname(parent.filename), `${request}.ts`);
		if (existsSync(source)) return source;
	}
	return resolveFilename.call(this, request, parent, ...rest);
};
