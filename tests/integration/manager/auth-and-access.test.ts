// Sign-in, roles and lockout through the real core: every refusal is clear and changes nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallContext, PosCore } from '../../../electron/core/pos-core-types';
import type { AuditEntryView, AuthStatus, Cashier, DailyReport } from '../../../shared/manager-types';
import type { Sale } from '../../../shared/sale';
import { call, OWNER_PIN, signedInContext, startTestCore } from '../../support/core-harness';

// Each PIN typed or set costs a 128 MiB scrypt (OWASP's cost): a lockout test makes half a dozen. On the
// shared 2-core machine five of these tests took 25–55 s each (a budget, not a speed check).
vi.setConfig({ testTimeout: 120_000 });

const cores: PosCore[] = [];
async function core(): Promise<PosCore> {
  const started = await startTestCore();
  cores.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

const client = (key: string): CallContext => ({ transport: 'http', clientKey: key });

async function saleCount(pos: PosCore): Promise<number> {
  return (await call<Sale[]>(pos, 'sales.list', { limit: 500 }, await signedInContext(pos))).length;
}

async function addCashier(pos: PosCore, name: string, pin: string, role: 'cashier' | 'manager' = 'cashier'): Promise<Cashier> {
  return call<Cashier>(pos, 'cashiers.create', { name, pin, role }, await signedInContext(pos));
}

describe('first run', () => {
  it('has no default credentials: nothing but setup works until the owner PIN exists', async () => {
    const pos = await core();
    const anyone = client('http:first');
    expect(await call<AuthStatus>(pos, 'auth.status', {}, anyone)).toEqual({ setupRequired: true, user: null, elevatedUntil: null, effectiveRole: null });
    expect(await pos.dispatch('sales.charge', { amount: 5000 }, anyone)).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'Create the owner PIN first (first run).' } });

    const status = await call<AuthStatus>(pos, 'auth.setupOwner', { name: 'Owner Somchai', pin: '135790' }, anyone);
    expect(status).toMatchObject({ setupRequired: false, effectiveRole: 'manager', user: { name: 'Owner Somchai', role: 'manager', owner: true } });
    expect(await pos.dispatch('auth.setupOwner', { name: 'Intruder', pin: '000000' }, client('http:other'))).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await call<Cashier[]>(pos, 'cashiers.list', {}, anyone)).map((c) => c.name)).toEqual(['Owner Somchai']);
  });
});

describe('signing in', () => {
  it('refuses a wrong PIN with the tries left, locks after five, and keeps the lock for the right PIN too', async () => {
    const pos = await core();
    const cashier = await addCashier(pos, 'Nok', '4321');
    const till = client('http:till');
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) {
      const result = await pos.dispatch('auth.signIn', { cashierId: cashier.cashierId, pin: '9999' }, till);
      expect(result.ok).toBe(false);
      if (!result.ok) messages.push(`${result.error.code}: ${result.error.message}`);
    }
    expect(messages.slice(0, 4)).toEqual([4, 3, 2, 1].map((n) => `unauthorized: Wrong PIN, ${n} ${n === 1 ? 'try' : 'tries'} left.`));
    expect(messages[4]).toMatch(/^rate_limited: Wrong PIN\. Locked until \d\d:\d\d after 5 wrong PINs\.$/);
    const locked = await pos.dispatch('auth.signIn', { cashierId: cashier.cashierId, pin: '4321' }, till);
    expect(locked).toMatchObject({ ok: false, error: { code: 'rate_limited', message: expect.stringMatching(/^Locked until \d\d:\d\d/) } });
    expect((await call<AuthStatus>(pos, 'auth.status', {}, till)).user).toBeNull();
    const listed = (await call<Cashier[]>(pos, 'cashiers.list', {}, await signedInContext(pos))).find((c) => c.cashierId === cashier.cashierId)!;
    expect(listed.lockedUntil).toBeGreaterThan(Date.now());

    // A manager resets the PIN: the lock is lifted.
    await call(pos, 'cashiers.update', { cashierId: cashier.cashierId, pin: '2468' }, await signedInContext(pos));
    expect((await call<AuthStatus>(pos, 'auth.signIn', { cashierId: cashier.cashierId, pin: '2468' }, client('http:fresh'))).user?.name).toBe('Nok');
  });

  it('throttles one client cycling through cashiers, so brute force cannot spread guesses', async () => {
    const pos = await core();
    const people = await Promise.all(['A', 'B', 'C'].map((name, i) => addCashier(pos, `Cashier ${name}`, `11${i}1`)));
    const attacker = client('http:attacker');
    let last = null as unknown;
    for (let i = 0; i < 10; i++) last = await pos.dispatch('auth.signIn', { cashierId: people[i % 3].cashierId, pin: '0000' }, attacker);
    expect(last).toMatchObject({ ok: false, error: { code: 'rate_limited', message: expect.stringMatching(/Too many wrong PINs on this till; try again at \d\d:\d\d/) } });
    // Even the right PIN is refused from that client now; another client is unaffected.
    expect(await pos.dispatch('auth.signIn', { cashierId: people[0].cashierId, pin: '1101' }, attacker)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Too many wrong PINs on this till/) } });
    expect((await call<AuthStatus>(pos, 'auth.signIn', { cashierId: people[0].cashierId, pin: '1101' }, client('http:other'))).user?.name).toBe('Cashier A');
  });

  it('audits sign-ins and failures without ever storing a PIN', async () => {
    const pos = await core();
    const cashier = await addCashier(pos, 'Nok', '4321');
    await pos.dispatch('auth.signIn', { cashierId: cashier.cashierId, pin: '9876' }, client('http:t'));
    await pos.dispatch('auth.signIn', { cashierId: cashier.cashierId, pin: '4321' }, client('http:t'));
    const audit = await call<AuditEntryView[]>(pos, 'audit.list', {}, await signedInContext(pos));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.setup_owner', 'cashier.create', 'auth.sign_in_failed', 'auth.sign_in']));
    const text = JSON.stringify(audit);
    for (const pin of ['9876', '4321', OWNER_PIN]) expect(text).not.toContain(pin);
  });

  it('keeps sessions per client: signing in or out on one till does not touch another', async () => {
    const pos = await core();
    const cashier = await addCashier(pos, 'Nok', '4321');
    await call(pos, 'auth.signIn', { cashierId: cashier.cashierId, pin: '4321' }, client('http:one'));
    expect((await call<AuthStatus>(pos, 'auth.status', {}, client('http:two'))).user).toBeNull();
    await call(pos, 'auth.signOut', {}, await signedInContext(pos));
    expect((await call<AuthStatus>(pos, 'auth.status', {}, client('http:one'))).user?.name).toBe('Nok');
  });
});

