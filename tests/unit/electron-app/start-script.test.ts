// Smoke test of `npm start` in forced browser mode. Runs only once the browser-mode host exists
// (another engineer writes electron/host/main.ts) and the renderer has been built.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const projectDir = path.resolve(import.meta.dirname, '../../..');
const hostExists = existsSync(path.join(projectDir, 'electron/host/main.ts'));
const rendererBuilt = existsSync(path.join(projectDir, 'dist/renderer/cashier/index.html'));

describe('scripts/start.mjs', () => {
  it.skipIf(!hostExists || !rendererBuilt)('POS_FORCE_BROWSER=1 starts browser mode, prints the screen URLs and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chamra-start-smoke-'));
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: projectDir,
      env: { ...process.env, POS_FORCE_BROWSER: '1', POS_SKIP_RENDERER_BUILD: '1', POS_DATA_DIR: dataDir, POS_PORT: '0', STRIPE_SECRET_KEY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /(https?:\/\/\S+\/cashier\/)/.exec(output);
          if (match) resolve(match[1]!);
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code) => reject(new Error(`start.mjs exited (${code}) before printing a URL:\n${output}`)));
      });
      expect(output).toContain('POS_FORCE_BROWSER is set');
      const response = await fetch(url);
      expect(response.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).not.toBeNull();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it.skipIf(hostExists)('refuses browser mode with a clear message when the host is missing', async () => {
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: projectDir,
      env: { ...process.env, POS_FORCE_BROWSER: '1', POS_SKIP_RENDERER_BUILD: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('POS_FORCE_BROWSER is set. Starting browser mode.');
    expect(output).toContain('electron/host/main.ts is missing');
  });
});
