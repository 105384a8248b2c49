// Helpers for the hand-tender tests: the drawer's shift, Stripe's request counts, the ledger's rows.
import path from 'node:path';
import { openLedger } from '../../../electron/core/ledger/open-ledger';
import type { CallContext, PosCore } from '../../../electron/core/pos-core-types';
import type { Shift } from '../../../shared/manager-types';
import type { PosErrorBody } from '../../../shared/pos-error';
import { call } from '../../support/core-harness';

/** Opens a shift on the till (the shift side's own operation) and returns its id. */
export async function openShift(pos: PosCore, float = 100_000): Promise<string> {
  return (await call<Shift>(pos, 'shifts.open', { float })).id;
}

/** Closes the till's open shift with its count. */
export async function closeShift(pos: PosCore, countedCash = 0): Promise<void> {
  await call<Shift>(pos, 'shifts.close', { countedCash });
}

/** One row of the ledger, as stored (columns the public Sale leaves out included). */
export function ledgerRow<T = Record<string, unknown>>(pos: PosCore, sql: string, ...params: unknown[]): T | undefined {
  const db = openLedger(path.join(pos.config.dataDir, 'ledger.sqlite3'));
  try {
    return db.prepare(sql).get(...params) as T | undefined;
  } finally {
    db.close();
  }
}

/** Every Stripe API request the embedded simulator has answered, per endpoint. */
export async function stripeRequests(pos: PosCore): Promise<{ requests: Record<string, number>; total: number }> {
  const response = await fetch(`${pos.simulatorUrl}/_sim/stats`);
  if (!response.ok) throw new Error(`stats answered ${response.status}`);
  return (await response.json()) as { requests: Record<string, number>; total: number };
}

/** Calls an operation that must be refused and returns the refusal. */
export async function refusal(pos: PosCore, op: string, input: unknown, context: CallContext): Promise<PosErrorBody> {
  const result = await pos.dispatch(op, input, context);
  if (result.ok) throw new Error(`${op} was expected to be refused but succeeded`);
  return result.error;
}
