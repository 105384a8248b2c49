// The browser-mode host (electron/host/main.ts, demo mode: the embedded Stripe simulator) as its own
// process, like `npm run serve`, with bench/support/stripe-timing.ts preloaded so every Stripe
// request's time arrives on its stdout. The bench awaits those lines (no sleeping).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { STRIPE_TIMING_PREFIX, type StripeTiming } from './stripe-timing';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface TimedHost {
  baseUrl: string;
  /** How many requests have been timed so far: pass it to `timing` to look only at later ones. */
  mark(): number;
  /** The first request timed after `mark` that matches `wanted`, once it has arrived. */
  timing(mark: number, wanted: (timing: StripeTiming) => boolean, timeoutMs?: number): Promise<StripeTiming>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startTimedHost(rendererDir: string): Promise<TimedHost> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-bench-charge-'));
  const env: NodeJS.ProcessEnv = { ...process.env, POS_PORT: String(port), POS_HOST: '127.0.0.1', POS_DATA_DIR: dataDir, POS_RENDERER_DIR: rendererDir };
  // Demo mode: no key, the embedded simulator answers as Stripe.
  delete env.STRIPE_SECRET_KEY;
  delete env.STRIPE_API_BASE;
  // BENCH_HOST_CPU_PROF=<folder>: the host writes a CPU profile there when it stops (where its time goes).
  const profile = process.env.BENCH_HOST_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_HOST_CPU_PROF] : [];
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [...profile, '--import', 'tsx', '--import', './bench/support/stripe-timing.ts', 'electron/host/main.ts'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });

  const timings: StripeTiming[] = [];
  const waiting = new Set<() => void>();
  let output = '';
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith(STRIPE_TIMING_PREFIX)) timings.push(JSON.parse(line.slice(STRIPE_TIMING_PREFIX.length)) as StripeTiming);
      else output += `${line}\n`;
    }
    for (const check of [...waiting]) check();
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host was not ready within 120 s:\n${output}`)), 120_000);
    const check = () => {
      if (!output.includes('/customer/')) return;
      clearTimeout(timer);
      waiting.delete(check);
      resolve();
    };
    waiting.add(check);
    child.once('exit', (code) => reject(new Error(`the host exited with ${code}:\n${output}`)));
  });

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    mark: () => timings.length,
    timing(mark, wanted, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error('no matching request was timed'));
        }, timeoutMs);
        const check = () => {
          const found = timings.slice(mark).find(wanted);
          if (!found) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve(found);
        };
        waiting.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
