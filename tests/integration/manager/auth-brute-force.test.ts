// Manager and cashier PINs cannot be brute-forced through the real core: parallel guesses are counted
// one by one, guesses are throttled by where they come from (not by a session a caller can drop), and
// wrong manager PINs typed to raise a session lock elevation for the whole till. Nothing of ours is
// mocked; every refusal is audited and no PIN is ever written to the audit log or the log.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadCoreConfig } from '../../../electron/core/config/core-config';
import type { CallContext, PosCore } from '../../../electron/core/pos-core-types';
import { startCore } from '../../../electron/core/start-core';
import type { AuditEntryView, AuthStatus, Cashier } from '../../../shared/manager-types';
import type { PosResult } from '../../../shared/pos-error';
import { call, fastPolling, OWNER_PIN, signedInContext, tempDataDir } from '../../support/core-harness';

// Dozens of PIN checks per test, each a 128 MiB scrypt at OWASP's cost: allow for a busy 2-core machine.
vi.setConfig({ testTimeout: 180_000 });

const cores: PosCore[] = [];
let logged: string[] = [];

async function core(): Promise<PosCore> {
  logged = [];
  const config = loadCoreConfig({}, { dataDir: tempDataDir(), httpPort: 0, simPort: null });
  const started = await startCore(config, { pollSchedule: fastPolling, log: (message) => void logged.push(message) });
  cores.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

/** A desktop window: its own session key and its own caller for throttling. */
const windowContext = (id: number): CallContext => ({ transport: 'ipc', clientKey: `ipc:${id}`, clientAddress: `ipc:${id}` });

async function addCashier(pos: PosCore, name: string, pin: string, role: 'cashier' | 'manager' = 'cashier'): Promise<Cashier> {
  return call<Cashier>(pos, 'cashiers.create', { name, pin, role }, await signedInContext(pos));
}

async function cashierRow(pos: PosCore, cashierId: string): Promise<Cashier> {
  return (await call<Cashier[]>(pos, 'cashiers.list', {}, await signedInContext(pos))).find((c) => c.cashierId === cashierId)!;
}

async function auditRows(pos: PosCore): Promise<AuditEntryView[]> {
  return call<AuditEntryView[]>(pos, 'audit.list', { limit: 500 }, await signedInContext(pos));
}

function errorOf(result: PosResult<unknown>): string {
  return result.ok ? 'ok' : `${result.error.code}: ${result.error.message}`;
}

describe('parallel wrong PINs (regression: the failure count was written from a copy read before the slow hash)', () => {
  it('lock the cashier when 20 arrive at once from 20 different windows', async () => {
    const pos = await core();
    const cashier = await addCashier(pos, 'Nok', '4321');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => pos.dispatch('auth.signIn', { cashierId: cashier.cashierId, pin: String(1000 + i) }, windowContext(100 + i))),
    );
    const messages = results.map(errorOf);
    // Counted one by one: four "tries left", the fifth locks, the rest find the cashier locked.
    expect(messages.filter((m) => m.startsWith('unauthorized: Wrong PIN,')).sort()).toEqual([
      'unauthorized: Wrong PIN, 1 try left.',
      'unauthorized: Wrong PIN, 2 tries left.',
      'unauthorized: Wrong PIN, 3 tries left.',
      'unauthorized: Wrong PIN, 4 tries left.',
    ]);
    expect(messages.filter((m) => /^rate_limited: Wrong PIN\. Locked until \d\d:\d\d after 5 wrong PINs\.$/.test(m))).toHaveLength(1);
    expect(messages.filter((m) => /^rate_limited: Locked until \d\d:\d\d after too many wrong PINs/.test(m))).toHaveLength(15);
    expect((await cashierRow(pos, cashier.cashierId)).lockedUntil).toBeGreaterThan(Date.now());

    // The right PIN is refused while locked, from a window that never guessed.
    expect(errorOf(await pos.dispatch('auth.signIn', { cashierId: cashier.cashierId, pin: '4321' }, windowContext(999)))).toMatch(/^rate_limited: Locked until/);
    expect((await call<AuthStatus>(pos, 'auth.status', {}, windowContext(999))).user).toBeNull();

    const audit = await auditRows(pos);
    expect(audit.filter((a) => a.action === 'auth.locked')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'auth.sign_in_failed')).toHaveLength(20);
  });

  it('from one caller are checked one after another, so the caller is locked out at exactly ten', async () => {
    const pos = await core();
    const people = await Promise.all(['A', 'B', 'C'].map((name, i) => addCashier(pos, `Cashier ${name}`, `24${i}8`)));
    // Twenty browser tabs on the till, each with its own cookie, guessing at once across three cashiers.
    const sameTill = (n: number): CallContext => ({ transport: 'http', clientKey: `http:cookie-${n}`, clientAddress: 'http:loopback' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => pos.dispatch('auth.signIn', { cashierId: people[i % 3].cashierId, pin: String(5000 + i) }, sameTill(i))),
    );
    const messages = results.map(errorOf);
    expect(messages.slice(0, 9).every((m) => m.startsWith('unauthorized: Wrong PIN,'))).toBe(true);
    expect(messages[9]).toMatch(/^rate_limited: Wrong PIN\. Too many wrong PINs on this till; try again at \d\d:\d\d\.$/);
    // The other ten were refused before any hash: no cashier got a fifth guess.
    for (const m of messages.slice(10)) expect(m).toMatch(/^rate_limited: Too many wrong PINs on this till\. Try again at \d\d:\d\d\.$/);
    for (const person of people) expect((await cashierRow(pos, person.cashierId)).lockedUntil).toBeNull();
    expect(errorOf(await pos.dispatch('auth.signIn', { cashierId: people[1].cashierId, pin: '2418' }, sameTill(99)))).toMatch(/^rate_limited: Too many wrong PINs on this till/);
    expect((await auditRows(pos)).filter((a) => a.action === 'auth.sign_in_failed')).toHaveLength(10);
  });
});

