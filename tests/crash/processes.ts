// The real processes under test: stripe-sim and the relay (started once, never killed) and the till's
// browser-mode host (SIGKILLed at every kill point and restarted on the same data directory).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
const HOST_BUNDLE = path.join(import.meta.dirname, '.build/host.mjs');

/** A free loopback port (asked of the OS, then released for the process that will listen on it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * The till restarts hundreds of times, and most of a start is loading modules: tsx would transpile
 * the whole core every time, and resolving thousands of package files costs about as much again. So
 * the host is bundled once with esbuild, packages included, and run by plain node. Left out: the
 * native better-sqlite3, pdfkit (it reads its font files next to its own code) and electron.
 */
export async function bundleTillHost(): Promise<string> {
  await build({
    entryPoints: [path.join(REPO_ROOT, 'electron/host/main.ts')],
    outfile: HOST_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'pdfkit', 'electron'],
    // Bundled CommonJS packages still call require() for Node's own modules.
    banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
    logLevel: 'error',
  });
  return HOST_BUNDLE;
}

export interface RunningProcess {
  child: ChildProcess;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<string>;
}

/**
 * Spawns `command` and resolves once it prints a line matching `ready`; rejects if it exits first
 * or stays silent for `timeoutMs`. Output goes to `logFile` (appended: one log across restarts).
 */
async function spawnUntilReady(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  log: WriteStream,
  timeoutMs = 60_000,
): Promise<RunningProcess> {
  const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
  child.stderr!.pipe(log, { end: false });
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => log.write(`${line}\n`));
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} printed no ready line within ${timeoutMs} ms (see ${log.path})`)), timeoutMs);
    lines.on('line', (line) => {
      if (ready.test(line)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`${name} ended (${how}) before it was ready (see ${log.path})`));
    });
  });
  await started;
  return { child, exited };
}

export function logStream(file: string): WriteStream {
  return createWriteStream(file, { flags: 'a' });
}

export async function startSim(port: number, log: WriteStream): Promise<RunningProcess> {
  return spawnUntilReady(
    'stripe-sim',
    TSX,
    ['stripe-sim/main.ts'],
    {
      SIM_PORT: String(port),
      SIM_HOST: '127.0.0.1',
      // Stripe's rate limit is not what this harness tests; 0 switches the simulator's off.
      SIM_RATE_LIMIT: '0',
      // A dead till misses deliveries; retry soon so the redelivery lands within the run too.
      SIM_WEBHOOK_RETRY_MS: '300,1500,5000,15000',
    },
    /listening on/,
    log,
  );
}

export interface RelaySettings {
  port: number;
  dataDir: string;
  webhookSecret: string;
  tillToken: string;
}

export async function startRelay(settings: RelaySettings, log: WriteStream): Promise<RunningProcess> {
  return spawnUntilReady(
    'relay',
    TSX,
    ['relay/main.ts'],
    {
      RELAY_PORT: String(settings.port),
      RELAY_HOST: '127.0.0.1',
      RELAY_DATA_DIR: settings.dataDir,
      STRIPE_WEBHOOK_SECRET: settings.webhookSecret,
      RELAY_TILL_TOKENS: settings.tillToken,
    },
    /listening on/,
    log,
  );
}

export interface TillSettings {
  bundle: string;
  port: number;
  dataDir: string;
  apiToken: string;
  stripeApiBase: string;
  webhookSecret: string;
  relayUrl: string;
  relayToken: string;
  qrTimeoutSeconds: number;
}

/** The till: started, SIGKILLed and started again on the same data directory. */
export class TillProcess {
  private running: RunningProcess | null = null;
  starts = 0;
  /** Milliseconds from spawn to "ready" of every start. */
  readonly startMs: number[] = [];

  constructor(
    private readonly settings: TillSettings,
    private readonly log: WriteStream,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.settings.port}`;
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  async start(): Promise<void> {
    if (this.running) throw new Error('the till is already running');
    const s = this.settings;
    const began = performance.now();
    this.log.write(`\n--- till start #${this.starts + 1} ---\n`);
    this.running = await spawnUntilReady(
      'till',
      process.execPath,
      [s.bundle],
      {
        POS_PORT: String(s.port),
        POS_HOST: '127.0.0.1',
        POS_DATA_DIR: s.dataDir,
        POS_API_TOKEN: s.apiToken,
        STRIPE_SECRET_KEY: 'sk_test_crash_harness',
        STRIPE_API_BASE: s.stripeApiBase,
        STRIPE_WEBHOOK_SECRET: s.webhookSecret,
        POS_RELAY_URL: s.relayUrl,
        POS_RELAY_TOKEN: s.relayToken,
        POS_QR_TIMEOUT_SECONDS: String(s.qrTimeoutSeconds),
        POS_SHOP_EMAIL: 'crash-harness@example.com',
      },
      /Press Ctrl\+C to stop/,
      this.log,
    );
    this.starts += 1;
    this.startMs.push(performance.now() - began);
  }

  /** SIGKILL: no shutdown code runs, as when the power goes. Resolves once the process is gone. */
  async kill(): Promise<void> {
    const running = this.running;
    if (!running) throw new Error('the till is not running');
    this.running = null;
    running.child.kill('SIGKILL');
    await running.exited;
  }
}

export async function stopProcess(running: RunningProcess): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  running.child.kill('SIGTERM');
  await running.exited;
}
