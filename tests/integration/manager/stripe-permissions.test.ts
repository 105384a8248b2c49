// What the till asks Stripe about its key at start: which account it belongs to (another account than
// the ledger's waits for a manager) and, for a restricted key, whether it may do what the till needs
// (Stripe answers 403 naming the missing permission). Against stripe-sim's accounts and restricted keys.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PosCore } from '../../../electron/core/pos-core-types';
import { startCore } from '../../../electron/core/start-core';
import { loadCoreConfig } from '../../../electron/core/config/core-config';
import { startStripeSim, type StripeSim } from '../../../stripe-sim';
import type { AuditEntryView } from '../../../shared/manager-types';
import type { AppInfo } from '../../../shared/pos-contract';
import { call, fastPolling, fastRefundPolling, OWNER_PIN, signedInContext, tempDataDir } from '../../support/core-harness';

// Each PIN typed or set costs a 128 MiB scrypt (OWASP's cost): several in one test take seconds on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

const cores: PosCore[] = [];
const sims: StripeSim[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function sim(options: Parameters<typeof startStripeSim>[0] = {}): Promise<StripeSim> {
  const started = await startStripeSim({ port: 0, ...options });
  sims.push(started);
  return started;
}

async function start(dataDir: string, key: string, stripe: StripeSim, logs: string[] = []): Promise<PosCore> {
  const config = loadCoreConfig({}, { dataDir, httpPort: 0, simPort: null, stripeSecretKey: key, stripeApiBase: stripe.url });
  const pos = await startCore(config, { pollSchedule: fastPolling, refundPollDelayMs: fastRefundPolling, log: (line) => logs.push(line) });
  cores.push(pos);
  await signedInContext(pos);
  return pos;
}

/** app.info once the start-up account check has answered (it is one or a few requests to the simulator). */
async function checkedInfo(pos: PosCore, done: (info: AppInfo) => boolean): Promise<AppInfo> {
  for (;;) {
    const info = await call<AppInfo>(pos, 'app.info', {});
    if (done(info)) return info;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('restricted keys', () => {
  it('names a missing Refunds permission in app.info and the log, and still takes charges', async () => {
    const key = 'rk_test_noRefundWrite0001';
    const stripe = await sim({ restrictedKeys: [{ key, permissions: { payment_intents: 'write', events: 'read', refunds: 'read' } }] });
    const logs: string[] = [];
    const pos = await start(tempDataDir(), key, stripe, logs);
    const info = await checkedInfo(pos, (i) => i.stripe.missingPermissions.length > 0 || i.stripe.account !== null);
    expect(info.stripe).toMatchObject({ mode: 'test', account: 'acct_1ChamraSimulatorTH', missingPermissions: ['Refunds: Write'] });
    expect(logs.join('\n')).toContain("The restricted Stripe key lacks Refunds: Write: give the key these permissions in Stripe's dashboard and restart.");
    expect(logs.join('\n')).not.toContain(key);
    expect((await pos.dispatch('sales.charge', { amount: 5_000 }, await signedInContext(pos))).ok).toBe(true);
  });

  it('refuses charges clearly when the key may not write PaymentIntents, creating nothing at Stripe', async () => {
    const key = 'rk_test_noPaymentWrite001';
    const stripe = await sim({ restrictedKeys: [{ key, permissions: { payment_intents: 'read', events: 'read', refunds: 'write' } }] });
    const pos = await start(tempDataDir(), key, stripe);
    const info = await checkedInfo(pos, (i) => i.stripe.missingPermissions.length > 0);
    expect(info.stripe.missingPermissions).toEqual(['PaymentIntents: Write']);
    expect(await pos.dispatch('sales.charge', { amount: 5_000 }, await signedInContext(pos))).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'stripe_account', message: "The restricted Stripe key lacks PaymentIntents: Write: give the key these permissions in Stripe's dashboard and restart. Nothing was charged." },
    });
    // Stripe's own view, with a full key: no PaymentIntent was made.
    const created = await fetch(`${stripe.url}/v1/events?type=payment_intent.created&limit=10`, { headers: { authorization: 'Bearer sk_test_inspector' } });
    expect(((await created.json()) as { data: unknown[] }).data).toEqual([]);
  });

  it('finds nothing missing for a key with every permission the till needs', async () => {
    const key = 'rk_test_everythingNeeded1';
    const stripe = await sim({ restrictedKeys: [{ key, permissions: { payment_intents: 'write', events: 'read', refunds: 'write' } }] });
    const pos = await start(tempDataDir(), key, stripe);
    const info = await checkedInfo(pos, (i) => i.stripe.account !== null);
    expect(info.stripe).toMatchObject({ account: 'acct_1ChamraSimulatorTH', accountName: 'Chamra POS (stripe-sim)', missingPermissions: [], pendingChange: null });
  });
});