describe('guesses throttled by caller, not by session', () => {
  it('counts wrong PINs from fresh client keys at one address together', async () => {
    const pos = await core();
    const people = await Promise.all(['A', 'B', 'C'].map((name, i) => addCashier(pos, `Cashier ${name}`, `11${i}1`)));
    // Each attempt with a new client key (a dropped cookie), all from the same address.
    const attempt = (i: number, pin: string, person = people[i % 3]) =>
      pos.dispatch('auth.signIn', { cashierId: person.cashierId, pin }, { transport: 'http', clientKey: `http:fresh-${i}`, clientAddress: 'http:192.0.2.77' });
    for (let i = 0; i < 9; i++) expect((await attempt(i, '0000')).ok).toBe(false);
    expect(errorOf(await attempt(9, '0000'))).toMatch(/^rate_limited: Wrong PIN\. Too many wrong PINs on this till; try again at \d\d:\d\d\.$/);
    // The right PIN from yet another fresh client key at that address is refused too.
    expect(errorOf(await attempt(10, '1101', people[0]))).toMatch(/^rate_limited: Too many wrong PINs on this till/);
    // No cashier was locked by it (at most 4 guesses each), and another caller signs in fine.
    for (const person of people) expect((await cashierRow(pos, person.cashierId)).lockedUntil).toBeNull();
    expect((await call<AuthStatus>(pos, 'auth.signIn', { cashierId: people[0].cashierId, pin: '1101' }, windowContext(7))).user?.name).toBe('Cashier A');
    expect((await auditRows(pos)).filter((a) => a.action === 'auth.client_locked')).toHaveLength(1);
  });
});

