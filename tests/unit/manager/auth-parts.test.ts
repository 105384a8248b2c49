import { randomBytes, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CashierRepository } from '../../../electron/core/auth/cashier-repository';
import { PinCheckQueue } from '../../../electron/core/auth/pin-check-queue';
import { hashPin, needsRehash, verifyPin } from '../../../electron/core/auth/pin-hash';
import { ClientPinThrottle, FailureThrottle, lockDurationMs, MAX_CLIENT_WRONG_PINS, MAX_WRONG_PINS } from '../../../electron/core/auth/pin-lockout';
import { openLedger } from '../../../electron/core/ledger/open-ledger';
import { SESSION_IDLE_MS, SessionStore } from '../../../electron/core/auth/session-store';

describe('PIN hashes', () => {
  it('are salted scrypt hashes that verify the right PIN only and never contain it', async () => {
    const [first, second] = await Promise.all([hashPin('482915'), hashPin('482915')]);
    expect(first).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('482915');
    expect(await verifyPin('482915', first)).toBe(true);
    expect(await verifyPin('482916', first)).toBe(false);
    expect(await verifyPin('482915', 'garbage')).toBe(false);
    expect(needsRehash(first)).toBe(false);
  });

  it('refuse stored parameters we never write, without running them (a crafted N=2^30 would need a terabyte)', async () => {
    const good = await hashPin('482915');
    const [, , , , salt, key] = good.split('$');
    const crafted = [
      ['scrypt', 2 ** 30, 8, 1, salt, key],
      ['scrypt', 2 ** 17 + 1, 8, 1, salt, key],
      ['scrypt', 2 ** 17, 4096, 1, salt, key],
      ['scrypt', 2 ** 17, 8, 64, salt, key],
      ['scrypt', 2 ** 13, 8, 1, salt, key],
      ['scrypt', 2 ** 17, 8, 1, 'c2FsdA', key],
      ['scrypt', 2 ** 17, 8, 1, salt, `${key}AAAA`],
      ['scrypt', '1e9', 8, 1, salt, key],
    ].map((parts) => parts.join('$'));
    const started = performance.now();
    for (const stored of crafted) expect(await verifyPin('482915', stored), stored).toBe(false);
    // Refused before any hashing: far less than one real check.
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('verify an older, cheaper hash and mark it for a stronger one', async () => {
    const salt = randomBytes(16);
    const old = ['scrypt', 2 ** 15, 8, 1, salt.toString('base64url'), scryptSync('482915', salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('base64url')].join('$');
    expect(await verifyPin('482915', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
  });
});

describe('PIN lockout', () => {
  it('locks for 5 minutes, doubling on each repeat', () => {
    expect([0, 1, 2].map(lockDurationMs)).toEqual([300_000, 600_000, 1_200_000]);
  });

  it('locks a client that keeps entering wrong PINs, whichever cashier it names', () => {
    let now = 1_000_000;
    const throttle = new ClientPinThrottle(() => now);
    for (let i = 1; i < MAX_CLIENT_WRONG_PINS; i++) expect(throttle.recordFailure('ipc:1')).toBeNull();
    const until = throttle.recordFailure('ipc:1');
    expect(until).toBe(now + 300_000);
    expect(throttle.lockedUntil('ipc:1')).toBe(until);
    expect(throttle.lockedUntil('ipc:2')).toBeNull();
    now = until! + 1;
    expect(throttle.lockedUntil('ipc:1')).toBeNull();
  });
});

describe('failure throttle', () => {
  it('is not reset by a success: on a shared till anyone\'s right PIN must not wipe an attacker\'s guesses', () => {
    let now = 0;
    const throttle = new FailureThrottle({ maxFailures: 3, windowMs: 60_000, now: () => now });
    expect(throttle.recordFailure('till')).toBeNull();
    expect(throttle.recordFailure('till')).toBeNull();
    expect('recordSuccess' in throttle).toBe(false);
    expect(throttle.recordFailure('till')).toBe(300_000);
  });

  it('forgets failures older than its window, and doubles each later lock', () => {
    let now = 0;
    const throttle = new FailureThrottle({ maxFailures: 2, windowMs: 60_000, now: () => now });
    throttle.recordFailure('k');
    now = 60_001;
    expect(throttle.recordFailure('k')).toBeNull();
    expect(throttle.recordFailure('k')).toBe(now + 300_000);
    now += 300_001;
    expect(throttle.lockedUntil('k')).toBeNull();
    throttle.recordFailure('k');
    expect(throttle.recordFailure('k')).toBe(now + 600_000);
  });
});

describe('PIN check queue', () => {
  it('runs checks under one key one after another, in order, and other keys alongside', async () => {
    const queue = new PinCheckQueue();
    const trace: string[] = [];
    const step = (name: string, ms: number) => async () => {
      trace.push(`${name}:start`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      trace.push(`${name}:end`);
      if (name === 'a2') throw new Error('a2 failed');
      return name;
    };
    const runs = [queue.run('a', step('a1', 30)), queue.run('a', step('a2', 5)), queue.run('a', step('a3', 5)), queue.run('b', step('b1', 5))];
    const settled = await Promise.allSettled(runs);
    expect(settled.map((r) => (r.status === 'fulfilled' ? r.value : 'rejected'))).toEqual(['a1', 'rejected', 'a3', 'b1']);
    // a2 starts only after a1 ended, a3 after a2 (even though a2 failed); b1 did not wait for a.
    expect(trace.indexOf('a2:start')).toBeGreaterThan(trace.indexOf('a1:end'));
    expect(trace.indexOf('a3:start')).toBeGreaterThan(trace.indexOf('a2:end'));
    expect(trace.indexOf('b1:end')).toBeLessThan(trace.indexOf('a1:end'));
    expect(queue.busyKeys).toBe(0);
  });
});

describe('cashier lockout in the ledger', () => {
  const opened: { dir: string; close(): void }[] = [];
  afterEach(() => {
    for (const { dir, close } of opened.splice(0)) {
      close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  function repository(): CashierRepository {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-cashiers-'));
    const db = openLedger(path.join(dir, 'ledger.sqlite3'));
    opened.push({ dir, close: () => db.close() });
    return new CashierRepository(db);
  }

  it('counts each wrong PIN in the row itself and locks at the fifth, not extending a lock', () => {
    const cashiers = repository();
    const nok = cashiers.insert({ id: 'csh_nok', name: 'Nok', role: 'cashier', owner: false, pinHash: 'scrypt$x', at: 0 });
    const now = 1_000_000;
    const outcomes = Array.from({ length: 7 }, () => cashiers.recordWrongPin(nok.cashierId, now, MAX_WRONG_PINS, lockDurationMs));
    expect(outcomes.map((o) => o.failedAttempts)).toEqual([1, 2, 3, 4, 5, 0, 0]);
    expect(outcomes.map((o) => o.newlyLocked)).toEqual([false, false, false, false, true, false, false]);
    expect(outcomes.slice(5).map((o) => [o.alreadyLocked, o.lockedUntil])).toEqual([[true, now + 300_000], [true, now + 300_000]]);
    expect(cashiers.get(nok.cashierId)).toMatchObject({ lockedUntil: now + 300_000, failedAttempts: 0, lockCount: 1 });
    // After the lock, the next five lock it for twice as long.
    const later = now + 300_001;
    for (let i = 0; i < 5; i++) cashiers.recordWrongPin(nok.cashierId, later, MAX_WRONG_PINS, lockDurationMs);
    expect(cashiers.get(nok.cashierId)?.lockedUntil).toBe(later + 600_000);
  });

  it('accepts a right PIN only while the cashier is unlocked, active and has the PIN that was checked', () => {
    const cashiers = repository();
    const nok = cashiers.insert({ id: 'csh_nok', name: 'Nok', role: 'cashier', owner: false, pinHash: 'scrypt$old', at: 0 });
    const now = 1_000_000;
    for (let i = 0; i < MAX_WRONG_PINS; i++) cashiers.recordWrongPin(nok.cashierId, now, MAX_WRONG_PINS, lockDurationMs);
    expect(cashiers.recordRightPin(nok.cashierId, 'scrypt$old', now + 1)).toBe(false);
    expect(cashiers.get(nok.cashierId)?.lockedUntil).toBe(now + 300_000);
    expect(cashiers.recordRightPin(nok.cashierId, 'scrypt$old', now + 300_001)).toBe(true);
    expect(cashiers.get(nok.cashierId)).toMatchObject({ lockedUntil: null, failedAttempts: 0, lockCount: 0 });
    cashiers.update(nok.cashierId, { pinHash: 'scrypt$new' }, now);
    expect(cashiers.recordRightPin(nok.cashierId, 'scrypt$old', now + 300_002)).toBe(false);
    cashiers.update(nok.cashierId, { active: false }, now);
    expect(cashiers.recordRightPin(nok.cashierId, 'scrypt$new', now + 300_003)).toBe(false);
  });
});

describe('sessions', () => {
  it('belong to one client key and expire after 12 idle hours', () => {
    let now = 0;
    const sessions = new SessionStore(() => now);
    sessions.start('http:a', 'csh_owner1');
    expect(sessions.get('http:b')).toBeNull();
    now += SESSION_IDLE_MS - 1;
    expect(sessions.get('http:a')?.cashierId).toBe('csh_owner1');
    now += SESSION_IDLE_MS + 1;
    expect(sessions.get('http:a')).toBeNull();
  });
});
