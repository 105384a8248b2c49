// Types for electron-runtime.mjs (plain Node ESM so `npm start` needs no build step).
export type ElectronRuntimeStatus =
  | { present: true; executablePath: string; version: string | null }
  | { present: false; reason: string; version: string | null };

export interface ElectronRuntimeStatusInput {
  projectDir: string;
  env?: Record<string, string | undefined>;
  platform?: string;
  fileExists?: (file: string) => boolean;
  readText?: (file: string) => string | undefined;
}

export type StartPlan = { mode: 'electron'; message?: undefined } | { mode: 'download'; message?: undefined } | { mode: 'browser'; message: string };

export function electronExecutableName(platform: string): string | null;
export function electronRuntimeStatus(input: ElectronRuntimeStatusInput): ElectronRuntimeStatus;
export const DOWNLOAD_RETRY_AFTER_MS: number;
export function planStart(input: {
  env: Record<string, string | undefined>;
  runtime: ElectronRuntimeStatus;
  lastDownloadFailure?: { at: number; reason: string } | null;
  now?: number;
}): StartPlan;
export function downloadFailureReason(input: { stderr?: string; status?: number | null; signal?: string | null; timedOut?: boolean; timeoutMs?: number }): string;
export const RENDERER_OUTPUTS: string[];
export const RENDERER_INPUTS: string[];
export function rendererBuildState(projectDir: string): { fresh: boolean; reason: string };