describe('manager PIN elevation', () => {
  it('locks elevation for the whole till after 10 wrong manager PINs from fresh sessions and windows, refusing the right PIN too', async () => {
    const pos = await core();
    const cashier = await addCashier(pos, 'Nok', '4321');
    const manager = await addCashier(pos, 'Manager Lek', '97531', 'manager');
    const messages: string[] = [];
    // A fresh window (its own caller and session) for every guess: no per-caller limit is reached.
    for (let i = 0; i < 10; i++) {
      const window = windowContext(200 + i);
      await call(pos, 'auth.signIn', { cashierId: cashier.cashierId, pin: '4321' }, window);
      messages.push(errorOf(await pos.dispatch('auth.elevate', { pin: String(100000 + i) }, window)));
    }
    expect(messages.slice(0, 9)).toEqual(Array(9).fill('unauthorized: That is not a manager PIN.'));
    expect(messages[9]).toMatch(/^rate_limited: Too many wrong manager PINs\. Try again at \d\d:\d\d\.$/);

    // The owner's and the manager's right PINs are refused now, from another fresh window.
    const fresh = windowContext(300);
    await call(pos, 'auth.signIn', { cashierId: cashier.cashierId, pin: '4321' }, fresh);
    for (const pin of [OWNER_PIN, '97531']) {
      const refused = await pos.dispatch('auth.elevate', { pin }, fresh);
      expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited', field: 'pin', message: expect.stringMatching(/^Too many wrong manager PINs\. Try again at \d\d:\d\d\.$/) } });
    }
    const status = await call<AuthStatus>(pos, 'auth.status', {}, fresh);
    expect(status).toMatchObject({ effectiveRole: 'cashier', elevatedUntil: null });
    expect((await pos.dispatch('settings.get', {}, fresh)).ok).toBe(false);

    // A manager can still sign in as themselves; the lock is on elevation only.
    expect((await call<AuthStatus>(pos, 'auth.signIn', { cashierId: manager.cashierId, pin: '97531' }, windowContext(301))).effectiveRole).toBe('manager');

    const audit = await auditRows(pos);
    expect(audit.filter((a) => a.action === 'auth.elevate_failed')).toHaveLength(10);
    expect(audit.filter((a) => a.action === 'auth.elevate_locked')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'auth.elevate')).toHaveLength(0);
  });

  it('counts parallel wrong manager PINs one by one', async () => {
    const pos = await core();
    const cashier = await addCashier(pos, 'Nok', '4321');
    const windows = Array.from({ length: 12 }, (_, i) => windowContext(400 + i));
    for (const window of windows) await call(pos, 'auth.signIn', { cashierId: cashier.cashierId, pin: '4321' }, window);
    const results = await Promise.all(windows.map((window, i) => pos.dispatch('auth.elevate', { pin: String(200000 + i) }, window)));
    expect(results.map(errorOf).filter((m) => m === 'unauthorized: That is not a manager PIN.')).toHaveLength(9);
    expect(results.map(errorOf).filter((m) => m.startsWith('rate_limited: Too many wrong manager PINs.'))).toHaveLength(3);
    expect(await pos.dispatch('auth.elevate', { pin: OWNER_PIN }, windows[0])).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('counts wrong manager PINs against the caller too, with the sign-in guesses', async () => {
    const pos = await core();
    const cashier = await addCashier(pos, 'Nok', '4321');
    const spare = await addCashier(pos, 'Ploy', '8642');
    const tillAddress = 'http:loopback';
    const session: CallContext = { transport: 'http', clientKey: 'http:session', clientAddress: tillAddress };
    await call(pos, 'auth.signIn', { cashierId: cashier.cashierId, pin: '4321' }, session);
    for (let i = 0; i < 4; i++) await pos.dispatch('auth.signIn', { cashierId: spare.cashierId, pin: String(1000 + i) }, { transport: 'http', clientKey: `http:x${i}`, clientAddress: tillAddress });
    const messages: string[] = [];
    for (let i = 0; i < 6; i++) messages.push(errorOf(await pos.dispatch('auth.elevate', { pin: String(300000 + i) }, session)));
    expect(messages.slice(0, 5)).toEqual(Array(5).fill('unauthorized: That is not a manager PIN.'));
    expect(messages[5]).toMatch(/^rate_limited: /);
    // The caller is locked out of sign-in as well.
    expect(errorOf(await pos.dispatch('auth.signIn', { cashierId: cashier.cashierId, pin: '4321' }, { transport: 'http', clientKey: 'http:new', clientAddress: tillAddress }))).toMatch(
      /^rate_limited: Too many wrong PINs on this till/,
    );
  });
});

describe('what is written down', () => {
  it('audits failures and locks but never a PIN, in the audit log or the log', async () => {
    const pos = await core();
    const cashier = await addCashier(pos, 'Nok', '4321');
    const guesses = Array.from({ length: 12 }, (_, i) => String(871200 + i));
    await Promise.all(guesses.slice(0, 6).map((pin, i) => pos.dispatch('auth.signIn', { cashierId: cashier.cashierId, pin }, windowContext(500 + i))));
    const window = windowContext(600);
    await call(pos, 'auth.signIn', { cashierId: 'csh_doesnotexist', pin: '135246' }, window).catch(() => undefined);
    const elevator = windowContext(601);
    await call(pos, 'cashiers.update', { cashierId: cashier.cashierId, pin: '5678' }, await signedInContext(pos));
    await call(pos, 'auth.signIn', { cashierId: cashier.cashierId, pin: '5678' }, elevator);
    for (const pin of guesses.slice(6)) await pos.dispatch('auth.elevate', { pin }, elevator);
    await pos.dispatch('auth.elevate', { pin: OWNER_PIN }, elevator);

    const audit = await auditRows(pos);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.sign_in_failed', 'auth.locked', 'auth.sign_in_refused', 'auth.elevate_failed', 'auth.elevate']));
    const pins = new Set([...guesses, '4321', '5678', '135246', OWNER_PIN]);
    // Every value written down, field by field (timestamps may contain any digits, so no substring test).
    const leaves: string[] = [];
    const walk = (value: unknown, key: string): void => {
      expect(key.toLowerCase(), 'a field named like a PIN').not.toMatch(/pin/);
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
      else leaves.push(String(value));
    };
    walk(audit, '');
    for (const leaf of leaves) expect(pins.has(leaf), leaf).toBe(false);
    for (const line of logged) for (const pin of pins) expect(line).not.toMatch(new RegExp(`(^|\\D)${pin}(\\D|$)`));
  });
});
