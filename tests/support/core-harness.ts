// Starts the real core (SQLite ledger in a temp dir, embedded stripe-sim, official Stripe SDK) for tests.
import fs from 'node:fs';
import Stripe from 'stripe';
import { afterEach } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { loadCoreConfig, type CoreConfig } from '../../electron/core/config/core-config';
import type { CallContext, PosCore } from '../../electron/core/pos-core-types';
import { startCore } from '../../electron/core/start-core';
import type { PosEvent } from '../../shared/pos-contract';
import type { AuthStatus, CashierDirectoryEntry, Refund, RefundStatus } from '../../shared/manager-types';
import type { Sale } from '../../shared/sale';

export const fastPolling = { nextDelayMs: () => 50 };
/** Refunds in tests are polled every 50 ms. */
export const fastRefundPolling = () => 50;

/** The owner PIN every test core is set up with (first run has no default credentials). */
export const OWNER_PIN = '246810';
export const OWNER_NAME = 'Owner Somchai';

const signedIn = new WeakMap<PosCore, CallContext>();

/**
 * A context signed in as the owner (creating the owner on first run, signing in again after a
 * restart). Remembered per core, so `call` uses it by default once a test has asked for it.
 */
const signingIn = new WeakMap<PosCore, Promise<CallContext>>();

export function signedInContext(core: PosCore, clientKey = 'ipc:test-owner'): Promise<CallContext> {
  const known = signedIn.get(core);
  if (known && known.clientKey === clientKey) return Promise.resolve(known);
  if (clientKey !== 'ipc:test-owner') return signInOwner(core, clientKey);
  // Concurrent callers share one sign-in (two first-run setups would conflict).
  let pending = signingIn.get(core);
  if (!pending) {
    pending = signInOwner(core, clientKey);
    signingIn.set(core, pending);
  }
  return pending;
}

async function signInOwner(core: PosCore, clientKey: string): Promise<CallContext> {
  const context: CallContext = { transport: 'ipc', clientKey };
  const status = (await core.dispatch('auth.status', {}, context)) as { ok: true; value: AuthStatus };
  if (!status.value.user) {
    if (status.value.setupRequired) {
      await mustSucceed(core.dispatch('auth.setupOwner', { name: OWNER_NAME, pin: OWNER_PIN }, context), 'auth.setupOwner');
    } else {
      const directory = await mustSucceed<CashierDirectoryEntry[]>(core.dispatch('cashiers.directory', {}, context), 'cashiers.directory');
      const owner = directory.find((entry) => entry.name === OWNER_NAME)!;
      await mustSucceed(core.dispatch('auth.signIn', { cashierId: owner.cashierId, pin: OWNER_PIN }, context), 'auth.signIn');
    }
  }
  if (clientKey === 'ipc:test-owner') signedIn.set(core, context);
  return context;
}

async function mustSucceed<T>(result: Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>, op: string): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(`${op} failed: ${settled.error?.code} ${settled.error?.message}`);
  return settled.value as T;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-test-'));
}

export async function startTestCore(overrides: Partial<CoreConfig> = {}): Promise<PosCore> {
  const config = loadCoreConfig({}, { dataDir: tempDataDir(), httpPort: 0, simPort: null, ...overrides });
  return startCore(config, { pollSchedule: fastPolling, refundPollDelayMs: fastRefundPolling, log: () => undefined });
}

/** Resolves with the first sale.updated event for `saleId` that satisfies `predicate`. */
export function waitForSale(core: PosCore, saleId: string, predicate: (sale: Sale) => boolean, timeoutMs = 10_000): Promise<Sale> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`sale ${saleId} did not reach the expected state within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = core.subscribe((event: PosEvent) => {
      if (event.type === 'sale.updated' && event.data.id === saleId && predicate(event.data)) {
        clearTimeout(timer);
        stop();
        resolve(event.data);
      }
    });
  });
}

/** Resolves with the first refund.updated event for `refundId` in `status`. */
export function waitForRefund(core: PosCore, refundId: string, status: RefundStatus, timeoutMs = 10_000): Promise<Refund> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (stop(), reject(new Error(`refund ${refundId} never became ${status}`))), timeoutMs);
    const stop = core.subscribe((event: PosEvent) => {
      if (event.type === 'refund.updated' && event.data.id === refundId && event.data.status === status) {
        clearTimeout(timer);
        stop();
        resolve(event.data);
      }
    });
  });
}

/**
 * Calls an operation and returns its value, failing the test on an error result. Without a context,
 * the core's signed-in owner context (see signedInContext) is used, else an anonymous one.
 */
export async function call<T = Sale>(core: PosCore, op: string, input: unknown, context?: CallContext): Promise<T> {
  const result = await core.dispatch(op, input, context ?? signedIn.get(core) ?? { transport: 'http' });
  if (!result.ok) throw new Error(`${op} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

export async function simControl(core: PosCore, paymentIntentId: string, action: 'succeed' | 'fail' | 'expire'): Promise<void> {
  const response = await fetch(`${core.simulatorUrl}/_sim/payment_intents/${paymentIntentId}/${action}`, { method: 'POST' });
  if (!response.ok) throw new Error(`sim ${action} answered ${response.status}`);
}

/**
 * A `core()` factory for a test file: each call starts a fresh core (signed in as the owner unless
 * `signIn: false`), and every core is closed after each test.
 */
export function useTestCores(options: { signIn?: boolean } = {}): (overrides?: Partial<CoreConfig>) => Promise<PosCore> {
  const cores: PosCore[] = [];
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((core) => core.close()));
  });
  return async (overrides = {}) => {
    const started = await startTestCore(overrides);
    cores.push(started);
    if (options.signIn !== false) await signedInContext(started);
    return started;
  };
}

/** The official SDK pointed at a core's embedded simulator: Stripe's own view, independent of the till. */
export function stripeFor(pos: PosCore): Stripe {
  const url = new URL(pos.simulatorUrl!);
  return new Stripe('sk_test_inspector', { host: url.hostname, port: Number(url.port), protocol: 'http' });
}

export async function paymentIntentsCreated(pos: PosCore): Promise<number> {
  return (await stripeFor(pos).events.list({ type: 'payment_intent.created', limit: 100 })).data.length;
}

/**
 * A clock tests move forward themselves (StartCoreOptions.clock): `advance` runs every timer that falls
 * due, in order, and waits for the work it started (`settle`, e.g. the core's settled()) after each.
 */
export class ManualClock {
  private time: number;
  private timers: { at: number; run: () => void }[] = [];

  constructor(start = Date.now()) {
    this.time = start;
  }

  now = (): number => this.time;

  setTimer = (ms: number, run: () => void): (() => void) => {
    const timer = { at: this.time + Math.max(0, ms), run };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  };

  async advance(ms: number, settle: () => Promise<void> = async () => undefined): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.run();
      await settle();
    }
    this.time = end;
  }
}
