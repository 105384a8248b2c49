import { describe, expect, it } from 'vitest';
import { translate } from '../../../shared/i18n/translate';
import { isSessionLost, pinErrorFor, shownError } from '../../../renderer/state/auth-error';

describe('errors on the PIN screens and the manager side', () => {
  it('says "wrong PIN" in the screen language and carries the tries left as a fact to translate', () => {
    expect(pinErrorFor({ code: 'unauthorized', message: 'Wrong PIN, 3 tries left.', field: 'pin' })).toEqual({
      key: 'auth.error.wrongPin',
      detail: 'Wrong PIN, 3 tries left.',
      fact: { key: 'auth.error.triesLeft', vars: { count: 3 } },
    });
    expect(pinErrorFor({ code: 'unauthorized', message: 'Wrong PIN, 1 try left.', field: 'pin' }).fact).toEqual({ key: 'auth.error.oneTryLeft', vars: {} });
    expect(translate('th', 'auth.error.triesLeft', { count: 4 })).toBe('เหลืออีก 4 ครั้ง');
  });

  it('carries a lock time as a fact, and no fact when the words hold none', () => {
    expect(pinErrorFor({ code: 'rate_limited', message: 'Wrong PIN. Locked until 14:05 after 5 wrong PINs.', field: 'pin' }).fact).toEqual({ key: 'auth.error.lockedUntil', vars: { time: '14:05' } });
    expect(pinErrorFor({ code: 'rate_limited', message: 'slow down' }).fact).toBeUndefined();
  });

  it('gives a lockout its own headline, not "wrong PIN"', () => {
    expect(pinErrorFor({ code: 'rate_limited', message: 'Wrong PIN. Locked until 14:05 after 5 wrong PINs.', field: 'pin' }).key).toBe('auth.error.locked');
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
