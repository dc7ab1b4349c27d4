// The community-package scanner ships plain ESM without types; these are the two exports the check uses.
declare module '@n8n/scan-community-package/scanner/scanner.mjs' {
	export function analyzePackage(
		directory: string,
		patterns?: string[],
	): Promise<{ passed: boolean; message?: string; details?: string }>;
	export const SOURCE_FILE_PATTERNS: string[];
}
