// "Test connection" and saving the Stripe key in setup: the real core, the official SDK and a separate
// stripe-sim standing in for Stripe (its restricted keys, its account's country and PromptPay
// capability), the test proxy to cut the connection. Each way a key can be wrong has its own problem
// code, and the key never comes back out: not in a result, an error, the log, the audit or the files.
import { describe, expect, it, vi } from 'vitest';
import { keyFingerprint } from '../../../electron/core/settings/stripe-binding';
import type { AuditEntryView } from '../../../shared/manager-types';
import type { PosEvent } from '../../../shared/pos-contract';
import type { SetupStatus, StripeConnectionTest } from '../../../shared/setup';
import { startStripeProxy } from '../../support/stripe-proxy';
import { closedPort, everythingWritten, refusal, useSetupTills, value } from './setup-support';

// A PIN typed or set costs a 128 MiB scrypt: several in a test take seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

const setup = useSetupTills();
const ALL_NEEDED = { payment_intents: 'write', refunds: 'write', events: 'read' } as const;

describe('setup.testStripe: the shape of the key, before anything goes to Stripe', () => {
  it.each([
    ['', 'test', 'key_empty', undefined],
    ['   \n', 'test', 'key_empty', undefined],
    ['pk_test_51HcAbCdEfGhIjKlMnOp', 'test', 'publishable_key', undefined],
    ['hello there', 'test', 'key_shape', undefined],
    ['sk_prod_51HcAbCdEfGhIjKlMnOp', 'test', 'key_shape', undefined],
    ['sk_test_51HcAbCdEfGhIjKlMnOp', 'live', 'wrong_mode', 'test'],
    ['rk_test_51HcAbCdEfGhIjKlMnOp', 'live', 'wrong_mode', 'test'],
    ['sk_live_51HcAbCdEfGhIjKlMnOp', 'test', 'wrong_mode', 'live'],
  ] as const)('%j in %s mode is %s', async (secretKey, mode, problem, keyMode) => {
    const sim = await setup.sim();
    const till = await setup.till({ stripeApiBase: sim.url });
    sim.resetStats();
    const error = await refusal(till.core, 'setup.testStripe', { secretKey, mode }, till.owner);
    expect(error).toMatchObject({ code: 'invalid_input', field: 'secretKey', details: { setupProblem: problem } });
    expect(error.details?.keyMode).toBe(keyMode);
    // Refused on its shape: Stripe was never asked.
    expect(sim.stats().total).toBe(0);
    // Nothing of the key comes back (an empty key has nothing to leak: the check is then trivially true).
    expect(secretKey.trim() === '' || !JSON.stringify(error).includes(secretKey.trim())).toBe(true);
  });
});

