import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../fakes/electron';

vi.mock('electron', () => import('../../fakes/electron'));

const { crashPageUrl, recoverFromCrashes, RELOAD_PERIOD_MS, UNRESPONSIVE_GRACE_MS } = await import('../../../electron/app/crash-recovery');
const { createCashierWindow } = await import('../../../electron/app/windows');

const PAGE = 'app://pos/cashier/index.html';
let clock: number;
let log: string[];

beforeEach(() => {
  fake.resetFakeElectron();
  vi.useFakeTimers();
  clock = 1_000_000;
  log = [];
});
afterEach(() => vi.useRealTimers());

function watched() {
  const window = createCashierWindow('/app/preload.cjs') as unknown as fake.BrowserWindow;
  const stop = recoverFromCrashes(window as never, { name: 'cashier', pageUrl: PAGE, log: (line) => log.push(line), now: () => clock });
  return { window, stop };
}

const decoded = (url: string): string => decodeURIComponent(url.slice(url.indexOf(',') + 1));

describe('crash recovery', () => {
  it.each(['crashed', 'oom', 'killed', 'abnormal-exit', 'launch-failed'])('reloads a screen whose renderer is gone (%s) and logs why', (reason) => {
    const { window } = watched();
    window.webContents.processGone(reason, 133);
    expect(window.webContents.reloads).toBe(1);
    expect(log).toEqual([`[chamra] cashier screen stopped (${reason}, exit code 133): reloading (1 of 3 within 60 s).`]);
  });

  it('does nothing when the page ended cleanly', () => {
    const { window } = watched();
    window.webContents.processGone('clean-exit', 0);
    expect(window.webContents.reloads).toBe(0);
    expect(log).toEqual([]);
  });

  it('a crash loop gets the plain error page instead of another reload; a minute later reloading resumes', () => {
    const { window } = watched();
    for (let crash = 0; crash < 3; crash += 1) {
      window.webContents.processGone('crashed');
      clock += 1_000;
    }
    expect(window.webContents.reloads).toBe(3);
    window.webContents.processGone('crashed');
    expect(window.webContents.reloads).toBe(3);
    const page = decoded(window.loadedUrls.at(-1)!);
    expect(window.loadedUrls.at(-1)).toMatch(/^data:text\/html/);
    expect(page).toContain('This screen keeps stopping');
    expect(page).toContain('หน้าจอนี้หยุดทำงานซ้ำหลายครั้ง');
    expect(page).toContain(`href="${PAGE}"`);
    expect(log.at(-1)).toContain('showing the error page');

    clock += RELOAD_PERIOD_MS;
    window.webContents.processGone('crashed');
    expect(window.webContents.reloads).toBe(4);
  });

  it('a hung page gets a grace period, then its renderer is ended and the page reloaded once', () => {
    const { window } = watched();
    window.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS - 1);
    expect(window.webContents.reloads).toBe(0);
    vi.advanceTimersByTime(1);
    // forcefullyCrashRenderer reports the renderer gone ('killed'): that is not counted twice.
    expect(window.webContents.reloads).toBe(1);
    expect(log).toEqual(['[chamra] cashier screen did not respond for 10 s: reloading (1 of 3 within 60 s).']);
  });

  it('a page that responds again within the grace period is left alone', () => {
    const { window } = watched();
    window.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS / 2);
    window.emit('responsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS * 2);
    expect(window.webContents.reloads).toBe(0);
    expect(log).toEqual([]);
  });

  it('stops watching when asked', () => {
    const { window, stop } = watched();
    stop();
    window.webContents.processGone('crashed');
    window.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS);
    expect(window.webContents.reloads).toBe(0);
  });

  it('the error page runs nothing and loads nothing from elsewhere', () => {
    const page = decoded(crashPageUrl(4, PAGE));
    expect(page).toContain("default-src 'none'");
    expect(page).not.toMatch(/<script|src=/i);
    expect(page).toContain('4 times within a minute');
  });
});
