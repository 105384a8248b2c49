// Migration 006 on a ledger that already holds sales: demo sales are recognised by their simulator QR,
// the others wait for the first real key's binding to adopt them; the report index leads with the scope.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../../electron/core/ledger/open-ledger';
import { MIGRATIONS } from '../../../electron/core/ledger/migrations';
import { dailyReport } from '../../../electron/core/reports/daily-report';
import { StripeBindingStore } from '../../../electron/core/settings/stripe-binding';
import { tempDataDir } from '../../support/core-harness';

function legacySale(id: string, qr: string | null, createdAt: number) {
  return {
    id, amount: 10_000, email: 'a@example.com', status: 'succeeded', source: 'till', till_id: 'till-1', created_at: createdAt,
    updated_at: createdAt, qr_image_url: qr, payment_intent_id: `pi_${id}`,
  };
}

describe('migration 006 (stripe mode)', () => {
  it('marks simulator sales demo, leaves real-key sales for the first real binding, and keeps every row', () => {
    const file = path.join(tempDataDir(), 'ledger.sqlite3');
    const before = openLedger(file, MIGRATIONS.filter((m) => m.version <= 5));
    const insert = before.prepare(`INSERT INTO sales (id, amount, email, status, source, till_id, created_at, updated_at, qr_image_url, payment_intent_id)
      VALUES (@id, @amount, @email, @status, @source, @till_id, @created_at, @updated_at, @qr_image_url, @payment_intent_id)`);
    const at = Date.UTC(2026, 2, 8, 5);
    insert.run(legacySale('sale_demo00000001', 'http://127.0.0.1:40111/_sim/qr/pi_x.png', at));
    insert.run(legacySale('sale_real00000001', 'https://qr.stripe.com/test_abc.png', at + 1));
    before.close();

    const db = openLedger(file);
    const modes = () => db.prepare('SELECT id, mode, account FROM sales ORDER BY id').all();
    expect(modes()).toEqual([
      { id: 'sale_demo00000001', mode: 'demo', account: null },
      { id: 'sale_real00000001', mode: null, account: null },
    ]);
    new StripeBindingStore(db).bind({ mode: 'test', account: 'acct_shop', keyFingerprint: 'sha256:0011223344556677', boundAt: at });
    expect(modes()).toEqual([
      { id: 'sale_demo00000001', mode: 'demo', account: null },
      { id: 'sale_real00000001', mode: 'test', account: 'acct_shop' },
    ]);
    // The report covers the bound test account only: the demo sale's money is not in it.
    expect(dailyReport(db, { date: '2026-03-08', timeZone: 'Asia/Bangkok' })).toMatchObject({ mode: 'test', account: 'acct_shop', paid: { count: 1, amount: 10_000 } });
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT status, count(*), sum(amount) FROM sales WHERE mode IS ? AND account IS ? AND created_at >= ? AND created_at < ? GROUP BY status`)
      .all('test', 'acct_shop', 0, 1) as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toMatch(/USING COVERING INDEX sales_report \(mode=\? AND account=\? AND created_at>\? AND created_at<\?\)/);
    db.close();
  });
});
