// A shop's ledger already holds sales when the app is updated: build a ledger at migration 1, fill it
// the way the first release did, then upgrade through every migration one at a time and check that
// every row survives each step and that today's code reads and writes the upgraded ledger.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/ledger/migrations';
import { openLedger, type LedgerDb } from '../../../electron/core/ledger/open-ledger';
import { SalesRepository } from '../../../electron/core/ledger/sales-repository';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-upgrade-'));
  dirs.push(dir);
  return path.join(dir, 'ledger.sqlite3');
}

const T0 = 1_780_000_000_000;

/** Rows as the first release wrote them (migration 1's columns only). */
function fillAtMigrationOne(db: LedgerDb): void {
  const sale = db.prepare(`INSERT INTO sales (id, amount, currency, description, order_ref, email, metadata, status, payment_intent_id,
    payment_intent_status, qr_data, qr_image_url, qr_expires_at, failure_code, cancel_intent, flagged, flag_reason, source, till_id, cashier, created_at, updated_at)
    VALUES (?, ?, 'thb', ?, ?, 'shop@example.com', '{"table":"4"}', ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, 'till-1', ?, ?, ?)`);
  sale.run('sale_paid', 12_345, 'Pad thai', 'T-4', 'succeeded', 'pi_paid', 'succeeded', null, null, null, null, 0, null, 'till', 'Somchai', T0, T0 + 5_000);
  sale.run('sale_waiting', 5_000, null, null, 'awaiting_payment', 'pi_waiting', 'requires_action', 'qr-waiting', T0 + 600_000, null, null, 0, null, 'api', null, T0 + 1, T0 + 1);
  sale.run('sale_expired', 7_000, null, null, 'expired', 'pi_expired', 'canceled', 'qr-old', T0 + 600_000, 'payment_intent_payment_attempt_expired', 'timeout', 0, null, 'till', null, T0 + 2, T0 + 600_002);
  sale.run('sale_flagged', 9_000, null, null, 'succeeded', 'pi_flagged', 'succeeded', null, null, null, 'cashier', 1, 'paid_after_canceled', 'till', null, T0 + 3, T0 + 9);
  sale.run('sale_interrupted', 3_000, null, null, 'created', null, null, null, null, null, null, 0, null, 'api', null, T0 + 4, T0 + 4);
  const event = db.prepare('INSERT INTO sale_events (sale_id, at, source, kind, from_status, to_status, applied, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  event.run('sale_paid', T0, 'till', 'sale.created', null, 'created', 1, '{"amount":12345}');
  event.run('sale_paid', T0 + 5_000, 'webhook', 'payment_intent.succeeded', 'awaiting_payment', 'succeeded', 1, null);
  db.prepare('INSERT INTO audit_log (at, actor, action, sale_id, detail) VALUES (?, ?, ?, ?, ?)').run(T0, 'Somchai', 'sale.charge', 'sale_paid', '{"amount":12345}');
}

function snapshot(db: LedgerDb) {
  return {
    sales: db.prepare('SELECT id, amount, description, order_ref, email, metadata, status, payment_intent_id, payment_intent_status, qr_data, qr_expires_at, failure_code, cancel_intent, flagged, flag_reason, source, till_id, cashier, created_at, updated_at FROM sales ORDER BY id').all(),
    events: db.prepare('SELECT sale_id, at, source, kind, from_status, to_status, applied, detail FROM sale_events ORDER BY id').all(),
    audit: db.prepare('SELECT at, actor, action, sale_id, detail FROM audit_log ORDER BY id').all(),
  };
}

describe('upgrading a ledger that holds rows', () => {
  it('keeps every row through each migration, one at a time, and today’s code works on the result', () => {
    const file = tempFile();
    const first = openLedger(file, MIGRATIONS.slice(0, 1));
    fillAtMigrationOne(first);
    const before = snapshot(first);
    expect(before.sales).toHaveLength(5);
    first.close();

    for (let step = 2; step <= MIGRATIONS.length; step += 1) {
      const db = openLedger(file, MIGRATIONS.slice(0, step));
      expect(snapshot(db), `after migration ${MIGRATIONS[step - 1].version} (${MIGRATIONS[step - 1].name})`).toEqual(before);
      expect((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
      db.close();
    }

    const db = openLedger(file);
    expect((db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v).toBe(MIGRATIONS.at(-1)!.version);
    const sales = new SalesRepository(db);
    expect(sales.get('sale_paid')).toMatchObject({ amount: 12_345, status: 'succeeded', metadata: { table: '4' }, cashier: 'Somchai' });
    expect(sales.unfinished().map((sale) => sale.id)).toEqual(['sale_waiting', 'sale_interrupted']);
    expect(sales.qrAttempt('sale_expired')).toEqual({ attempt: 1, startedAt: 0 });
    // Writes of later releases work on old rows: a New QR attempt on a sale from the first release.
    sales.startQrAttempt('sale_expired', 2, { status: 'awaiting_payment', qrData: 'qr-new', failureCode: null }, T0 + 700_000, { source: 'create', kind: 'sale.qr_renewed', fromStatus: 'expired' });
    expect(sales.qrAttempt('sale_expired')).toEqual({ attempt: 2, startedAt: T0 + 700_000 });
    expect(sales.events('sale_paid')).toHaveLength(2);
    db.close();
  });
});
