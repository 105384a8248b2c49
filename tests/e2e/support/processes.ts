// Starts real processes (browser-mode host, standalone stripe-sim) for end-to-end tests and waits for
// their "ready" line on stdout instead of sleeping.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface RunningProcess {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  /** Graceful stop (SIGTERM) and wait for exit. */
  stop(): Promise<void>;
  /** Hard kill (SIGKILL), as a power cut or crash would. */
  kill(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** How long a process gets to print its ready line: a host starting on a busy two-core CI machine has been seen to take over 30 s. */
export const PROCESS_READY_MS = 90_000;

/** Runs a TypeScript entry point with Node + the tsx loader: one process, so a kill really kills it. */
export function startTsProcess(entry: string, env: Record<string, string>, ready: RegExp, timeoutMs = PROCESS_READY_MS): Promise<RunningProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running: RunningProcess = {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} was not ready within ${timeoutMs} ms. Output:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve(running);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before it was ready. Output:\n${output}`));
    });
  });
}

/**
 * A process's ready line has its own budget (startTsProcess's timeout, with the output in its error):
 * it is added to the running test's or hook's, so a slow start on a loaded machine is not cut short by
 * the test's budget for its own steps. Playwright is imported here only, when an e2e spec starts a
 * process: the integration tests that share startTsProcess never load it.
 */
const granted = new WeakMap<object, number>();
async function allowForStart(ms: number): Promise<void> {
  const { test } = await import('@playwright/test');
  const info = test.info();
  // In a hook, info.timeout stays the test's: add up what was granted here instead.
  const total = (granted.get(info) ?? info.timeout) + ms;
  granted.set(info, total);
  info.setTimeout(total);
}


export interface Till {
  host: RunningProcess;
  baseUrl: string;
  dataDir: string;
  apiToken: string;
}

/** Browser-mode host, in demo mode (embedded simulator) unless `env` points it at a Stripe server. */
export async function startTill(env: Record<string, string> = {}, dataDir = tempDir('chamra-e2e-')): Promise<Till> {
  const port = env.POS_PORT ? Number(env.POS_PORT) : await freePort();
  const apiToken = 'e2e-token-0123456789';
  await allowForStart(PROCESS_READY_MS);
  const host = await startTsProcess(
    'electron/host/main.ts',
    { POS_PORT: String(port), POS_DATA_DIR: dataDir, POS_API_TOKEN: apiToken, ...env },
    /\/customer\//,
    PROCESS_READY_MS,
  );
  return { host, baseUrl: `http://127.0.0.1:${port}`, dataDir, apiToken };
}

export interface StandaloneSim {
  process: RunningProcess;
  url: string;
  control(paymentIntentId: string, action: 'succeed' | 'fail' | 'expire'): Promise<void>;
  paymentIntent(id: string): Promise<Record<string, unknown>>;
}

/** The simulator as its own process: it keeps running (like Stripe) while a till is killed. */
export async function startStandaloneSim(): Promise<StandaloneSim> {
  const port = await freePort();
  await allowForStart(PROCESS_READY_MS);
  const proc = await startTsProcess('stripe-sim/main.ts', { SIM_PORT: String(port) }, /listening on/, PROCESS_READY_MS);
  const url = `http://127.0.0.1:${port}`;
  return {
    process: proc,
    url,
    async control(id, action) {
      const response = await fetch(`${url}/_sim/payment_intents/${id}/${action}`, { method: 'POST' });
      if (!response.ok) throw new Error(`sim ${action} answered ${response.status}`);
    },
    async paymentIntent(id) {
      const response = await fetch(`${url}/v1/payment_intents/${id}`, { headers: { authorization: 'Bearer sk_test_e2e' } });
      return (await response.json()) as Record<string, unknown>;
    },
  };
}
