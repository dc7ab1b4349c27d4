import { join, resolve } from 'path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const CACHE_DIR = join(REPO_ROOT, '.cache');
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

export function log(message: string): void {
	console.log(`[n8n-midtrans] ${message}`);
}

export function elapsedSince(startedAt: number): string {
	const seconds = (Date.now() - startedAt) / 1000;
	return seconds < 90 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