describe('setup.testStripe: what Stripe says', () => {
  it('names the account, its country, the mode and every permission for a secret key', async () => {
    const sim = await setup.sim();
    const till = await setup.till({ stripeApiBase: sim.url });
    const key = 'sk_test_setupWizardSecret0001';
    const tested = await value<StripeConnectionTest>(till.core, 'setup.testStripe', { secretKey: ` ${key}\n`, mode: 'test' }, till.owner);
    expect(tested).toEqual({
      mode: 'test',
      keyKind: 'secret',
      account: 'acct_1ChamraSimulatorTH',
      accountName: 'Chamra POS (stripe-sim)',
      country: 'TH',
      promptPay: 'active',
      permissions: [
        { label: 'PaymentIntents: Write', ok: true },
        { label: 'Refunds: Write', ok: true },
        { label: 'Events: Read', ok: true },
        { label: 'Charges: Read', ok: true, optional: true },
        { label: 'Balance: Read', ok: true, optional: true },
      ],
    });
    // Testing keeps nothing.
    expect(till.keeper.read('stripe_secret_key')).toBeNull();
    expect(everythingWritten(till)).not.toContain(key);
  });

  it('checks each permission of a restricted key; the fee permissions are optional', async () => {
    const key = 'rk_test_setupNeededOnly0001';
    const sim = await setup.sim({ restrictedKeys: [{ key, permissions: ALL_NEEDED }] });
    const till = await setup.till({ stripeApiBase: sim.url });
    const tested = await value<StripeConnectionTest>(till.core, 'setup.testStripe', { secretKey: key, mode: 'test' }, till.owner);
    expect(tested).toMatchObject({ keyKind: 'restricted', account: 'acct_1ChamraSimulatorTH', country: 'TH', promptPay: 'active' });
    expect(tested.permissions).toEqual([
      { label: 'PaymentIntents: Write', ok: true },
      { label: 'Refunds: Write', ok: true },
      { label: 'Events: Read', ok: true },
      { label: 'Charges: Read', ok: false, optional: true },
      { label: 'Balance: Read', ok: false, optional: true },
    ]);
  });

  it('names the permission a restricted key lacks (Refunds: Write)', async () => {
    const key = 'rk_test_setupNoRefundWrite1';
    const sim = await setup.sim({ restrictedKeys: [{ key, permissions: { ...ALL_NEEDED, refunds: 'read' } }] });
    const till = await setup.till({ stripeApiBase: sim.url });
    const error = await refusal(till.core, 'setup.testStripe', { secretKey: key, mode: 'test' }, till.owner);
    expect(error).toMatchObject({
      code: 'invalid_input',
      field: 'secretKey',
      details: { setupProblem: 'missing_permissions', missingPermissions: ['Refunds: Write'] },
    });
    expect(JSON.stringify(error)).not.toContain(key);
  });

  it('says Stripe refused a key it does not know (401), without quoting it', async () => {
    const sim = await setup.sim();
    const till = await setup.till({ stripeApiBase: sim.url });
    const key = 'rk_test_setupNeverRegistered1';
    const error = await refusal(till.core, 'setup.testStripe', { secretKey: key, mode: 'test' }, till.owner);
    expect(error).toMatchObject({ code: 'invalid_input', field: 'secretKey', details: { setupProblem: 'key_rejected' } });
    expect(JSON.stringify(error)).not.toContain(key);
    expect(everythingWritten(till)).not.toContain(key);
  });

  it('says Stripe is unreachable when nothing listens at its address', async () => {
    const till = await setup.till({ stripeApiBase: `http://127.0.0.1:${await closedPort()}` });
    const error = await refusal(till.core, 'setup.testStripe', { secretKey: 'sk_test_setupUnreachable001', mode: 'test' }, till.owner);
    expect(error).toMatchObject({ code: 'stripe_unreachable', field: 'secretKey', details: { setupProblem: 'stripe_unreachable' } });
  });

  it('says Stripe is unreachable when the connection is cut, and when Stripe answers 500', async () => {
    const sim = await setup.sim();
    const proxy = await startStripeProxy(sim.url);
    try {
      const till = await setup.till({ stripeApiBase: proxy.url });
      proxy.unreachable = true;
      const cut = await refusal(till.core, 'setup.testStripe', { secretKey: 'sk_test_setupCutConnection1', mode: 'test' }, till.owner);
      expect(cut).toMatchObject({ code: 'stripe_unreachable', details: { setupProblem: 'stripe_unreachable' } });
      proxy.unreachable = false;
      proxy.refuse = () => true;
      const failing = await refusal(till.core, 'setup.testStripe', { secretKey: 'sk_test_setupStripeFails01', mode: 'test' }, till.owner);
      expect(failing).toMatchObject({ code: 'stripe_unreachable', details: { setupProblem: 'stripe_unreachable' } });
      expect(JSON.stringify([cut, failing])).not.toMatch(/sk_test_setup/);
    } finally {
      await proxy.close();
    }
  });

  it('never sends a live key anywhere but Stripe itself: testing or saving one on a till pointed at a test server says why', async () => {
    const sim = await setup.sim();
    const till = await setup.till({ stripeApiBase: sim.url, shopEmail: 'owner@baan-kafe.co.th' });
    sim.resetStats();
    const key = 'sk_live_setupLiveKey000001';
    for (const op of ['setup.testStripe', 'setup.saveStripe'] as const) {
      const error = await refusal(till.core, op, { secretKey: key, mode: 'live' }, till.owner);
      expect(error, op).toMatchObject({ code: 'conflict', field: 'secretKey', details: { setupProblem: 'live_key_test_server' } });
      expect(JSON.stringify(error), op).not.toContain(key);
    }
    expect(sim.stats().total).toBe(0);
    expect(till.keeper.read('stripe_secret_key')).toBeNull();
    expect(everythingWritten(till)).not.toContain(key);
  });
});

