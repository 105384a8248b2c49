// The _electron smoke test (tests/electron, run only by the installers workflow) checks the live
// windows against tests/electron/window-security.ts; this keeps that file saying what
// electron/app/windows.ts really sets, on every CI run.
import { describe, expect, it, vi } from 'vitest';
import { REQUIRED_WEB_PREFERENCES, webPreferencesProblems } from '../../electron/window-security';

vi.mock('electron', () => import('../../fakes/electron'));
const { secureWebPreferences } = await import('../../../electron/app/windows');

describe('the smoke test\'s window security expectations', () => {
  it('are what electron/app/windows.ts sets for both windows', () => {
    expect(webPreferencesProblems(secureWebPreferences('/app/dist-electron/preload.cjs'))).toEqual([]);
  });

  it('catch a window that is not sandboxed, isolated or web-secure, or reports nothing', () => {
    expect(webPreferencesProblems({ ...REQUIRED_WEB_PREFERENCES, sandbox: false })).toEqual(['sandbox is false, not true']);
    expect(webPreferencesProblems({ ...REQUIRED_WEB_PREFERENCES, nodeIntegration: true, webviewTag: true })).toEqual(['nodeIntegration is true, not false', 'webviewTag is true, not false']);
    expect(webPreferencesProblems({ sandbox: true })).toHaveLength(3);
    expect(webPreferencesProblems(null)).toEqual(['no web preferences reported']);
  });
});
