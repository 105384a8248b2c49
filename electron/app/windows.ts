// The two screens: the cashier's window and the customer display. Both run fully sandboxed and can
// neither navigate away from app://pos/ nor open new windows.
import { BrowserWindow, screen, session, type BrowserWindowConstructorOptions, type Display, type WebContents } from 'electron';
import { appPageUrl, isAppUrl } from './app-url';
import { describeError } from './log-redaction';

export function secureWebPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** Keeps a window on our own pages: no navigation elsewhere, no popups, no <webview>. */
export function lockDownWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** No camera, notifications, geolocation… A till asks for nothing, so every request is refused. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

type Bounds = { x: number; y: number; width: number; height: number };

export interface CustomerPlacement {
  bounds: Bounds;
  fullscreen: boolean;
}

/**
 * With a second display the customer screen fills it; with one display it sits as a normal window to
 * the right of the cashier's (clamped to the work area) so the shop can still try it out.
 */
export function customerPlacement(displays: readonly Display[], primary: Display): CustomerPlacement {
  const secondary = displays.find((display) => display.id !== primary.id);
  if (secondary) return { bounds: { ...secondary.bounds }, fullscreen: true };
  const area = primary.workArea;
  const width = Math.min(800, area.width);
  const height = Math.min(600, area.height);
  return { bounds: { x: area.x + area.width - width, y: area.y, width, height }, fullscreen: false };
}

function createSecureWindow(
  options: BrowserWindowConstructorOptions,
  preloadPath: string,
  extra: Pick<NonNullable<BrowserWindowConstructorOptions['webPreferences']>, 'autoplayPolicy'> = {},
): BrowserWindow {
  const window = new BrowserWindow({ ...options, show: false, webPreferences: { ...secureWebPreferences(preloadPath), ...extra } });
  lockDownWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  return window;
}

function loadPage(window: BrowserWindow, url: string): void {
  window.loadURL(url).catch((error: unknown) => {
    console.error(`[windows] could not load ${url}: ${describeError(error)}`);
  });
}

export function createCashierWindow(preloadPath: string): BrowserWindow {
  const window = createSecureWindow({ title: 'Chamra POS', width: 1024, height: 720, minWidth: 800, minHeight: 600 }, preloadPath);
  loadPage(window, appPageUrl('cashier'));
  return window;
}

export function createCustomerWindow(preloadPath: string): BrowserWindow {
  const placement = customerPlacement(screen.getAllDisplays(), screen.getPrimaryDisplay());
  const window = createSecureWindow(
    { title: 'Chamra POS — Customer', ...placement.bounds, fullscreen: placement.fullscreen, autoHideMenuBar: true },
    preloadPath,
    // Nobody touches the customer display, yet it must chime when a sale is paid (renderer/ui/sound).
    { autoplayPolicy: 'no-user-gesture-required' },
  );
  loadPage(window, appPageUrl('customer'));
  return window;
}
