// Head office's store, the same tests on both: the embedded SQLite file and a real PostgreSQL server
// (a throwaway cluster, tests/support/pg-cluster.ts). Batches arrive in any order and any number of
// times: the report is always that of each sale's newest version. On PostgreSQL, two relay instances
// migrate one empty database at once and take the same till's batches at once. Then a whole relay on
// PostgreSQL takes a till's batch over HTTP.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as fc from 'fast-check';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainReport, emptyTotals, type Totals } from '../../../relay/head-office/chain-report';
import type { HeadOfficeStore, TillRef } from '../../../relay/head-office/head-office-store';
import { openPgHeadOfficeStore } from '../../../relay/head-office/pg-store';
import { HEAD_OFFICE_SQLITE_FILE, openSqliteHeadOfficeStore } from '../../../relay/head-office/sqlite-store';
import type { WireSale } from '../../../relay/head-office/wire-schema';
import { startPgCluster, type PgCluster } from '../../support/pg-cluster';
import { startTestRelay, tillSpec } from './head-office-harness';

let cluster: PgCluster;
let databases = 0;
beforeAll(async () => {
  cluster = await startPgCluster();
}, 180_000);
afterAll(async () => {
  await cluster?.stop();
}, 60_000);

const newDatabase = () => cluster.createDatabase(`head_office_${++databases}`);
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-head-office-store-'));

const backends: [string, () => Promise<{ open: () => Promise<HeadOfficeStore> }>][] = [
  ['SQLite', async () => {
    const dir = tempDir();
    return { open: async () => openSqliteHeadOfficeStore(dir) };
  }],
  ['PostgreSQL', async () => {
    const url = await newDatabase();
    return { open: () => openPgHeadOfficeStore(url) };
  }],
];

const TILLS: TillRef[] = [{ shopId: 'bangrak', tillId: 'till-1' }, { shopId: 'bangrak', tillId: 'till-2' }, { shopId: 'silom', tillId: 'till-1' }];
const STATUSES = ['created', 'awaiting_payment', 'succeeded', 'expired', 'failed', 'canceled'] as const;
const TENDERS = ['promptpay', 'cash', 'promptpay_manual'] as const;
const REFUND_STATUSES = ['pending', 'requires_action', 'succeeded', 'failed', 'canceled'] as const;
const DAYS = ['2026-03-30', '2026-03-31', '2026-04-01'];

/** One version of one sale: what a till would send at some moment. */
const saleVersion = fc.record({
  till: fc.integer({ min: 0, max: TILLS.length - 1 }),
  sale: fc.integer({ min: 0, max: 5 }),
  version: fc.integer({ min: 1, max: 1_000 }),
  amount: fc.integer({ min: 1, max: 100_000 }),
  status: fc.constantFrom(...STATUSES),
  tender: fc.constantFrom(...TENDERS),
  day: fc.constantFrom(...DAYS),
  mode: fc.constantFrom('live' as const, 'test' as const),
  refunds: fc.array(fc.record({ amount: fc.integer({ min: 1, max: 50_000 }), status: fc.constantFrom(...REFUND_STATUSES), tender: fc.constantFrom(...TENDERS), day: fc.constantFrom(...DAYS) }), { maxLength: 3 }),
});
type SaleVersion = typeof saleVersion extends fc.Arbitrary<infer T> ? T : never;

function wire(v: SaleVersion): WireSale {
  const till = TILLS[v.till];
  const id = `sale_${v.till}x${v.sale}`;
  return {
    id, shopId: till.shopId, tillId: till.tillId, version: v.version, cashierId: null, cashier: 'Nok', amount: v.amount, currency: 'thb',
    tender: v.tender, status: v.status, mode: v.mode, account: null, createdAt: Date.parse(`${v.day}T05:00:00Z`), paidAt: null,
    updatedAt: v.version, businessDate: v.day, timeZone: 'Asia/Bangkok', dayStartHour: 0,
    refunds: v.refunds.map((refund, index) => ({ id: `rfd_${id}_${index}`, amount: refund.amount, status: refund.status, tender: refund.tender, createdAt: 0, businessDate: refund.day })),
  };
}

