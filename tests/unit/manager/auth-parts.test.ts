import { describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from '../../../electron/core/auth/pin-hash';
import { ClientPinThrottle, lockDurationMs, MAX_CLIENT_WRONG_PINS } from '../../../electron/core/auth/pin-lockout';
import { SESSION_IDLE_MS, SessionStore } from '../../../electron/core/auth/session-store';

describe('PIN hashes', () => {
  it('are salted scrypt hashes that verify the right PIN only and never contain it', async () => {
    const [first, second] = await Promise.all([hashPin('482915'), hashPin('482915')]);
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('482915');
    expect(await verifyPin('482915', first)).toBe(true);
    expect(await verifyPin('482916', first)).toBe(false);
    expect(await verifyPin('482915', 'garbage')).toBe(false);
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
