// Types for builder-files.mjs.
export const REQUIRED_FUSES: Readonly<Record<string, boolean>>;
export const FUSE_WIRE_ORDER: readonly string[];
export function packagesListedInFiles(config: { files?: unknown[] }): string[];
export function fuseConfigProblems(electronFuses: Record<string, unknown> | undefined): string[];
export function namedFuses(wire: Record<number, number>): Record<string, boolean | 'removed' | 'absent'>;
