// Demo, test and live money never mix: every sale records the mode and account it was taken in, reports
// cover the ledger's own mode and account, and someone who can start the app with another key (or none,
// dropping to demo) but knows no manager PIN cannot make the till charge into the old ledger.
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { compareWithBinding } from '../../../electron/core/manager/stripe-change';
import type { PosCore } from '../../../electron/core/pos-core-types';
import { keyFingerprint } from '../../../electron/core/settings/stripe-binding';
import { startStripeSim, type StripeSim } from '../../../stripe-sim';
import type { AuditEntryView, AuthStatus, Cashier, DailyReport, ExportJob } from '../../../shared/manager-types';
import type { AppInfo } from '../../../shared/pos-contract';
import type { Sale } from '../../../shared/sale';
import { call, signedInContext, startTestCore, tempDataDir, waitForSale } from '../../support/core-harness';

// Each PIN typed or set costs a 128 MiB scrypt (OWASP's cost): several in one test take seconds on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

const TEST_KEY = 'sk_test_51ShopTestKeyForTheLedger';
const cores: PosCore[] = [];
const sims: StripeSim[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function start(dataDir: string, key: string | null, sim?: StripeSim): Promise<PosCore> {
  const pos = await startTestCore({ dataDir, stripeSecretKey: key, stripeApiBase: sim?.url ?? null });
  cores.push(pos);
  await signedInContext(pos);
  return pos;
}

async function stop(pos: PosCore): Promise<void> {
  cores.splice(cores.indexOf(pos), 1);
  await pos.close();
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(Date.now());

/** The till's Stripe state once its start-up account check has decided (bound, or a change pending). */
async function settledInfo(pos: PosCore): Promise<AppInfo> {
  for (;;) {
    const info = await call<AppInfo>(pos, 'app.info', {});
    if (info.stripe.pendingChange || bindingOf(pos)?.key_fingerprint === keyFingerprint(pos.config.stripeSecretKey)) return info;
    // The check is one request to the simulator; give it a turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function bindingOf(pos: PosCore): { mode: string; account: string | null; key_fingerprint: string | null } | undefined {
  const ledger = new Database(path.join(pos.config.dataDir, 'ledger.sqlite3'), { readonly: true });
  try {
    return ledger.prepare('SELECT mode, account, key_fingerprint FROM stripe_binding').get() as never;
  } finally {
    ledger.close();
  }
}

async function paidTestSale(pos: PosCore, sim: StripeSim, amount: number): Promise<Sale> {
  const sale = await call<Sale>(pos, 'sales.charge', { amount });
  const paid = waitForSale(pos, sale.id, (s) => s.status === 'succeeded');
  await sim.succeed(sale.paymentIntentId!);
  return paid;
}

describe('which key the ledger belongs to', () => {
  it('the same key carries on; a new key of the same account carries on; anything else waits for a manager', () => {
    const bound = { mode: 'test' as const, account: 'acct_A', keyFingerprint: keyFingerprint(TEST_KEY), boundAt: 0 };
    const running = (key: string | null, mode: 'demo' | 'test' | 'live') => ({ mode, keyFingerprint: keyFingerprint(key) });
    expect(compareWithBinding(null, running(TEST_KEY, 'test'), 'acct_A')).toBe('unbound');
    expect(compareWithBinding(bound, running(TEST_KEY, 'test'), undefined)).toBe('same');
    expect(compareWithBinding(bound, running('sk_test_rolled', 'test'), 'acct_A')).toBe('new_key_same_account');
    expect(compareWithBinding(bound, running('sk_test_other', 'test'), 'acct_B')).toBe('changed');
    // A key whose account Stripe will not name is not assumed to be the same account.
    expect(compareWithBinding(bound, running('rk_test_restricted', 'test'), null)).toBe('changed');
    expect(compareWithBinding(bound, running(null, 'demo'), null)).toBe('changed');
    expect(compareWithBinding(bound, running('sk_live_real', 'live'), 'acct_A')).toBe('changed');
    expect(keyFingerprint(TEST_KEY)).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(keyFingerprint(TEST_KEY)).not.toContain(TEST_KEY.slice(8));
  });
});

describe('per-sale mode and account', () => {
  it('stamps every sale with the mode it was taken in, and says so in app.info and the report', async () => {
    const pos = await start(tempDataDir(), null);
    const info = await call<AppInfo>(pos, 'app.info', {});
    expect(info.stripe).toEqual({ mode: 'demo', account: null, accountName: null, pendingChange: null, missingPermissions: [] });
    const sale = await call<Sale>(pos, 'sales.charge', { amount: 5_000 });
    await call(pos, 'demo.simulate', { saleId: sale.id, outcome: 'succeed' });
    const report = await call<DailyReport>(pos, 'reports.daily', { date: today() });
    expect(report).toMatchObject({ mode: 'demo', account: null, paid: { count: 1, amount: 5_000 } });
    const ledger = new Database(path.join(pos.config.dataDir, 'ledger.sqlite3'), { readonly: true });
    expect(ledger.prepare('SELECT mode, account FROM sales WHERE id = ?').get(sale.id)).toEqual({ mode: 'demo', account: null });
    ledger.close();
  });

  it('a key dropped to demo (--forget-stripe-key) refuses charges until a manager approves; demo never joins test totals', async () => {
    const sim = await startStripeSim({ port: 0 });
    sims.push(sim);
    const dataDir = tempDataDir();
    const keyed = await start(dataDir, TEST_KEY, sim);
    await settledInfo(keyed);
    const owner = await signedInContext(keyed);
    const manager = await call<Cashier>(keyed, 'cashiers.create', { name: 'Manager Mali', pin: '5555', role: 'manager' }, owner);
    const cashier = await call<Cashier>(keyed, 'cashiers.create', { name: 'Cashier Nok', pin: '4321', role: 'cashier' }, owner);
    const testSale = await paidTestSale(keyed, sim, 12_300);
    const testReport = await call<DailyReport>(keyed, 'reports.daily', { date: today() });
    expect(testReport).toMatchObject({ mode: 'test', paid: { amount: 12_300 } });
    await stop(keyed);

    // Someone who can launch the app starts it without the key. They know a cashier's PIN, not a manager's.
    const demo = await start(dataDir, null);
    const till = { transport: 'ipc' as const, clientKey: 'ipc:till-window' };
    await call<AuthStatus>(demo, 'auth.signIn', { cashierId: cashier.cashierId, pin: '4321' }, till);
    const info = await call<AppInfo>(demo, 'app.info', {}, till);
    expect(info.stripe.pendingChange).toEqual({ fromMode: 'test', fromAccount: info.stripe.pendingChange!.fromAccount, toMode: 'demo', toAccount: null });
    expect(await demo.dispatch('sales.charge', { amount: 5_000 }, till)).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'stripe_account', message: expect.stringMatching(/^The Stripe key changed from test.* to demo\. A manager must approve the change on the till before new sales\. Nothing was charged\.$/) },
    });
    expect(await demo.dispatch('stripe.approveChange', { pin: '4321' }, till)).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'That is not a manager PIN.' } });
    expect((await call<AppInfo>(demo, 'app.info', {}, till)).stripe.pendingChange).not.toBeNull();
    expect(await demo.dispatch('sales.charge', { amount: 5_000 }, till)).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // A manager approves on the till: demo sales start, and they never add to the test money.
    const approved = await call<AppInfo>(demo, 'stripe.approveChange', { pin: '5555' }, till);
    expect(approved.stripe).toMatchObject({ mode: 'demo', pendingChange: null });
    const demoSale = await call<Sale>(demo, 'sales.charge', { amount: 5_000 }, till);
    await call(demo, 'demo.simulate', { saleId: demoSale.id, outcome: 'succeed' }, till);
    const demoReport = await call<DailyReport>(demo, 'reports.daily', { date: today() }, owner);
    expect(demoReport).toMatchObject({ mode: 'demo', account: null, paid: { count: 1, amount: 5_000 } });
    expect(demoReport.payments.map((p) => p.saleId)).toEqual([demoSale.id]);
    // The test sale's money is not the demo till's to refund.
    expect(await demo.dispatch('refunds.create', { saleId: testSale.id, amount: 1_000 }, owner)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/^This sale was taken in test mode.*; the till now runs in demo mode\. Refund it from the Stripe account that took it\. Nothing was refunded\.$/) },
    });
    const search = await call<{ sales: Sale[] }>(demo, 'sales.search', { from: today(), to: today() }, owner);
    expect(search.sales.map((s) => s.id)).toEqual([demoSale.id]);
    expect(search.sales.map((s) => s.id)).not.toContain(testSale.id);
    const job = await call<ExportJob>(demo, 'reports.export', { from: today(), to: today(), format: 'csv' }, owner);
    const done = await new Promise<ExportJob>((resolve) => {
      const poll = async () => {
        const status = await call<ExportJob>(demo, 'reports.exportStatus', { jobId: job.id }, owner);
        if (status.status !== 'running') resolve(status);
        else setImmediate(() => void poll());
      };
      void poll();
    });
    const csv = fs.readFileSync(done.filePath!, 'utf8');
    expect(csv).toContain(demoSale.id);
    expect(csv).not.toContain(testSale.id);

    const audit = await call<AuditEntryView[]>(demo, 'audit.list', { limit: 50 }, owner);
    const approval = audit.find((entry) => entry.action === 'stripe.change_approved')!;
    expect(approval).toMatchObject({ actor: 'Manager Mali', detail: { fromMode: 'test', toMode: 'demo', fromKey: keyFingerprint(TEST_KEY), toKey: null, by: manager.cashierId } });
    expect(audit.map((entry) => entry.action)).toContain('stripe.change_pending');
    expect(JSON.stringify(audit)).not.toContain(TEST_KEY);
  });

  it('the same key again needs nothing from anyone; a new key of the same account is recorded and carries on', async () => {
    const sim = await startStripeSim({ port: 0 });
    sims.push(sim);
    const dataDir = tempDataDir();
    const first = await start(dataDir, TEST_KEY, sim);
    expect((await settledInfo(first)).stripe.pendingChange).toBeNull();
    await stop(first);
    const again = await start(dataDir, TEST_KEY, sim);
    expect((await settledInfo(again)).stripe.pendingChange).toBeNull();
    await paidTestSale(again, sim, 2_000);
    await stop(again);

    const other = await start(dataDir, 'sk_test_51AnotherKeyOfTheSimulator', sim);
    const info = await settledInfo(other);
    // The simulator names one account for all its keys: a rolled key, recorded, nothing to approve.
    expect(info.stripe).toMatchObject({ account: 'acct_1ChamraSimulatorTH', pendingChange: null });
    const audit = (await call<AuditEntryView[]>(other, 'audit.list', { limit: 20 })).map((entry) => entry.action);
    expect(audit).toContain('stripe.key_replaced');
    expect((await call<AppInfo>(other, 'app.info', {})).stripe.pendingChange).toBeNull();
    expect(bindingOf(other)?.key_fingerprint).toBe(keyFingerprint('sk_test_51AnotherKeyOfTheSimulator'));
  });
});
