// A screen whose renderer crashed, was killed, or hangs is reloaded: the sale in progress lives in the
// core's ledger (and the amount being typed in the page's sessionStorage), so the till comes back
// where it was. A screen that keeps failing gets a plain page instead of a reload loop.
import type { BrowserWindow } from 'electron';
import { translate, type Lang } from '../../shared/i18n/translate';

export interface CrashRecoveryOptions {
  /** Which screen, for the log ('cashier', 'customer'). */
  name: string;
  log: (line: string) => void;
  /** How long a hung page gets before it is restarted (it may just be busy). */
  graceMs?: number;
  /** Reloads allowed within periodMs; one more shows the error page. */
  maxReloads?: number;
  periodMs?: number;
  /** Where "Try again" on the error page goes (the screen's own page). */
  pageUrl: string;
  now?: () => number;
}

export const UNRESPONSIVE_GRACE_MS = 10_000;
export const MAX_RELOADS_PER_PERIOD = 3;
export const RELOAD_PERIOD_MS = 60_000;

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The page shown instead of a reload loop: Thai first, then English (the shell does not know the
 * till's language, and whoever reads it may not be the one who chose it). No script, no remote content.
 */
export function crashPageUrl(count: number, retryUrl: string): string {
  const block = (lang: Lang): string => `
    <section lang="${lang}">
      <h1>${escapeHtml(translate(lang, 'desktop.crash.title'))}</h1>
      <p>${escapeHtml(translate(lang, 'desktop.crash.body', { count }))}</p>
      <p>${escapeHtml(translate(lang, 'desktop.crash.help'))}</p>
    </section>`;
  const html = `<!doctype html><html lang="th"><head><meta charset="utf-8"><title>Chamra POS</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>
  body { font: 20px/1.5 "Sarabun", "Leelawadee UI", "Tahoma", "Noto Sans Thai", sans-serif; margin: 0; padding: 32px; background: #fff8f0; color: #1f1f1f; }
  h1 { font-size: 28px; margin: 0 0 8px; }
  section { max-width: 880px; margin: 0 auto 24px; }
  a { display: inline-block; margin: 8px auto; padding: 16px 32px; font-size: 22px; color: #fff; background: #0b5cad; border-radius: 8px; text-decoration: none; }
  a:focus { outline: 4px solid #f2a900; outline-offset: 2px; }
  nav { text-align: center; }
</style></head><body>${block('th')}${block('en')}
<nav><a href="${escapeHtml(retryUrl)}" autofocus>${escapeHtml(translate('th', 'desktop.crash.retry'))} · ${escapeHtml(translate('en', 'desktop.crash.retry'))}</a></nav>
</body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/** Watches one window; returns the function that stops watching. */
export function recoverFromCrashes(window: BrowserWindow, options: CrashRecoveryOptions): () => void {
  const graceMs = options.graceMs ?? UNRESPONSIVE_GRACE_MS;
  const maxReloads = options.maxReloads ?? MAX_RELOADS_PER_PERIOD;
  const periodMs = options.periodMs ?? RELOAD_PERIOD_MS;
  const now = options.now ?? Date.now;
  const { webContents } = window;
  let reloads: number[] = [];
  let hangTimer: ReturnType<typeof setTimeout> | null = null;
  /** We killed a hung renderer ourselves: its 'render-process-gone' is not a second failure. */
  let killing = false;

  const recover = (why: string): void => {
    if (window.isDestroyed()) return;
    const at = now();
    reloads = reloads.filter((time) => at - time < periodMs);
    reloads.push(at);
    if (reloads.length > maxReloads) {
      options.log(`[chamra] ${options.name} screen ${why}: ${reloads.length} times within ${periodMs / 1000} s, showing the error page instead of reloading.`);
      window.loadURL(crashPageUrl(reloads.length, options.pageUrl)).catch(() => undefined);
      return;
    }
    options.log(`[chamra] ${options.name} screen ${why}: reloading (${reloads.length} of ${maxReloads} within ${periodMs / 1000} s).`);
    webContents.reload();
  };

  const clearHang = (): void => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = null;
  };

  const onGone = (_event: unknown, details: { reason: string; exitCode: number }): void => {
    clearHang();
    if (killing) {
      killing = false;
      return;
    }
    // 'clean-exit' is the page closing normally (the window is going away): nothing to recover.
    if (details.reason === 'clean-exit') return;
    recover(`stopped (${details.reason}, exit code ${details.exitCode})`);
  };
  const onUnresponsive = (): void => {
    if (hangTimer) return;
    hangTimer = setTimeout(() => {
      hangTimer = null;
      if (window.isDestroyed()) return;
      // A hung renderer cannot run a reload itself: end it, then reload in a fresh process.
      killing = true;
      webContents.forcefullyCrashRenderer();
      recover(`did not respond for ${graceMs / 1000} s`);
    }, graceMs);
  };

  webContents.on('render-process-gone', onGone);
  window.on('unresponsive', onUnresponsive);
  window.on('responsive', clearHang);
  window.on('closed', clearHang);
  return () => {
    clearHang();
    if (!webContents.isDestroyed()) webContents.removeListener('render-process-gone', onGone);
    window.removeListener('unresponsive', onUnresponsive);
    window.removeListener('responsive', clearHang);
    window.removeListener('closed', clearHang);
  };
}