describe('a fresh ledger', () => {
  it('takes charges at once with its first key, and stamps them with the account once Stripe names it', async () => {
    const stripe = await sim({ account: { id: 'acct_1ShopOwnAccount' } });
    const pos = await start(tempDataDir(), 'sk_test_theShopsFirstKey', stripe);
    const sale = await pos.dispatch('sales.charge', { amount: 5_000 }, await signedInContext(pos));
    expect(sale.ok).toBe(true);
    await checkedInfo(pos, (i) => i.stripe.account !== null);
    const ledger = new Database(path.join(pos.config.dataDir, 'ledger.sqlite3'), { readonly: true });
    try {
      expect(ledger.prepare('SELECT mode, account FROM sales').all()).toEqual([{ mode: 'test', account: 'acct_1ShopOwnAccount' }]);
      expect(ledger.prepare('SELECT mode, account FROM stripe_binding').get()).toEqual({ mode: 'test', account: 'acct_1ShopOwnAccount' });
    } finally {
      ledger.close();
    }
  });
});

describe('another Stripe account', () => {
  it("waits for a manager when the key belongs to another account than the ledger's, naming both", async () => {
    const dataDir = tempDataDir();
    const shop = await sim({ account: { id: 'acct_1ShopOwnAccount', displayName: 'Somchai Noodles' } });
    const first = await start(dataDir, 'sk_test_theShopsOwnKey', shop);
    await checkedInfo(first, (i) => i.stripe.account === 'acct_1ShopOwnAccount');
    await cores.splice(0)[0].close();

    // Someone starts the till with a key of their own account: sales would pay them.
    const other = await sim({ account: { id: 'acct_1SomeoneElse', displayName: 'Not the shop' } });
    const pos = await start(dataDir, 'sk_test_someoneElsesKey', other);
    const info = await checkedInfo(pos, (i) => i.stripe.pendingChange !== null);
    expect(info.stripe).toMatchObject({
      account: 'acct_1SomeoneElse',
      accountName: 'Not the shop',
      pendingChange: { fromMode: 'test', fromAccount: 'acct_1ShopOwnAccount', toMode: 'test', toAccount: 'acct_1SomeoneElse' },
    });
    expect(await pos.dispatch('sales.charge', { amount: 5_000 }, await signedInContext(pos))).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'The Stripe key changed from test acct_1ShopOwnAccount to test acct_1SomeoneElse. A manager must approve the change on the till before new sales. Nothing was charged.' },
    });
    await call(pos, 'stripe.approveChange', { pin: OWNER_PIN });
    expect((await call<AppInfo>(pos, 'app.info', {})).stripe.pendingChange).toBeNull();
    const audit = await call<AuditEntryView[]>(pos, 'audit.list', { limit: 20 });
    expect(audit.find((entry) => entry.action === 'stripe.change_approved')?.detail).toMatchObject({ fromAccount: 'acct_1ShopOwnAccount', toAccount: 'acct_1SomeoneElse' });
    expect(JSON.stringify(audit)).not.toMatch(/sk_test_/);
  });

  it('a rolled key of the same account carries on by itself, recorded in the audit log', async () => {
    const dataDir = tempDataDir();
    const shop = await sim({ account: { id: 'acct_1ShopOwnAccount' } });
    const first = await start(dataDir, 'sk_test_theShopsOldKey', shop);
    await checkedInfo(first, (i) => i.stripe.account !== null);
    await cores.splice(0)[0].close();
    const pos = await start(dataDir, 'sk_test_theShopsNewKey', shop);
    await checkedInfo(pos, (i) => i.stripe.account !== null);
    const audit = await call<AuditEntryView[]>(pos, 'audit.list', { limit: 20 });
    expect(audit.map((entry) => entry.action)).toContain('stripe.key_replaced');
    expect((await call<AppInfo>(pos, 'app.info', {})).stripe.pendingChange).toBeNull();
    expect((await pos.dispatch('sales.charge', { amount: 5_000 }, await signedInContext(pos))).ok).toBe(true);
  });
});
