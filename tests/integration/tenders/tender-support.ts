// Helpers for the hand-tender tests: the drawer's shift, Stripe's request counts, the ledger's rows.
import path from 'node:path';
import { openLedger } from '../../../electron/core/ledger/open-ledger';
import type { CallContext, PosCore } from '../../../electron/core/pos-core-types';
import type { PosErrorBody } from '../../../shared/pos-error';

/**
 * Opens a shift on the till straight in its ledger (the row the shift side reads by SQL), so these
 * tests do not depend on the shift screens' operations, built separately.
 */
export function openShiftInLedger(pos: PosCore, float = 100_000): string {
  const db = openLedger(path.join(pos.config.dataDir, 'ledger.sqlite3'));
  try {
    const id = `shift_test${Date.now().toString(36)}`;
    const number = (db.prepare('SELECT coalesce(max(number), 0) + 1 AS n FROM shifts WHERE till_id = ?').get(pos.config.tillId) as { n: number }).n;
    db.prepare('INSERT INTO shifts (id, till_id, number, opened_at, opened_by, float_amount) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, pos.config.tillId, number, Date.now(), 'Owner Somchai', float);
    return id;
  } finally {
    db.close();
  }
}

export function closeShiftInLedger(pos: PosCore, shiftId: string): void {
  const db = openLedger(path.join(pos.config.dataDir, 'ledger.sqlite3'));
  try {
    db.prepare('UPDATE shifts SET closed_at = ?, counted_cash = 0, expected_cash = 0 WHERE id = ?').run(Date.now(), shiftId);
  } finally {
    db.close();
  }
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
