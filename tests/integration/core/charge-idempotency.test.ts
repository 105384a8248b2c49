// Regression: a retried charge made a second sale and a second PaymentIntent (the Idempotency-Key
// was minted per call). sales.charge now takes the caller's requestId; the same id finds the same sale.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../../electron/core/ledger/open-ledger';
import type { PosCore } from '../../../electron/core/pos-core-types';
import type { Sale } from '../../../shared/sale';
import { call, paymentIntentsCreated, signedInContext, useTestCores } from '../../support/core-harness';

const core = useTestCores();

function ledgerSales(pos: PosCore): { id: string; request_key: string | null }[] {
  const db = openLedger(path.join(pos.config.dataDir, 'ledger.sqlite3'));
  try {
    return db.prepare('SELECT id, request_key FROM sales ORDER BY created_at').all() as { id: string; request_key: string | null }[];
  } finally {
    db.close();
  }
}

async function failNext(pos: PosCore, count: number, kind: 'http500' | 'drop_connection'): Promise<void> {
  const response = await fetch(`${pos.simulatorUrl}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count, kind }),
  });
  if (!response.ok) throw new Error(`faults answered ${response.status}`);
}

const REQUEST_ID = 'a2f4c6e8-1b3d-4f5a-9c7e-0d2b4f6a8c1e';

describe('sales.charge with a requestId', () => {
  it('answers a retry with the same requestId with the same sale and makes one PaymentIntent', async () => {
    const pos = await core();
    const first = await call(pos, 'sales.charge', { amount: 12_345, description: 'Table 4', requestId: REQUEST_ID });
    expect(first.status).toBe('awaiting_payment');
    const retry = await call(pos, 'sales.charge', { amount: 12_345, description: 'Table 4', requestId: REQUEST_ID });
    expect(retry).toMatchObject({ id: first.id, paymentIntentId: first.paymentIntentId, qrData: first.qrData, status: 'awaiting_payment' });
    expect(ledgerSales(pos)).toEqual([{ id: first.id, request_key: `till:${REQUEST_ID}` }]);
    expect(await paymentIntentsCreated(pos)).toBe(1);
    // The sale's timeline says the caller asked again, without changing anything.
    const detail = await call<{ timeline: { kind: string; applied: boolean }[] }>(pos, 'sales.detail', { saleId: first.id });
    expect(detail.timeline.filter((e) => e.kind === 'sale.charge_retried').map((e) => e.applied)).toEqual([false]);
  });

  it('makes one sale when the same requestId arrives twice at once', async () => {
    const pos = await core();
    const context = await signedInContext(pos);
    const results = await Promise.all([1, 2, 3].map(() => pos.dispatch('sales.charge', { amount: 5_000, requestId: REQUEST_ID }, context)));
    const sales = results.map((result) => {
      expect(result.ok).toBe(true);
      return (result as { ok: true; value: Sale }).value;
    });
    expect(new Set(sales.map((s) => s.id)).size).toBe(1);
    expect(new Set(sales.map((s) => s.paymentIntentId)).size).toBe(1);
    expect(sales.every((s) => s.status === 'awaiting_payment' && s.qrData !== null)).toBe(true);
    expect(ledgerSales(pos)).toHaveLength(1);
    expect(await paymentIntentsCreated(pos)).toBe(1);
  });

  it('refuses the same requestId with a different amount as a conflict, creating nothing', async () => {
    const pos = await core();
    const first = await call(pos, 'sales.charge', { amount: 5_000, requestId: REQUEST_ID });
    const context = await signedInContext(pos);
    for (const input of [{ amount: 5_001 }, { amount: 5_000, description: 'something else' }]) {
      const result = await pos.dispatch('sales.charge', { ...input, requestId: REQUEST_ID }, context);
      expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect((result as { ok: false; error: { message: string } }).error.message).toMatch(/^Idempotency-Key reused with different parameters/);
    }
    expect(ledgerSales(pos).map((s) => s.id)).toEqual([first.id]);
    expect(await paymentIntentsCreated(pos)).toBe(1);
  });

  it('keeps different requestIds (and none at all) as different sales', async () => {
    const pos = await core();
    const a = await call(pos, 'sales.charge', { amount: 5_000, requestId: 'request-aaaaaaaa' });
    const b = await call(pos, 'sales.charge', { amount: 5_000, requestId: 'request-bbbbbbbb' });
    const c = await call(pos, 'sales.charge', { amount: 5_000 });
    const d = await call(pos, 'sales.charge', { amount: 5_000 });
    expect(new Set([a.id, b.id, c.id, d.id]).size).toBe(4);
    expect(await paymentIntentsCreated(pos)).toBe(4);
  });

  it('refuses a malformed requestId before anything is saved', async () => {
    const pos = await core();
    const context = await signedInContext(pos);
    for (const requestId of ['short', 'has spaces in it', 'x'.repeat(65), 'semi;colon-12345']) {
      const result = await pos.dispatch('sales.charge', { amount: 5_000, requestId }, context);
      expect(result, requestId).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'requestId' } });
    }
    expect(ledgerSales(pos)).toEqual([]);
  });

  it('finishes the same sale when the retry follows a create Stripe never answered', async () => {
    const pos = await core();
    // The SDK tries three times; all three fail, so the till cannot know whether Stripe made it.
    await failNext(pos, 3, 'drop_connection');
    const context = await signedInContext(pos);
    const first = await pos.dispatch('sales.charge', { amount: 4_321, requestId: REQUEST_ID }, context);
    expect(first).toMatchObject({ ok: false, error: { code: 'stripe_unreachable' } });
    const [saved] = ledgerSales(pos);

    const retry = await call(pos, 'sales.charge', { amount: 4_321, requestId: REQUEST_ID });
    expect(retry).toMatchObject({ id: saved.id, status: 'awaiting_payment' });
    expect(retry.qrData).not.toBeNull();
    expect(ledgerSales(pos)).toHaveLength(1);
    expect(await paymentIntentsCreated(pos)).toBe(1);
    // The background finish that was scheduled does not touch the sale the customer now sees.
    await pos.settled?.();
    expect(await call(pos, 'sales.get', { saleId: saved.id })).toMatchObject({ status: 'awaiting_payment' });
  });
});
