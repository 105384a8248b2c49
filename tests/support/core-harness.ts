// Starts the real core (SQLite ledger in a temp dir, embedded stripe-sim, official Stripe SDK) for tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCoreConfig, type CoreConfig } from '../../electron/core/config/core-config';
import type { PosCore } from '../../electron/core/pos-core-types';
import { startCore } from '../../electron/core/start-core';
import type { PosEvent } from '../../shared/pos-contract';
import type { Sale } from '../../shared/sale';

export const fastPolling = { nextDelayMs: () => 50 };

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-test-'));
}

export async function startTestCore(overrides: Partial<CoreConfig> = {}): Promise<PosCore> {
  const config = loadCoreConfig({}, { dataDir: tempDataDir(), httpPort: 0, simPort: null, ...overrides });
  return startCore(config, { pollSchedule: fastPolling, log: () => undefined });
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

/** Calls an operation and returns its value, failing the test on an error result. */
export async function call<T = Sale>(core: PosCore, op: string, input: unknown): Promise<T> {
  const result = await core.dispatch(op, input, { transport: 'http' });
  if (!result.ok) throw new Error(`${op} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

export async function simControl(core: PosCore, paymentIntentId: string, action: 'succeed' | 'fail' | 'expire'): Promise<void> {
  const response = await fetch(`${core.simulatorUrl}/_sim/payment_intents/${paymentIntentId}/${action}`, { method: 'POST' });
  if (!response.ok) throw new Error(`sim ${action} answered ${response.status}`);
}