/** The report a store must give: each sale's newest version only, added up by the till's rules. */
function model(versions: SaleVersion[], mode: 'live' | 'test', day: string, till: TillRef): Totals {
  const newest = new Map<string, SaleVersion>();
  for (const v of versions) {
    const key = `${v.till}/${v.sale}`;
    const known = newest.get(key);
    if (!known || v.version > known.version) newest.set(key, v);
  }
  const totals = emptyTotals();
  for (const v of newest.values()) {
    if (TILLS[v.till] !== till || v.mode !== mode) continue;
    if (v.day === day) {
      totals.byStatus[v.status].count += 1;
      totals.byStatus[v.status].amount += v.amount;
      if (v.status === 'succeeded') {
        totals.paid.count += 1;
        totals.paid.amount += v.amount;
        totals.tenders[v.tender].count += 1;
        totals.tenders[v.tender].gross += v.amount;
      }
    }
    for (const refund of v.refunds) {
      if (refund.day !== day || !['pending', 'requires_action', 'succeeded'].includes(refund.status)) continue;
      totals.refunded.count += 1;
      totals.refunded.amount += refund.amount;
      totals.tenders[refund.tender].refunded += refund.amount;
      const split = refund.status === 'succeeded' ? totals.refundsPaidOut : totals.refundsWaiting;
      split.count += 1;
      split.amount += refund.amount;
    }
  }
  totals.net = totals.paid.amount - totals.refunded.amount;
  for (const tender of TENDERS) totals.tenders[tender].net = totals.tenders[tender].gross - totals.tenders[tender].refunded;
  return totals;
}

describe.each(backends)('head-office store on %s', (_name, backend) => {
  it('keeps each sale\'s newest version whatever order and how often batches arrive (property)', async () => {
    const { open } = await backend();
    const store = await open();
    try {
      let runs = 0;
      // Each till's totals after the previous run (runs add up in one store).
      const previous = new Map<string, Totals>();
      await fc.assert(
        fc.asyncProperty(fc.array(saleVersion, { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 6 }), async (versions, batchSize) => {
          // Each run on its own sales: a fresh prefix keeps runs apart in one store.
          runs += 1;
          const tagged = versions.map((v) => ({ ...v, sale: v.sale + runs * 10 }));
          // Sent in batches of one till's versions, then every batch again in reverse (retries crossing).
          const batches: { till: TillRef; sales: WireSale[] }[] = [];
          for (const [index, till] of TILLS.entries()) {
            const own = tagged.filter((v) => v.till === index).map(wire);
            for (let i = 0; i < own.length; i += batchSize) batches.push({ till, sales: own.slice(i, i + batchSize) });
          }
          for (const batch of [...batches, ...[...batches].reverse()]) await store.upsertSales(batch.till, batch.sales, 1);
          for (const mode of ['live', 'test'] as const) {
            for (const day of DAYS) {
              const report = await chainReport(store, 'daily', { mode, from: day, to: day }, 0);
              for (const till of TILLS) {
                const row = report.shops.find((shop) => shop.shopId === till.shopId)?.tills.find((t) => t.tillId === till.tillId)?.totals ?? emptyTotals();
                // Earlier runs' sales are in the store too: compare this run's contribution.
                expect(row, `${till.shopId}/${till.tillId} ${mode} ${day}`).toEqual(add(model(tagged, mode, day, till), previous.get(`${till.shopId}/${till.tillId}/${mode}/${day}`)));
              }
            }
          }
          for (const mode of ['live', 'test'] as const) {
            for (const day of DAYS) {
              const report = await chainReport(store, 'daily', { mode, from: day, to: day }, 0);
              for (const till of TILLS) {
                previous.set(`${till.shopId}/${till.tillId}/${mode}/${day}`, report.shops.find((shop) => shop.shopId === till.shopId)?.tills.find((t) => t.tillId === till.tillId)?.totals ?? emptyTotals());
              }
            }
          }
        }),
        { numRuns: 12 },
      );
    } finally {
      await store.close();
    }
  }, 300_000);

  it('a re-sent batch stores nothing and an older version never replaces a newer one; refunds follow their sale', async () => {
    const { open } = await backend();
    const store = await open();
    try {
      const till = TILLS[0];
      const newer = wire({ till: 0, sale: 1, version: 20, amount: 5_000, status: 'succeeded', tender: 'cash', day: DAYS[0], mode: 'live', refunds: [] });
      const older = { ...newer, version: 10, status: 'created' as const, refunds: [{ id: 'rfd_old', amount: 100, status: 'succeeded' as const, tender: 'cash' as const, createdAt: 0, businessDate: DAYS[0] }] };
      expect(await store.upsertSales(till, [newer], 1)).toEqual({ stored: 1, unchanged: 0 });
      expect(await store.upsertSales(till, [newer], 2)).toEqual({ stored: 0, unchanged: 1 });
      expect(await store.upsertSales(till, [older], 3)).toEqual({ stored: 0, unchanged: 1 });
      const withRefund = { ...newer, version: 30, refunds: [{ id: 'rfd_a', amount: 700, status: 'pending' as const, tender: 'cash' as const, createdAt: 0, businessDate: DAYS[1] }] };
      await store.upsertSales(till, [withRefund], 4);
      const refundDay = await chainReport(store, 'daily', { mode: 'live', from: DAYS[1], to: DAYS[1] }, 0);
      expect(refundDay.totals.refundsWaiting).toEqual({ count: 1, amount: 700 });
      // The refund failed at Stripe: the next version carries it failed, and it no longer counts.
      await store.upsertSales(till, [{ ...withRefund, version: 31, refunds: [{ ...withRefund.refunds[0], status: 'failed' }] }], 5);
      expect((await chainReport(store, 'daily', { mode: 'live', from: DAYS[1], to: DAYS[1] }, 0)).totals.refunded).toEqual({ count: 0, amount: 0 });
      const month = await chainReport(store, 'monthly', { mode: 'live', from: '2026-03-01', to: '2026-03-31' }, 0);
      expect(month.days).toHaveLength(31);
      expect(month.totals.paid).toEqual({ count: 1, amount: 5_000 });
      expect(month.shops[0].tills[0]).toMatchObject({ tillId: 'till-1', timeZone: 'Asia/Bangkok', lastReceivedAt: new Date(5).toISOString() });
    } finally {
      await store.close();
    }
  });
});

