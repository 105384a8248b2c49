import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../fakes/electron'));
const fake = await import('../../fakes/electron');
const { installTillMenu, tillMenuTemplate } = await import('../../../electron/app/app-menu');

function roles(template: unknown): string[] {
  return JSON.stringify(template).match(/"role":"(\w+)"/g)?.map((match) => match.slice(8, -1)) ?? [];
}

describe('the till menu', () => {
  beforeEach(() => fake.resetFakeElectron());

  it('offers no reload and no developer tools on any platform', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const found = roles(tillMenuTemplate(platform));
      expect(found, platform).toEqual(expect.arrayContaining(['copy', 'paste']));
      expect(found.some((role) => /reload|toggleDevTools|forceReload/i.test(role)), platform).toBe(false);
    }
    expect(roles(tillMenuTemplate('win32'))).toContain('quit');
    expect(roles(tillMenuTemplate('darwin'))).toContain('appMenu');
  });

  it('is installed in a packaged app and left as the default while developing', () => {
    fake.app.isPackaged = false;
    installTillMenu();
    expect(fake.Menu.applicationMenu).toBeUndefined();
    fake.app.isPackaged = true;
    installTillMenu();
    expect(fake.Menu.applicationMenu).toBeDefined();
  });
});