describe('roles', () => {
  it('records the signed-in cashier (name and id) on each sale and in the report by cashier', async () => {
    const pos = await core();
    const cashier = await addCashier(pos, 'Nok', '4321');
    const till = client('http:till');
    await call(pos, 'auth.signIn', { cashierId: cashier.cashierId, pin: '4321' }, till);
    const sale = await call<Sale>(pos, 'sales.charge', { amount: 5000, cashier: 'forged' } as never, till).catch(() => null);
    expect(sale).toBeNull(); // the cashier cannot be passed in: the input schema is strict
    const real = await call<Sale>(pos, 'sales.charge', { amount: 5000 }, till);
    expect(real.cashier).toBe('Nok');
    await call(pos, 'demo.simulate', { saleId: real.id, outcome: 'succeed' }, till);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(Date.now());
    const report = await call<DailyReport>(pos, 'reports.daily', { date: today }, await signedInContext(pos));
    expect(report.byCashier).toEqual([{ cashierId: cashier.cashierId, name: 'Nok', source: 'till', count: 1, amount: 5000 }]);
  });

  it('refuses refunds, exports, settings and cashier changes to a cashier, clearly and changing nothing', async () => {
    const pos = await core();
    const cashier = await addCashier(pos, 'Nok', '4321');
    const till = client('http:till');
    await call(pos, 'auth.signIn', { cashierId: cashier.cashierId, pin: '4321' }, till);
    const before = await call(pos, 'settings.get', {}, await signedInContext(pos));
    const attempts: [string, unknown][] = [
      ['refunds.create', { saleId: 'sale_abcdefgh12', amount: 100 }],
      ['reports.export', { from: '2026-03-01', to: '2026-03-01', format: 'csv' }],
      ['reports.daily', { date: '2026-03-01' }],
      ['settings.update', { shopName: 'Hijacked' }],
      ['cashiers.create', { name: 'Ghost', pin: '1111', role: 'manager' }],
      ['backup.restore', { file: '/tmp/x.sqlite3' }],
    ];
    for (const [op, input] of attempts) {
      expect(await pos.dispatch(op, input, till), op).toMatchObject({ ok: false, error: { code: 'forbidden', message: `Only a manager can do this (${op}). Ask a manager to enter their PIN.` } });
    }
    expect(await call(pos, 'settings.get', {}, await signedInContext(pos))).toEqual(before);
    expect((await call<Cashier[]>(pos, 'cashiers.list', {}, await signedInContext(pos))).map((c) => c.name).sort()).toEqual(['Nok', 'Owner Somchai']);
    expect(await pos.dispatch('sales.list', {}, client('http:nobody'))).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'Sign in with your PIN first.' } });
    expect(await saleCount(pos)).toBe(0);
  });

  it("raises a cashier to manager for five minutes with a manager's PIN, and not with a wrong one", async () => {
    const pos = await core();
    const cashier = await addCashier(pos, 'Nok', '4321');
    const till = client('http:till');
    await call(pos, 'auth.signIn', { cashierId: cashier.cashierId, pin: '4321' }, till);
    expect(await pos.dispatch('auth.elevate', { pin: '4321' }, till)).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'That is not a manager PIN.' } });
    const raised = await call<AuthStatus>(pos, 'auth.elevate', { pin: OWNER_PIN }, till);
    expect(raised.effectiveRole).toBe('manager');
    expect(raised.elevatedUntil! - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(raised.elevatedUntil! - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect((await pos.dispatch('settings.get', {}, till)).ok).toBe(true);
  });

  it('signs out a cashier who is deactivated, and keeps the owner an active manager', async () => {
    const pos = await core();
    const cashier = await addCashier(pos, 'Nok', '4321');
    const till = client('http:till');
    await call(pos, 'auth.signIn', { cashierId: cashier.cashierId, pin: '4321' }, till);
    await call(pos, 'cashiers.update', { cashierId: cashier.cashierId, active: false }, await signedInContext(pos));
    expect(await pos.dispatch('sales.list', {}, till)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const owner = (await call<AuthStatus>(pos, 'auth.status', {}, await signedInContext(pos))).user!;
    expect(await pos.dispatch('cashiers.update', { cashierId: owner.cashierId, role: 'cashier' }, await signedInContext(pos))).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
