// `npm start` where no Electron runtime can be had: it says so, starts browser mode, prints the
// screen URLs, and both screens load from it. (POS_FORCE_BROWSER skips the download attempt, which
// would fetch ~100 MB wherever the network allows it.)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const projectDir = path.resolve(import.meta.dirname, '../..');

test('npm start falls back to browser mode with a clear message and serves both screens', async ({ page }) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chamra-start-'));
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: projectDir,
    env: { ...process.env, POS_FORCE_BROWSER: '1', POS_SKIP_RENDERER_BUILD: '1', POS_DATA_DIR: dataDir, POS_PORT: '0', STRIPE_SECRET_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  try {
    const [cashierUrl, customerUrl] = await new Promise<[string, string]>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const cashier = /(https?:\/\/\S+\/cashier\/)/.exec(output);
        const customer = /(https?:\/\/\S+\/customer\/)/.exec(output);
        if (cashier && customer) resolve([cashier[1], customer[1]]);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`start.mjs exited (${code}) before printing the URLs:\n${output}`)));
    });
    expect(output).toContain('Starting browser mode');
    expect(output).toMatch(/DEMO/);

    await page.goto(`${customerUrl}?lang=th`);
    await expect(page.getByTestId('customer-status')).toHaveAttribute('data-status', 'idle');
    await page.goto(`${cashierUrl}?lang=th`);
    // A fresh data dir is a first run: the owner's PIN is created before anything else.
    await expect(page.getByTestId('setup-screen')).toBeVisible();

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
