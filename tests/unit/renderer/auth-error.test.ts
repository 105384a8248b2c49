import { describe, expect, it } from 'vitest';
import { translate } from '../../../shared/i18n/translate';
import { isSessionLost, pinErrorFor, shownError } from '../../../renderer/state/auth-error';

describe('errors on the PIN screens and the manager side', () => {
  it('says "wrong PIN" in the screen language and carries the tries left the core sent as a field', () => {
    expect(pinErrorFor({ code: 'unauthorized', message: 'Wrong PIN, 3 tries left.', field: 'pin', details: { triesLeft: 3 } })).toEqual({
      key: 'auth.error.wrongPin',
      detail: 'Wrong PIN, 3 tries left.',
      fact: { key: 'auth.error.triesLeft', vars: { count: 3 } },
    });
    expect(pinErrorFor({ code: 'unauthorized', message: 'Wrong PIN, 1 try left.', field: 'pin', details: { triesLeft: 1 } }).fact).toEqual({ key: 'auth.error.oneTryLeft', vars: {} });
    expect(translate('th', 'auth.error.triesLeft', { count: 4 })).toBe('เหลืออีก 4 ครั้ง');
  });

  it('never reads facts out of the English words: without fields there is no fact', () => {
    expect(pinErrorFor({ code: 'unauthorized', message: 'Wrong PIN, 3 tries left.', field: 'pin' }).fact).toBeUndefined();
    expect(pinErrorFor({ code: 'rate_limited', message: 'Wrong PIN. Locked until 14:05 after 5 wrong PINs.', field: 'pin' }).fact).toBeUndefined();
    expect(pinErrorFor({ code: 'unauthorized', message: 'x', details: { triesLeft: 0 } }).fact).toBeUndefined();
  });

  it('shows a lock’s end in the shop’s zone, 24 h, from the epoch the core sent', () => {
    // 2026-11-26 07:05 UTC = 14:05 in Bangkok, 23:05 the day before in Los Angeles.
    const lockedUntil = Date.UTC(2026, 10, 26, 7, 5, 30);
    expect(pinErrorFor({ code: 'rate_limited', message: 'Locked', field: 'pin', details: { lockedUntil } }).fact).toEqual({ key: 'auth.error.lockedUntil', vars: { time: '14:05' } });
    expect(pinErrorFor({ code: 'rate_limited', message: 'Locked', details: { lockedUntil } }, 'America/Los_Angeles').fact).toEqual({ key: 'auth.error.lockedUntil', vars: { time: '23:05' } });
    expect(translate('th', 'auth.error.lockedUntil', { time: '14:05' })).toContain('14:05');
  });

  it('gives a lockout its own headline, not "wrong PIN"', () => {
    expect(pinErrorFor({ code: 'rate_limited', message: 'Wrong PIN. Locked until 14:05 after 5 wrong PINs.', field: 'pin', details: { lockedUntil: 0 } }).key).toBe('auth.error.locked');
    expect(pinErrorFor({ code: 'rate_limited', message: 'slow down' }).key).toBe('auth.error.locked');
  });

  it('tells an unreachable till apart and hides bare HTTP statuses', () => {
    expect(pinErrorFor({ code: 'internal', message: 'till service unreachable: x', unreachable: true })).toEqual({ key: 'error.till_unreachable', detail: null });
    expect(shownError({ code: 'forbidden', message: 'HTTP 403' })).toEqual({ key: 'manager.error.forbidden', detail: null });
  });

  it('knows an elevate refusal about the session from one about the PIN', () => {
    expect(isSessionLost({ code: 'unauthorized', message: 'Sign in with your PIN first.' })).toBe(true);
    expect(isSessionLost({ code: 'unauthorized', message: 'That is not a manager PIN.', field: 'pin' })).toBe(false);
  });
});
