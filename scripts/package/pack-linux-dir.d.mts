// Types for pack-linux-dir.mjs.
export function readBuilderConfig(projectDir: string): Record<string, unknown>;
export function offlinePackConfig<T extends Record<string, unknown>>(config: T, options: { electronDist: string; outputDir: string }): T & { electronDist: string; npmRebuild: false; publish: null; directories: Record<string, unknown> };
export function packLinuxDir(options: { projectDir: string; electronDist: string; outputDir: string }): Promise<{ appOutDir: string; config: Record<string, unknown> }>;
