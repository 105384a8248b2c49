// Types for inspect-package.mjs.
export function sizeOnDisk(target: string): number;
export function packageOfPath(relativePath: string): string | null;
export function packageDirOfPath(relativePath: string): string | null;
export function packagesInApp(appDir: string, files: string[]): Record<string, string>;
export function forbiddenFiles(files: string[], rules: { runtimePackageDirs: string[]; devOnlyPackages: string[] }): string[];
export function unresolvedRequires(appDir: string, entries: string[]): Promise<{ unresolved: string[]; reachedPackages: string[] }>;
export function pdfFontFiles(appDir: string): { found: string[]; problems: string[] };
export function screenFiles(appDir: string): { thaiFonts: string[]; problems: string[] };
