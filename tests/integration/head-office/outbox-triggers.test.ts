// The outbox is the ledger's own doing (migration 012's triggers) on a real SQLite ledger: every
// change queues the sale under a higher version, whatever conflict clause the writing statement
// carries; a version acknowledged while a newer change was queued leaves the newer one queued; a change
// of the business day's zone or start queues every sale.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HeadOfficeOutbox } from '../../../electron/core/head-office/head-office-outbox';
import { readHeadOfficeSales, type HeadOfficeSale } from '../../../electron/core/head-office/head-office-payload';
import { openLedger, type LedgerDb } from '../../../electron/core/ledger/open-ledger';
import { wireSale, type WireSale } from '../../../relay/head-office/wire-schema';
import { tempDataDir } from '../../support/core-harness';

let db: LedgerDb | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

function ledger(): LedgerDb {
  const dir = tempDataDir();
  db = openLedger(path.join(dir, 'ledger.sqlite3'));
  return db;
}

function insertSale(target: LedgerDb, id: string, createdAt: number): void {
  target.prepare(`INSERT INTO sales (id, amount, email, status, source, till_id, created_at, updated_at, tender, mode)
                  VALUES (?, 10000, 'customer@example.com', 'created', 'till', 'till-1', ?, ?, 'cash', 'live')`).run(id, createdAt, createdAt);
}

// The till's payload type is the relay's schema's (checked by the compiler: the two sides import
// nothing of each other's, so this test is where they meet).
export const tillPayloadFitsTheRelay = (sale: HeadOfficeSale): WireSale => sale;

const versionOf = (target: LedgerDb, id: string) =>
  (target.prepare('SELECT version FROM head_office_outbox WHERE sale_id = ?').get(id) as { version: number } | undefined)?.version;

describe('head-office outbox triggers', () => {
  it('queue every change under a growing version, whatever conflict clause the write carries', () => {
    const target = ledger();
    const outbox = new HeadOfficeOutbox(target);
    insertSale(target, 'sale_a0000001', Date.parse('2026-05-01T03:00:00Z'));
    const first = versionOf(target, 'sale_a0000001')!;
    expect(first).toBeGreaterThan(0);
    const queued = outbox.next(10);
    target.prepare("UPDATE sales SET status = 'succeeded', paid_at = created_at WHERE id = ?").run('sale_a0000001');
    const second = versionOf(target, 'sale_a0000001')!;
    expect(second).toBeGreaterThan(first);
    // The first batch is acknowledged after the change: the newer version stays queued.
    expect(outbox.remove(queued)).toBe(0);
    expect(outbox.size()).toBe(1);

    // A refund written with OR IGNORE (its own conflict clause reaches the trigger's statements).
    target.prepare(`INSERT OR IGNORE INTO refunds (id, sale_id, amount, status, till_id, created_at, updated_at, tender)
                    VALUES ('rfd_a0000001', 'sale_a0000001', 2500, 'succeeded', 'till-1', ?, ?, 'cash')`).run(Date.now(), Date.now());
    const third = versionOf(target, 'sale_a0000001')!;
    expect(third).toBeGreaterThan(second);
    // A parked version (refused for good) is left out of batches; the sale's next change brings it back.
    expect(outbox.park({ saleId: 'sale_a0000001', version: third })).toBe(true);
    expect(outbox.next(10)).toEqual([]);
    expect(outbox.parked()).toBe(1);
    target.prepare("UPDATE sales SET cashier = 'Nok' WHERE id = ?").run('sale_a0000001');
    expect(outbox.parked()).toBe(0);
    const fourth = versionOf(target, 'sale_a0000001')!;
    expect(outbox.next(10)).toEqual([{ saleId: 'sale_a0000001', version: fourth }]);
    // A column head office does not carry changes nothing.
    target.prepare("UPDATE sales SET description = 'note' WHERE id = ?").run('sale_a0000001');
    expect(versionOf(target, 'sale_a0000001')).toBe(fourth);
    expect(outbox.remove(outbox.next(10))).toBe(1);
    expect(outbox.size()).toBe(0);
  });

  it('a change of the zone or day start (upserted, twice) queues every sale again', () => {
    const target = ledger();
    const outbox = new HeadOfficeOutbox(target);
    for (let i = 0; i < 3; i++) insertSale(target, `sale_b000000${i}`, Date.parse('2026-05-01T03:00:00Z') + i);
    outbox.remove(outbox.next(10));
    const upsert = target.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    upsert.run('timeZone', JSON.stringify('Asia/Tokyo'));
    expect(outbox.size()).toBe(3);
    outbox.remove(outbox.next(10));
    upsert.run('timeZone', JSON.stringify('Asia/Tokyo'));
    expect(outbox.size()).toBe(0);
    upsert.run('dayStartHour', '4');
    upsert.run('dayStartHour', '5');
    expect(outbox.size()).toBe(3);
    upsert.run('shopName', JSON.stringify('Another name'));
    expect(outbox.size()).toBe(3);
  });

  it('reads a queued sale as head office gets it: business days from the shop zone and start hour, no email', () => {
    const target = ledger();
    // 02:30 in Bangkok on 2 May: with a 04:00 day start it belongs to 1 May.
    insertSale(target, 'sale_c0000001', Date.parse('2026-05-01T19:30:00Z'));
    const [sale] = readHeadOfficeSales(target, new HeadOfficeOutbox(target).next(1), 'bangrak', { timeZone: 'Asia/Bangkok', dayStartHour: 4 });
    expect(sale).toMatchObject({ id: 'sale_c0000001', shopId: 'bangrak', tillId: 'till-1', businessDate: '2026-05-01', timeZone: 'Asia/Bangkok', dayStartHour: 4 });
    expect(JSON.stringify(sale)).not.toContain('@');
    // And the relay's schema takes it as it is, dropping nothing.
    expect(wireSale.parse(sale)).toEqual(sale);
    // A queued sale gone from the ledger (an older backup restored) is left out; the sender drops its row.
    expect(readHeadOfficeSales(target, [{ saleId: 'sale_gone0001', version: 1 }], 'bangrak', { timeZone: 'Asia/Bangkok', dayStartHour: 0 })).toEqual([]);
    expect(fs.existsSync(target.name)).toBe(true);
  });
});
