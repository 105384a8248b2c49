// A till for the setup tests: the real core (demo mode, its own embedded simulator) whose STRIPE_API_BASE
// points at a separate stripe-sim, so a pasted key is tested against "Stripe" with the official SDK.
// The host port is browser mode's: an in-memory keeper and a restart the test can watch.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { loadCoreConfig, type CoreConfig } from '../../../electron/core/config/core-config';
import type { CallContext, PosCore } from '../../../electron/core/pos-core-types';
import { createMemoryKeeper } from '../../../electron/core/setup/kept-secrets';
import type { SecretKeeper } from '../../../electron/core/setup/setup-side';
import { startCore } from '../../../electron/core/start-core';
import { startStripeSim, type StripeSim, type StripeSimOptions } from '../../../stripe-sim';
import type { PosErrorBody, PosResult } from '../../../shared/pos-error';
import { fastPolling, fastRefundPolling, signedInContext, tempDataDir } from '../../support/core-harness';

export interface SetupTill {
  core: PosCore;
  keeper: SecretKeeper;
  dataDir: string;
  logs: string[];
  restarts: number;
  owner: CallContext;
}

/** Everything a test's till wrote or said, in one string, to look for a secret in. */
export function everythingWritten(till: { dataDir: string; logs: string[] }): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(fs.readFileSync(full).toString('latin1'));
    }
  };
  walk(till.dataDir);
  return [...files, ...till.logs].join('\n');
}

export function useSetupTills() {
  const cores: PosCore[] = [];
  const sims: StripeSim[] = [];
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((core) => core.close()));
    await Promise.all(sims.splice(0).map((sim) => sim.close()));
  });
  return {
    async sim(options: StripeSimOptions = {}): Promise<StripeSim> {
      const sim = await startStripeSim({ port: 0, ...options });
      sims.push(sim);
      return sim;
    },
    async till(overrides: Partial<CoreConfig> = {}, keeper: SecretKeeper = createMemoryKeeper()): Promise<SetupTill> {
      const dataDir = tempDataDir();
      const logs: string[] = [];
      const till: SetupTill = { core: undefined as unknown as PosCore, keeper, dataDir, logs, restarts: 0, owner: undefined as unknown as CallContext };
      const config = loadCoreConfig({}, { dataDir, httpPort: 0, simPort: null, ...overrides });
      till.core = await startCore(config, {
        pollSchedule: fastPolling,
        refundPollDelayMs: fastRefundPolling,
        log: (line) => logs.push(line),
        setupHost: { secrets: keeper, restart: () => void (till.restarts += 1) },
      });
      cores.push(till.core);
      till.owner = await signedInContext(till.core);
      return till;
    },
  };
}

/** The error of a call that must fail (the test fails if it succeeded). */
export async function refusal(core: PosCore, op: string, input: unknown, context: CallContext): Promise<PosErrorBody> {
  const result = (await core.dispatch(op, input, context)) as PosResult<unknown>;
  if (result.ok) throw new Error(`${op} succeeded but should have been refused`);
  return result.error;
}

export async function value<T>(core: PosCore, op: string, input: unknown, context: CallContext): Promise<T> {
  const result = (await core.dispatch(op, input, context)) as PosResult<T>;
  if (!result.ok) throw new Error(`${op} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** A port nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
  const net = await import('node:net');
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
