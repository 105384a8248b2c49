// Types for build-main.mjs.
import type { Metafile } from 'esbuild';

export function mainExternals(projectDir?: string): string[];
export function buildMain(options?: {
  projectDir?: string;
  outDir?: string;
  logLevel?: 'verbose' | 'debug' | 'info' | 'warning' | 'error' | 'silent';
}): Promise<{ outDir: string; main: string; preload: string; metafiles: { main: Metafile; preload: Metafile } }>;
export const MAIN_RUNTIME_EXTERNALS: Readonly<Record<string, string>>;
