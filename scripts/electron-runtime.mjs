// Decisions behind `npm start`, kept pure (inputs in, answer out) so they can be unit-tested:
// is the Electron runtime present, should we try to download it, is the renderer build up to date.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Same mapping as electron/install.js. */
export function electronExecutableName(platform) {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return 'electron';
    default:
      return null;
  }
}

/**
 * Where the Electron binary is, or why it is missing. Never require('electron') here: its index.js
 * tries to download the binary as a side effect.
 * @returns {{present: true, executablePath: string, version: string} | {present: false, reason: string, version: string | null}}
 */
export function electronRuntimeStatus({ projectDir, env = process.env, platform = process.platform, fileExists = existsSync, readText = (p) => readFileSync(p, 'utf8') } = {}) {
  let packageDir;
  let version = null;
  try {
    const packageJson = createRequire(path.join(projectDir, 'package.json')).resolve('electron/package.json');
    packageDir = path.dirname(packageJson);
    version = JSON.parse(readText(packageJson)).version ?? null;
  } catch {
    return { present: false, reason: 'the electron package is not installed (run npm install)', version };
  }
  let executable = null;
  const pathFile = path.join(packageDir, 'path.txt');
  if (fileExists(pathFile)) executable = readText(pathFile).trim();
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const overridden = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || electronExecutableName(platform) || 'electron');
    return fileExists(overridden)
      ? { present: true, executablePath: overridden, version }
      : { present: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron executable (${overridden})`, version };
  }
  if (!executable) return { present: false, reason: 'the Electron binary was never downloaded (node_modules/electron/path.txt is missing)', version };
  const executablePath = path.join(packageDir, 'dist', executable);
  if (!fileExists(executablePath)) return { present: false, reason: `the Electron binary is missing (${executablePath})`, version };
  return { present: true, executablePath, version };
}

const truthy = (value) => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';

/** How long a failed download is remembered, so an offline `npm start` does not retry every time. */
export const DOWNLOAD_RETRY_AFTER_MS = 60 * 60 * 1000;

/**
 * What `npm start` should do next.
 * @param {{env: Record<string, string | undefined>, runtime: ReturnType<typeof electronRuntimeStatus>, lastDownloadFailure?: {at: number, reason: string} | null, now?: number}} input
 * @returns {{mode: 'electron'} | {mode: 'download'} | {mode: 'browser', message: string}}
 */
export function planStart({ env, runtime, lastDownloadFailure = null, now = Date.now() }) {
  if (truthy(env.POS_FORCE_BROWSER)) return { mode: 'browser', message: 'POS_FORCE_BROWSER is set. Starting browser mode.' };
  if (runtime.present) return { mode: 'electron' };
  if (truthy(env.CI)) {
    return { mode: 'browser', message: `Electron runtime is not available (${runtime.reason}; not downloading because CI is set). Starting browser mode instead.` };
  }
  const recentFailure = lastDownloadFailure && now - lastDownloadFailure.at < DOWNLOAD_RETRY_AFTER_MS && !truthy(env.POS_RETRY_ELECTRON_DOWNLOAD);
  if (recentFailure) {
    return {
      mode: 'browser',
      message: `Electron runtime could not be downloaded (${lastDownloadFailure.reason}). Starting browser mode instead. (Set POS_RETRY_ELECTRON_DOWNLOAD=1 to try the download again now.)`,
    };
  }
  return { mode: 'download' };
}

/** The first meaningful line of the installer's output, without stack frames. */
export function downloadFailureReason({ stderr = '', status = null, signal = null, timedOut = false, timeoutMs = 0 }) {
  if (timedOut) return `timed out after ${Math.round(timeoutMs / 1000)} s`;
  const line = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('at '));
  if (line) return line.length > 200 ? `${line.slice(0, 200)}…` : line;
  if (signal) return `installer killed by ${signal}`;
  return `installer exited with code ${status}`;
}

function newestMtime(target, skip) {
  let stats;
  try {
    stats = statSync(target);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    if (skip.has(entry)) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry), skip));
  }
  return newest;
}

export const RENDERER_OUTPUTS = ['dist/renderer/cashier/index.html', 'dist/renderer/customer/index.html'];
export const RENDERER_INPUTS = ['renderer', 'shared', 'vite.config.ts', 'vite.config.mjs', 'package.json', 'tsconfig.renderer.json'];

/** Whether dist/renderer is newer than everything it is built from. */
export function rendererBuildState(projectDir) {
  const outputs = RENDERER_OUTPUTS.map((p) => path.join(projectDir, p));
  const missing = outputs.filter((p) => !existsSync(p));
  if (missing.length > 0) return { fresh: false, reason: `${path.relative(projectDir, missing[0])} is missing` };
  const built = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  const skip = new Set(['node_modules', '.git']);
  const changed = Math.max(...RENDERER_INPUTS.map((p) => newestMtime(path.join(projectDir, p), skip)));
  return changed > built ? { fresh: false, reason: 'sources changed since the last build' } : { fresh: true, reason: 'up to date' };
}