function add(a: Totals, b: Totals | undefined): Totals {
  if (!b) return a;
  const walk = (x: Record<string, unknown>, y: Record<string, unknown>) => {
    for (const key of Object.keys(y)) {
      if (typeof y[key] === 'number') x[key] = (x[key] as number) + (y[key] as number);
      else walk(x[key] as Record<string, unknown>, y[key] as Record<string, unknown>);
    }
  };
  walk(a as unknown as Record<string, unknown>, b as unknown as Record<string, unknown>);
  return a;
}

describe('head-office store on PostgreSQL: several relay instances', () => {
  it('two instances migrate one empty database at once, and take the same till\'s batches at once', async () => {
    const url = await newDatabase();
    const [a, b] = await Promise.all([openPgHeadOfficeStore(url), openPgHeadOfficeStore(url)]);
    try {
      const client = new Client({ connectionString: url });
      await client.connect();
      const steps = (await client.query('SELECT version FROM head_office_migrations')).rows;
      await client.end();
      expect(steps).toEqual([{ version: 1 }]);

      const till = TILLS[2];
      const versions = Array.from({ length: 40 }, (_, i) => wire({ till: 2, sale: i % 4, version: i + 1, amount: 1_000 + i, status: 'succeeded', tender: 'cash', day: DAYS[0], mode: 'live', refunds: [] }));
      // Odd versions through A, even through B, all at once.
      await Promise.all(versions.map((sale, i) => (i % 2 === 0 ? a : b).upsertSales(till, [sale], i)));
      const report = await chainReport(a, 'daily', { mode: 'live', from: DAYS[0], to: DAYS[0] }, 0);
      // Each of the 4 sales ends at its newest version (37..40 → amounts 1036..1039).
      expect(report.totals.paid).toEqual({ count: 4, amount: 1_036 + 1_037 + 1_038 + 1_039 });
    } finally {
      await a.close();
      await b.close();
    }
  }, 120_000);

  it('a store with a schema step this relay does not know is refused and left untouched', async () => {
    const url = await newDatabase();
    const store = await openPgHeadOfficeStore(url);
    await store.close();
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query("INSERT INTO head_office_migrations (version, name, applied_at) VALUES (99, 'from-the-future', 0)");
    await client.end();
    await expect(openPgHeadOfficeStore(url)).rejects.toThrow(/schema step 99 \(from-the-future\) that this relay does not know/);

    const dir = tempDir();
    await openSqliteHeadOfficeStore(dir).close();
    const db = new Database(path.join(dir, HEAD_OFFICE_SQLITE_FILE));
    db.prepare("INSERT INTO head_office_migrations (version, name, applied_at) VALUES (99, 'from-the-future', 0)").run();
    db.close();
    expect(() => openSqliteHeadOfficeStore(dir)).toThrow(/schema step 99/);
  });

  it('a relay on PostgreSQL takes a till\'s batch over HTTP and reports it', async () => {
    const url = await newDatabase();
    const spec = tillSpec('bangrak', 'till-1');
    const relay = await startTestRelay([spec], { databaseUrl: url });
    try {
      const sale = wire({ till: 0, sale: 1, version: 5, amount: 4_200, status: 'succeeded', tender: 'promptpay', day: DAYS[0], mode: 'live', refunds: [] });
      const response = await fetch(`${relay.relay.url}/head-office/sales`, {
        method: 'POST', headers: { authorization: `Bearer ${spec.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ sales: [sale] }),
      });
      expect(response.status).toBe(200);
      expect((await relay.daily(DAYS[0], 'live')).totals.tenders.promptpay).toEqual({ count: 1, gross: 4_200, refunded: 0, net: 4_200 });
      // Stored in PostgreSQL, not in a file of the data dir.
      expect(fs.existsSync(path.join(relay.dataDir, HEAD_OFFICE_SQLITE_FILE))).toBe(false);
    } finally {
      await relay.close();
    }
  }, 120_000);
});