describe('setup.saveStripe', () => {
  it('keeps a tested key, audits its fingerprint, says a restart is pending, and never hands the key back', async () => {
    const key = 'rk_test_setupSaveAllNeeded1';
    const sim = await setup.sim({ restrictedKeys: [{ key, permissions: ALL_NEEDED }] });
    const till = await setup.till({ stripeApiBase: sim.url });
    const events: PosEvent[] = [];
    till.core.subscribe((event) => events.push(event));
    const saved = await value<SetupStatus>(till.core, 'setup.saveStripe', { secretKey: key, mode: 'test' }, till.owner);
    expect(saved).toMatchObject({ restartPending: true, secureStorage: false, stripe: { source: 'settings', mode: 'demo' } });
    expect(till.keeper.read('stripe_secret_key')).toBe(key);
    expect(events.filter((event) => event.type === 'setup.updated').map((event) => event.data)).toEqual([saved]);
    const audit = await value<AuditEntryView[]>(till.core, 'audit.list', { limit: 20 }, till.owner);
    const entry = audit.find((e) => e.action === 'setup.stripe_saved');
    expect(entry?.detail).toMatchObject({ mode: 'test', keyKind: 'restricted', account: 'acct_1ChamraSimulatorTH', key: keyFingerprint(key) });
    const status = await value<SetupStatus>(till.core, 'setup.status', {}, till.owner);
    expect(JSON.stringify([saved, status, audit, events])).not.toContain(key);
    expect(everythingWritten(till)).not.toContain(key);
  });

  it('refuses an account that cannot take PromptPay, keeping nothing; Test connection says why beforehand', async () => {
    const sim = await setup.sim({ account: { country: 'US', promptPay: 'none' } });
    const till = await setup.till({ stripeApiBase: sim.url });
    const key = 'sk_test_setupAmericanShop01';
    const tested = await value<StripeConnectionTest>(till.core, 'setup.testStripe', { secretKey: key, mode: 'test' }, till.owner);
    expect(tested).toMatchObject({ country: 'US', promptPay: 'inactive' });
    const error = await refusal(till.core, 'setup.saveStripe', { secretKey: key, mode: 'test' }, till.owner);
    expect(error).toMatchObject({ code: 'invalid_input', details: { setupProblem: 'promptpay_unavailable' } });
    expect(till.keeper.read('stripe_secret_key')).toBeNull();
    expect((await value<SetupStatus>(till.core, 'setup.status', {}, till.owner)).restartPending).toBe(false);
  });

  it("follows the simulator's account control: PromptPay turned off while it runs, a bad country refused", async () => {
    const sim = await setup.sim();
    const till = await setup.till({ stripeApiBase: sim.url });
    const post = (body: unknown) => fetch(`${sim.url}/_sim/account`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ country: 'Thailand' })).status).toBe(400);
    expect((await post({ promptPay: 'pending' })).ok).toBe(true);
    const key = 'sk_test_setupPendingPromptPay';
    expect(await value<StripeConnectionTest>(till.core, 'setup.testStripe', { secretKey: key, mode: 'test' }, till.owner)).toMatchObject({ country: 'TH', promptPay: 'inactive' });
    expect(await refusal(till.core, 'setup.saveStripe', { secretKey: key, mode: 'test' }, till.owner)).toMatchObject({ details: { setupProblem: 'promptpay_unavailable' } });
  });

  it('refuses while a sale awaits payment, and so does the restart', async () => {
    const sim = await setup.sim();
    const till = await setup.till({ stripeApiBase: sim.url });
    await value(till.core, 'sales.charge', { amount: 5_000 }, till.owner);
    const save = await refusal(till.core, 'setup.saveStripe', { secretKey: 'sk_test_setupDuringASale01', mode: 'test' }, till.owner);
    expect(save).toMatchObject({ code: 'conflict', details: { setupProblem: 'sale_in_progress' } });
    const restart = await refusal(till.core, 'setup.restart', {}, till.owner);
    expect(restart).toMatchObject({ code: 'conflict', details: { setupProblem: 'sale_in_progress' } });
    expect(till.keeper.read('stripe_secret_key')).toBeNull();
    expect(till.restarts).toBe(0);
  });

  it('says so when the computer cannot keep secrets safely, and keeps nothing', async () => {
    const sim = await setup.sim();
    const noKeychain = {
      persistent: () => false,
      read: () => null,
      write: () => {
        throw new Error('safeStorage is not available');
      },
      delete: () => false,
    };
    const till = await setup.till({ stripeApiBase: sim.url }, noKeychain);
    const error = await refusal(till.core, 'setup.saveStripe', { secretKey: 'sk_test_setupNoKeychain001', mode: 'test' }, till.owner);
    expect(error).toMatchObject({ code: 'conflict', details: { setupProblem: 'storage_unavailable' } });
    expect((await value<SetupStatus>(till.core, 'setup.status', {}, till.owner)).restartPending).toBe(false);
  });

  it('refuses a live key while the shop has no real email (the till would not start in LIVE mode), saying so by the key', async () => {
    const till = await setup.till();
    const key = 'sk_live_setupNoShopEmail01';
    const error = await refusal(till.core, 'setup.saveStripe', { secretKey: key, mode: 'live' }, till.owner);
    expect(error).toMatchObject({ code: 'conflict', field: 'secretKey', details: { setupProblem: 'live_needs_email' } });
    expect(JSON.stringify(error)).not.toContain(key);
    expect(till.keeper.read('stripe_secret_key')).toBeNull();
    expect((await value<SetupStatus>(till.core, 'setup.status', {}, till.owner)).restartPending).toBe(false);
  });
});

describe('who may set the till up', () => {
  it('refuses every setup operation to a cashier', async () => {
    const sim = await setup.sim();
    const till = await setup.till({ stripeApiBase: sim.url });
    const cashier = await value<{ cashierId: string }>(till.core, 'cashiers.create', { name: 'Cashier Nok', pin: '1357', role: 'cashier' }, till.owner);
    const context = { transport: 'ipc' as const, clientKey: 'ipc:test-cashier' };
    await value(till.core, 'auth.signIn', { cashierId: cashier.cashierId, pin: '1357' }, context);
    for (const [op, input] of [
      ['setup.status', {}],
      ['setup.testStripe', { secretKey: 'sk_test_setupCashierTries1', mode: 'test' }],
      ['setup.saveStripe', { secretKey: 'sk_test_setupCashierTries1', mode: 'test' }],
      ['setup.forgetStripe', {}],
      ['setup.savePush', { webhookSecret: 'whsec_cashierTries0001' }],
      ['setup.complete', {}],
      ['setup.restart', {}],
    ] as const) {
      expect((await refusal(till.core, op, input, context)).code, op).toBe('forbidden');
    }
    expect(till.keeper.read('stripe_secret_key')).toBeNull();
    expect(till.restarts).toBe(0);
  });
});
