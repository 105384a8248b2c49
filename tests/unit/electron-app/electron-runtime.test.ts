import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DOWNLOAD_RETRY_AFTER_MS,
  downloadFailureReason,
  electronRuntimeStatus,
  planStart,
  rendererBuildState,
  type ElectronRuntimeStatus,
} from '../../../scripts/electron-runtime.mjs';

const projectDir = path.resolve(import.meta.dirname, '../../..');
const PRESENT: ElectronRuntimeStatus = { present: true, executablePath: '/x/electron', version: '45.5.0' };
const ABSENT: ElectronRuntimeStatus = { present: false, reason: 'the Electron binary was never downloaded', version: '45.5.0' };

describe('electronRuntimeStatus', () => {
  it('reports this machine honestly: the package is installed, the binary is not', () => {
    const status = electronRuntimeStatus({ projectDir, env: {} });
    expect(status).toMatchObject({ present: false, version: '45.5.0', reason: expect.stringMatching(/never downloaded|missing/) });
  });

  it('finds the binary through path.txt once it has been downloaded', () => {
    const files = new Map<string, string>();
    const electronDir = path.join(projectDir, 'node_modules', 'electron');
    files.set(path.join(electronDir, 'package.json'), JSON.stringify({ version: '45.5.0' }));
    files.set(path.join(electronDir, 'path.txt'), 'electron');
    files.set(path.join(electronDir, 'dist', 'electron'), '');
    const status = electronRuntimeStatus({ projectDir, env: {}, platform: 'linux', fileExists: (p: string) => files.has(p), readText: (p: string) => files.get(p) });
    expect(status).toEqual({ present: true, executablePath: path.join(electronDir, 'dist', 'electron'), version: '45.5.0' });
  });

  it('says the binary is missing when path.txt names a file that is not there', () => {
    const electronDir = path.join(projectDir, 'node_modules', 'electron');
    const status = electronRuntimeStatus({
      projectDir,
      env: {},
      fileExists: (p: string) => p.endsWith('path.txt'),
      readText: (p: string) => (p.endsWith('path.txt') ? 'electron' : JSON.stringify({ version: '45.5.0' })),
    });
    expect(status).toMatchObject({ present: false, reason: expect.stringContaining(path.join(electronDir, 'dist', 'electron')) });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const status = electronRuntimeStatus({
      projectDir,
      env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' },
      platform: 'win32',
      fileExists: (p: string) => p === path.join('/opt/electron', 'electron.exe'),
      readText: () => JSON.stringify({ version: '45.5.0' }),
    });
    expect(status).toMatchObject({ present: true, executablePath: path.join('/opt/electron', 'electron.exe') });
  });

  it('says so when the electron package itself is not installed', () => {
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'chamra-no-electron-'));
    try {
      expect(electronRuntimeStatus({ projectDir: elsewhere, env: {} })).toMatchObject({ present: false, reason: expect.stringMatching(/npm install/) });
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('planStart', () => {
  it('POS_FORCE_BROWSER wins even when Electron is present', () => {
    expect(planStart({ env: { POS_FORCE_BROWSER: '1' }, runtime: PRESENT })).toMatchObject({ mode: 'browser' });
    expect(planStart({ env: { POS_FORCE_BROWSER: '0' }, runtime: PRESENT })).toEqual({ mode: 'electron' });
  });

  it('runs Electron when the runtime is present', () => {
    expect(planStart({ env: {}, runtime: PRESENT })).toEqual({ mode: 'electron' });
  });

  it('tries the download when the runtime is absent and nothing failed recently', () => {
    expect(planStart({ env: {}, runtime: ABSENT })).toEqual({ mode: 'download' });
    const longAgo = { at: 0, reason: 'fetch failed' };
    expect(planStart({ env: {}, runtime: ABSENT, lastDownloadFailure: longAgo, now: DOWNLOAD_RETRY_AFTER_MS + 1 })).toEqual({ mode: 'download' });
  });

  it('never downloads under CI', () => {
    const plan = planStart({ env: { CI: 'true' }, runtime: ABSENT });
    expect(plan.mode).toBe('browser');
    expect(plan.message).toMatch(/CI is set.*Starting browser mode instead\./);
  });

  it('falls back to browser mode with the reason after a failed download, and does not retry within the hour', () => {
    const failure = { at: 1_000, reason: 'TypeError: fetch failed' };
    const plan = planStart({ env: {}, runtime: ABSENT, lastDownloadFailure: failure, now: 2_000 });
    expect(plan).toEqual({ mode: 'browser', message: expect.stringContaining('Electron runtime could not be downloaded (TypeError: fetch failed). Starting browser mode instead.') });
    expect(planStart({ env: { POS_RETRY_ELECTRON_DOWNLOAD: '1' }, runtime: ABSENT, lastDownloadFailure: failure, now: 2_000 })).toEqual({ mode: 'download' });
  });
});

describe('downloadFailureReason', () => {
  it('keeps the error line and drops the stack', () => {
    const stderr = 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n    at async FetchDownloader.download (x.js:46:30)\n';
    expect(downloadFailureReason({ stderr, status: 1 })).toBe('TypeError: fetch failed');
  });

  it('names a timeout, a signal or a bare exit code', () => {
    expect(downloadFailureReason({ timedOut: true, timeoutMs: 60_000 })).toBe('timed out after 60 s');
    expect(downloadFailureReason({ signal: 'SIGKILL' })).toBe('installer killed by SIGKILL');
    expect(downloadFailureReason({ status: 3 })).toBe('installer exited with code 3');
  });
});

describe('rendererBuildState', () => {
  let dir: string;
  const write = (file: string, mtimeSeconds: number) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), 'x');
    utimesSync(path.join(dir, file), mtimeSeconds, mtimeSeconds);
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'chamra-renderer-state-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('needs a build when an output is missing', () => {
    write('renderer/cashier/main.tsx', 1_000);
    write('dist/renderer/cashier/index.html', 2_000);
    expect(rendererBuildState(dir)).toMatchObject({ fresh: false, reason: expect.stringContaining('customer') });
  });

  it('is fresh when the outputs are newer than every source, stale when a source changes', () => {
    write('renderer/cashier/main.tsx', 1_000);
    write('shared/money.ts', 1_000);
    write('dist/renderer/cashier/index.html', 2_000);
    write('dist/renderer/customer/index.html', 2_000);
    expect(rendererBuildState(dir)).toMatchObject({ fresh: true });
    write('shared/money.ts', 3_000);
    expect(rendererBuildState(dir)).toMatchObject({ fresh: false });
  });
});
