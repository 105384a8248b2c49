// Save → restart → the till runs with what was saved, over browser mode's own HTTP transport
// (/api/pos) and its in-process restart: the core and the server close and start again on the same
// port, the screens' client signs in again, and a charge reaches Stripe (the simulator) with the new key.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keyFingerprint } from '../../../electron/core/settings/stripe-binding';
import { startRestartableTill, type RestartableTill } from '../../../electron/core/setup/restartable-till';
import type { AuditEntryView, CashierDirectoryEntry } from '../../../shared/manager-types';
import type { AppInfo } from '../../../shared/pos-contract';
import type { PosErrorBody } from '../../../shared/pos-error';
import type { Sale } from '../../../shared/sale';
import type { SetupStatus, StripeConnectionTest } from '../../../shared/setup';
import { fastPolling, tempDataDir } from '../../support/core-harness';
import { GENEROUS_RATE_LIMITS } from '../http/http-test-till';
import { everythingWritten, useSetupTills } from './setup-support';

vi.setConfig({ testTimeout: 90_000 });

const setup = useSetupTills();
const tills: RestartableTill[] = [];
afterEach(async () => {
  await Promise.all(tills.splice(0).map((till) => till.close()));
});

const PIN = '246810';

/** A browser's view of the till: its cookie, and the till's current address (the same across restarts). */
class BrowserClient {
  cookie: string | null = null;
  constructor(private readonly till: RestartableTill) {}

