// Types for runtime-modules.mjs.
export const INSTALL_TIME_ONLY: Readonly<Record<string, readonly string[]>>;
export function findPackageDir(name: string, fromDir: string, rootDir: string): string | null;
export function runtimeModuleClosure(projectDir: string, roots?: string[]): { packages: string[]; identities: string[]; names: string[]; missing: string[] };
