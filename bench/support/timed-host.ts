// The browser-mode host (electron/host/main.ts) as its own process, like `npm run serve`, with
// bench/support/stripe-timing.ts preloaded so every Stripe request's time arrives on its stdout. The
// bench awaits those lines (no sleeping). Stripe is the simulator in a process of its own by default,
// as production's Stripe is elsewhere: the host in test mode, paid through the simulator's webhooks.
// `simulator: 'embedded'` runs the host in demo mode instead (the simulator inside the host's process,
// where its work on each request competes with the host's own and is counted as Stripe's time).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { RECONCILED_EVENT_TYPES } from '../../electron/core/push/reconciled-event-types';
import { startStripeLatencyProxy, type StripeDoorTiming } from './stripe-latency';
import { STRIPE_TIMING_PREFIX, type StripeTiming } from './stripe-timing-line';
import { createTimingLog, type TimingLog } from './timing-log';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Where Stripe runs: its own process (like production) or inside the host (demo mode). */
export type SimulatorPlacement = 'separate' | 'embedded';

export interface TimedHost {
  baseUrl: string;
  simulator: SimulatorPlacement;
  /** Separate simulator only: the customer pays a PaymentIntent (Stripe's webhook then tells the host). */
  pay(paymentIntentId: string): Promise<void>;
  /** How many requests have been timed so far: pass it to `timing` to look only at later ones. */
  mark(): number;
  /** The first request timed after `mark` that matches `wanted`, once it has arrived. */
  timing(mark: number, wanted: (timing: StripeTiming) => boolean, timeoutMs?: number): Promise<StripeTiming>;
  /**
   * Separate simulator only (null in demo mode): Stripe's API requests timed at its front door (the
   * proxy in front of the simulator), so the host's own work on them is not counted as Stripe's.
   */
  stripeDoor: TimingLog<StripeDoorTiming> | null;
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

/** Resolves once the child's output (read by `output`) contains `ready`; rejects if it exits first. */
function started(child: ChildProcessWithoutNullStreams, ready: string, what: string, output: () => string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} was not ready within 120 s:\n${output()}`)), 120_000);
    const check = () => {
      if (!output().includes(ready)) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout.on('data', () => setImmediate(check));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}:\n${output()}`));
    });
  });
}

async function startSeparateSimulator(webhookUrl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env, SIM_PORT: String(port), SIM_HOST: '127.0.0.1', SIM_WEBHOOK_URL: webhookUrl, SIM_WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
    // Stripe's limit is far above one charge a second; the bench does not measure it.
    SIM_RATE_LIMIT: '0',
    // The webhook endpoint as docs/GOING-LIVE.md has a shop set it up: only the events that can move a
    // sale or a refund (Stripe then sends no payment_intent.created / requires_action to the till).
    SIM_WEBHOOK_EVENTS: RECONCILED_EVENT_TYPES.join(','),
  };
  delete env.SIM_STATE_FILE;
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'stripe-sim/main.ts'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await started(child, 'stripe-sim listening on', 'the Stripe simulator', () => output);
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Signs the simulator's webhooks to the host (a bench-only secret, like `stripe listen` prints). */
const BENCH_WEBHOOK_SECRET = 'whsec_chamra_bench_charge_to_display';

/** `stripeDelayMs` (separate simulator only): each Stripe API request waits this long first, as Stripe's own time would. */
export async function startTimedHost(rendererDir: string, simulator: SimulatorPlacement = 'separate', stripeDelayMs = 0): Promise<TimedHost> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-bench-charge-'));
  const env: NodeJS.ProcessEnv = { ...process.env, POS_PORT: String(port), POS_HOST: '127.0.0.1', POS_DATA_DIR: dataDir, POS_RENDERER_DIR: rendererDir };
  const sim = simulator === 'separate' ? await startSeparateSimulator(`http://127.0.0.1:${port}/payments/webhook`) : null;
  // Always in front of a separate simulator: it times Stripe's reply where Stripe would (and adds the delay, if any).
  const latency = sim ? await startStripeLatencyProxy(sim.url, stripeDelayMs) : null;
  if (sim) {
    // Test mode against the simulator, as a till talks to Stripe; its events arrive as webhooks.
    env.STRIPE_SECRET_KEY = 'sk_test_chamra_bench';
    env.STRIPE_API_BASE = latency!.url;
    env.STRIPE_WEBHOOK_SECRET = BENCH_WEBHOOK_SECRET;
  } else {
    // Demo mode: no key, the embedded simulator answers as Stripe.
    delete env.STRIPE_SECRET_KEY;
    delete env.STRIPE_API_BASE;
    delete env.STRIPE_WEBHOOK_SECRET;
  }
  delete env.POS_RELAY_URL;
  delete env.POS_RELAY_TOKEN;
  // BENCH_HOST_CPU_PROF=<folder>: the host writes a CPU profile there when it stops (where its time goes).
  const profile = process.env.BENCH_HOST_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_HOST_CPU_PROF] : [];
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [...profile, '--import', 'tsx', '--import', './bench/support/stripe-timing.ts', 'electron/host/main.ts'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });

  const timings = createTimingLog<StripeTiming>('request timed by the host');
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
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  try {
    await started(child, '/customer/', 'the host', () => output);
  } catch (error) {
    child.kill('SIGTERM');
    await latency?.close();
    await sim?.stop();
    throw error;
  }

  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    simulator,
    async pay(paymentIntentId) {
      if (!sim) throw new Error('demo mode: pay with the till\'s Simulate customer panel');
      const response = await fetch(`${sim.url}/_sim/payment_intents/${encodeURIComponent(paymentIntentId)}/succeed`, { method: 'POST' });
      if (!response.ok) throw new Error(`paying ${paymentIntentId} answered ${response.status}: ${await response.text()}`);
    },
    mark: () => timings.mark(),
    timing: (mark, wanted, timeoutMs) => timings.find(mark, wanted, timeoutMs),
    stripeDoor: latency?.timings ?? null,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await latency?.close();
      await sim?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