  async call<T>(op: string, input: unknown): Promise<{ status: number; ok: boolean; value: T; error: PosErrorBody }> {
    const response = await fetch(`${this.till.url()}/api/pos/${op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify(input),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';', 1)[0];
    const body = (await response.json()) as { ok: boolean; value: T; error: PosErrorBody };
    return { status: response.status, ...body };
  }

  async must<T>(op: string, input: unknown): Promise<T> {
    const result = await this.call<T>(op, input);
    if (!result.ok) throw new Error(`${op} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  /** A restart ends every session (as a desktop restart does): sign in again with the owner's PIN. */
  async signIn(): Promise<void> {
    const directory = await this.must<CashierDirectoryEntry[]>('cashiers.directory', {});
    await this.must('auth.signIn', { cashierId: directory[0].cashierId, pin: PIN });
  }
}

async function startTill(env: NodeJS.ProcessEnv, logs: string[]): Promise<{ till: RestartableTill; dataDir: string }> {
  const dataDir = tempDataDir();
  const till = await startRestartableTill({
    env,
    overrides: { dataDir, httpPort: 0, simPort: null },
    server: { rendererDir: null, rateLimit: GENEROUS_RATE_LIMITS },
    core: { pollSchedule: fastPolling },
    log: (line) => logs.push(line),
  });
  tills.push(till);
  return { till, dataDir };
}

describe('browser mode: who may set the till up over /api/pos', () => {
  it('answers a client without a session 401 and a cashier 403, keeping nothing', async () => {
    const sim = await setup.sim();
    const { till } = await startTill({ STRIPE_API_BASE: sim.url }, []);
    const owner = new BrowserClient(till);
    await owner.must('auth.setupOwner', { name: 'Owner Somchai', pin: PIN });
    const nok = await owner.must<{ cashierId: string }>('cashiers.create', { name: 'Cashier Nok', pin: '1357', role: 'cashier' });
    const stranger = new BrowserClient(till);
    const input = { secretKey: 'sk_test_setupOverHttpTries1', mode: 'test' };
    expect(await stranger.call('setup.saveStripe', input)).toMatchObject({ status: 401, ok: false, error: { code: 'unauthorized' } });
    const cashier = new BrowserClient(till);
    await cashier.must('auth.signIn', { cashierId: nok.cashierId, pin: '1357' });
    expect(await cashier.call('setup.saveStripe', input)).toMatchObject({ status: 403, ok: false, error: { code: 'forbidden' } });
    expect(await cashier.call('setup.restart', {})).toMatchObject({ status: 403, ok: false, error: { code: 'forbidden' } });
    expect(await owner.must<SetupStatus>('setup.status', {})).toMatchObject({ restartPending: false, stripe: { source: 'none', mode: 'demo' } });
  });
});

describe('browser mode: save, restart, sell with the new key', () => {
  it('tests and saves a key over HTTP, restarts in-process, and charges with that key (pre-approved, no second PIN)', async () => {
    const key = 'rk_test_setupRestartKey0001';
    const sim = await setup.sim({ restrictedKeys: [{ key, permissions: { payment_intents: 'write', refunds: 'write', events: 'read', charges: 'read', balance: 'read' } }] });
    const logs: string[] = [];
    const { till, dataDir } = await startTill({ STRIPE_API_BASE: sim.url }, logs);
    const browser = new BrowserClient(till);
    await browser.must('auth.setupOwner', { name: 'Owner Somchai', pin: PIN });
    const port = new URL(till.url()).port;

    const tested = await browser.must<StripeConnectionTest>('setup.testStripe', { secretKey: key, mode: 'test' });
    expect(tested).toMatchObject({ account: 'acct_1ChamraSimulatorTH', country: 'TH', mode: 'test', promptPay: 'active' });
    const unreachable = await browser.call('setup.testStripe', { secretKey: 'rk_test_setupUnknownKey0001', mode: 'test' });
    expect(unreachable).toMatchObject({ status: 400, ok: false, error: { code: 'invalid_input', details: { setupProblem: 'key_rejected' } } });
    const saved = await browser.must<SetupStatus>('setup.saveStripe', { secretKey: key, mode: 'test' });
    expect(saved).toMatchObject({ restartPending: true, secureStorage: false, stripe: { source: 'settings', mode: 'demo' } });

    const restarted = till.nextRestart();
    expect(await browser.call<SetupStatus>('setup.restart', {})).toMatchObject({ status: 200, ok: true });
    await restarted;
    expect(new URL(till.url()).port).toBe(port);

    // The old session ended with the old core; the screens' client signs in again.
    expect(await browser.call('setup.status', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await browser.signIn();
    expect(await browser.must<SetupStatus>('setup.status', {})).toMatchObject({ restartPending: false, stripe: { source: 'settings', mode: 'test' } });
    const info = await browser.must<AppInfo>('app.info', {});
    expect(info).toMatchObject({ demo: false, mode: 'test', stripe: { pendingChange: null, missingPermissions: [] } });

    // A manager chose this account in setup: no approval is asked again, and the charge reaches Stripe.
    const sale = await browser.must<Sale>('sales.charge', { amount: 12_500 });
    expect(sale).toMatchObject({ status: 'awaiting_payment', amount: 12_500 });
    expect(sim.getPaymentIntent(sale.paymentIntentId!)).toMatchObject({ amount: 12_500, currency: 'thb' });
    const audit = await browser.must<AuditEntryView[]>('audit.list', { limit: 50 });
    expect(audit.find((entry) => entry.action === 'stripe.change_approved')?.detail).toMatchObject({
      fromMode: 'demo', toMode: 'test', toAccount: 'acct_1ChamraSimulatorTH', toKey: keyFingerprint(key), via: 'setup',
    });

    // It is that key: once Stripe forgets it, the till's next charge is refused by Stripe.
    await browser.must('sales.cancel', { saleId: sale.id });
    sim.restrictedKeys.remove(key);
    expect(await browser.call('sales.charge', { amount: 12_500 })).toMatchObject({ ok: false });

    expect(everythingWritten({ dataDir, logs })).not.toContain(key);
  });

  it('forgets the key: demo from the restart on, without asking for approval again', async () => {
    const sim = await setup.sim();
    const logs: string[] = [];
    const { till } = await startTill({ STRIPE_API_BASE: sim.url }, logs);
    const browser = new BrowserClient(till);
    await browser.must('auth.setupOwner', { name: 'Owner Somchai', pin: PIN });
    await browser.must('setup.saveStripe', { secretKey: 'sk_test_setupForgetMeLater1', mode: 'test' });
    let restarted = till.nextRestart();
    await browser.must('setup.restart', {});
    await restarted;
    await browser.signIn();
    expect((await browser.must<AppInfo>('app.info', {})).mode).toBe('test');

    expect(await browser.must<SetupStatus>('setup.forgetStripe', {})).toMatchObject({ restartPending: true, stripe: { source: 'none', mode: 'test' } });
    restarted = till.nextRestart();
    await browser.must('setup.restart', {});
    await restarted;
    await browser.signIn();
    expect(await browser.must<AppInfo>('app.info', {})).toMatchObject({ demo: true, mode: 'demo', stripe: { pendingChange: null } });
    expect(await browser.must<Sale>('sales.charge', { amount: 5_000 })).toMatchObject({ status: 'awaiting_payment' });
  });

  it("keeps IT's environment first: a key set in the environment wins over the one saved in setup", async () => {
    const saved = 'rk_test_setupSavedButLoses1';
    const sim = await setup.sim({ restrictedKeys: [{ key: saved, permissions: { payment_intents: 'write', refunds: 'write', events: 'read' } }] });
    const logs: string[] = [];
    const { till } = await startTill({ STRIPE_API_BASE: sim.url, STRIPE_SECRET_KEY: 'sk_test_setupFromTheEnvironment' }, logs);
    const browser = new BrowserClient(till);
    await browser.must('auth.setupOwner', { name: 'Owner Somchai', pin: PIN });
    expect(await browser.must<SetupStatus>('setup.saveStripe', { secretKey: saved, mode: 'test' })).toMatchObject({ stripe: { source: 'environment' } });
    sim.restrictedKeys.remove(saved);
    const restarted = till.nextRestart();
    await browser.must('setup.restart', {});
    await restarted;
    await browser.signIn();
    expect(till.config().stripeSecretKey).toBe('sk_test_setupFromTheEnvironment');
    expect(await browser.must<Sale>('sales.charge', { amount: 5_000 })).toMatchObject({ status: 'awaiting_payment' });
  });
});
