// The two screens: the cashier's window and the customer display. Both run fully sandboxed and can
// neither navigate away from app://pos/ nor open new windows.
import { app, BrowserWindow, session, type BrowserWindowConstructorOptions, type Input, type WebContents } from 'electron';
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

function createSecureWindow(
  options: BrowserWindowConstructorOptions,
  preloadPath: string,
  extra: Pick<NonNullable<BrowserWindowConstructorOptions['webPreferences']>, 'autoplayPolicy'> = {},
): BrowserWindow {
  return new BrowserWindow({ ...options, show: false, webPreferences: { ...secureWebPreferences(preloadPath), ...extra } });
}

function loadPage(window: BrowserWindow, url: string): void {
  window.loadURL(url).catch((error: unknown) => {
    console.error(`[windows] could not load ${url}: ${describeError(error)}`);
  });
}

export function createCashierWindow(preloadPath: string, options: { kiosk?: boolean } = {}): BrowserWindow {
  const kiosk = options.kiosk ?? false;
  const window = createSecureWindow({ title: 'Chamra POS', width: 1024, height: 720, minWidth: 800, minHeight: 600, kiosk }, preloadPath);
  lockDownWebContents(window.webContents);
  window.setMenuBarVisibility(!kiosk);
  window.once('ready-to-show', () => window.show());
  loadPage(window, appPageUrl('cashier'));
  return window;
}

/**
 * The customer window starts hidden: the desktop port (desktop-port.ts) puts it full screen on its
 * monitor and shows it, or keeps it hidden when there is no monitor for it besides the till's.
 */
export function createCustomerWindow(preloadPath: string): BrowserWindow {
  const window = createSecureWindow(
    { title: 'Chamra POS — Customer', width: 800, height: 600, autoHideMenuBar: true, fullscreenable: true },
    preloadPath,
    // Nobody touches the customer display, yet it must chime when a sale is paid (renderer/ui/sound).
    { autoplayPolicy: 'no-user-gesture-required' },
  );
  lockDownWebContents(window.webContents);
  window.setMenuBarVisibility(false);
  loadPage(window, appPageUrl('customer'));
  return window;
}

/**
 * Whether the window is closing for real: the app quits, Windows ends the session, or release() is
 * called (the shell shutting down). Guards that keep a window open must never stand in their way.
 */
function watchEnding(window: BrowserWindow): { isEnding(): boolean; release(): void } {
  let ending = false;
  const end = (): void => {
    ending = true;
  };
  app.on('before-quit', end);
  window.on('session-end', end);
  window.on('closed', () => app.removeListener('before-quit', end));
  return { isEnding: () => ending, release: end };
}

/**
 * The customer display is no window to lose by a stray Alt+F4 or the OS's close button: closing it
 * hides it, so it can come back without restarting the till (desktop-port.ts shows it again). The app
 * quitting, Windows ending the session, or release() (the shell shutting down) let it close for real.
 */
export function hideInsteadOfClosing(window: BrowserWindow, onHidden: () => void): { release(): void } {
  const ending = watchEnding(window);
  window.on('close', (event) => {
    if (ending.isEnding()) return;
    event.preventDefault();
    window.hide();
    onHidden();
  });
  return { release: ending.release };
}

/**
 * Keys that would take a cashier out of kiosk mode or away from the till: full screen (F11), quit and
 * close (Ctrl/Cmd+Q, Ctrl/Cmd+W, Alt+F4 where the page sees it), hide and minimise (Cmd+H, Cmd+M).
 * The OS keeps its own (Ctrl+Alt+Del, the Windows key, Cmd+Tab): no app can take those.
 */
export function leavesKiosk(input: Pick<Input, 'key' | 'control' | 'meta' | 'alt'>): boolean {
  const key = input.key.toLowerCase();
  const command = input.control || input.meta;
  if (key === 'f11') return true;
  if (input.alt && key === 'f4') return true;
  if (command && ['q', 'w'].includes(key)) return true;
  return input.meta && ['h', 'm'].includes(key);
}

/**
 * While `isKiosk()`, the cashier window keeps the keyboard shortcuts above from the page and from the
 * menu, and refuses to close (the close button is gone, but Alt+F4 and the taskbar can still ask) —
 * except when the app itself quits, Windows ends the session or release() is called (the shell shutting
 * down: macOS's updater closes every window before it quits), which must never be blocked.
 */
export function guardKiosk(window: BrowserWindow, isKiosk: () => boolean): { release(): void } {
  const ending = watchEnding(window);
  window.webContents.on('before-input-event', (event, input) => {
    if (input.type === 'keyDown' && isKiosk() && leavesKiosk(input)) event.preventDefault();
  });
  window.on('close', (event) => {
    if (!ending.isEnding() && isKiosk()) event.preventDefault();
  });
  return { release: ending.release };
}
