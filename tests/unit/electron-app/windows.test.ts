import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../fakes/electron';

vi.mock('electron', () => import('../../fakes/electron'));

const { createCashierWindow, createCustomerWindow, denyAllPermissions, guardKiosk, hideInsteadOfClosing, leavesKiosk } = await import('../../../electron/app/windows');

const PRELOAD = '/app/dist-electron/preload.cjs';

beforeEach(() => fake.resetFakeElectron());

function asFake(window: unknown): fake.BrowserWindow {
  return window as fake.BrowserWindow;
}

describe('windows', () => {
  it.each([
    ['cashier', createCashierWindow, 'app://pos/cashier/index.html'],
    ['customer', createCustomerWindow, 'app://pos/customer/index.html'],
  ] as const)('the %s window is isolated, sandboxed, without Node, and loads its page over app://', (_name, create, url) => {
    const window = asFake(create(PRELOAD));
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: PRELOAD,
    });
    expect(window.loadedUrls).toEqual([url]);
  });

  it('blocks navigation to any other origin but allows our own pages', () => {
    const { webContents } = asFake(createCashierWindow(PRELOAD));
    expect(webContents.attempt('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(webContents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(webContents.attempt('will-navigate', 'app://pos.evil/cashier/index.html')).toBe(true);
    expect(webContents.attempt('will-redirect', 'http://127.0.0.1:4300/')).toBe(true);
    expect(webContents.attempt('will-navigate', 'app://pos/customer/index.html')).toBe(false);
  });

  it('denies every new window and refuses to attach a <webview>', () => {
    const { webContents } = asFake(createCustomerWindow(PRELOAD));
    expect(webContents.windowOpenHandler?.({ url: 'app://pos/cashier/index.html' })).toEqual({ action: 'deny' });
    expect(webContents.windowOpenHandler?.({ url: 'https://stripe.com' })).toEqual({ action: 'deny' });
    expect(webContents.attempt('will-attach-webview', 'https://evil.example')).toBe(true);
  });

  it('refuses every permission request and permission check', () => {
    denyAllPermissions();
    const { permissionRequestHandler, permissionCheckHandler } = fake.session.defaultSession;
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      permissionRequestHandler?.({}, permission, (granted) => answers.push(granted), {});
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(permissionCheckHandler?.({}, 'media')).toBe(false);
  });

  it('shows a window only when it is ready to show (no white flash)', () => {
    const window = asFake(createCashierWindow(PRELOAD));
    expect(window.options.show).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });
});

describe('customer window', () => {
  it('starts hidden and does not show itself when ready: the desktop port places it first', () => {
    const window = asFake(createCustomerWindow(PRELOAD));
    expect(window.options.show).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(false);
    expect(window.menuBarVisible).toBe(false);
  });
});

describe('kiosk mode', () => {
  it('the cashier window opens in kiosk mode, without a menu bar, when asked', () => {
    const kiosk = asFake(createCashierWindow(PRELOAD, { kiosk: true }));
    expect(kiosk.options.kiosk).toBe(true);
    expect(kiosk.menuBarVisible).toBe(false);
    const normal = asFake(createCashierWindow(PRELOAD));
    expect(normal.options.kiosk).toBe(false);
    expect(normal.menuBarVisible).toBe(true);
  });

  it.each([
    [{ key: 'F11' }, true],
    [{ key: 'F4', alt: true }, true],
    [{ key: 'q', control: true }, true],
    [{ key: 'Q', meta: true }, true],
    [{ key: 'w', control: true }, true],
    [{ key: 'h', meta: true }, true],
    [{ key: 'm', meta: true }, true],
    [{ key: 'F4' }, false],
    [{ key: 'q' }, false],
    [{ key: 'h', control: true }, false],
    [{ key: 'Enter' }, false],
    [{ key: 'c', control: true }, false],
  ])('%o leaves kiosk: %s', (input, leaves) => {
    expect(leavesKiosk({ control: false, meta: false, alt: false, ...input })).toBe(leaves);
  });

  it('while in kiosk, the leaving shortcuts are kept from the page and menu, and the window refuses to close', () => {
    let kiosk = true;
    const window = asFake(createCashierWindow(PRELOAD, { kiosk }));
    guardKiosk(window as never, () => kiosk);
    expect(window.webContents.pressKey({ key: 'F11' })).toBe(true);
    expect(window.webContents.pressKey({ key: 'q', control: true })).toBe(true);
    expect(window.webContents.pressKey({ key: '5' })).toBe(false);
    window.close();
    expect(window.isDestroyed()).toBe(false);
    // A manager turned kiosk off: everything works as usual again.
    kiosk = false;
    expect(window.webContents.pressKey({ key: 'F11' })).toBe(false);
    window.close();
    expect(window.isDestroyed()).toBe(true);
  });

  it('never blocks the app quitting or Windows ending the session', () => {
    const quitting = asFake(createCashierWindow(PRELOAD, { kiosk: true }));
    guardKiosk(quitting as never, () => true);
    fake.app.emit('before-quit', new fake.FakeNavigationEvent(''));
    quitting.close();
    expect(quitting.isDestroyed()).toBe(true);

    const loggingOff = asFake(createCashierWindow(PRELOAD, { kiosk: true }));
    fake.app.removeAllListeners('before-quit');
    guardKiosk(loggingOff as never, () => true);
    loggingOff.emit('session-end');
    loggingOff.close();
    expect(loggingOff.isDestroyed()).toBe(true);
  });

  it('the customer window hides when closed, and closes for real when the app quits, the session ends or it is released', () => {
    const hidden: string[] = [];
    const customer = asFake(createCustomerWindow(PRELOAD));
    customer.showInactive();
    hideInsteadOfClosing(customer as never, () => hidden.push('customer'));
    customer.close();
    expect(customer.isDestroyed()).toBe(false);
    expect(customer.visible).toBe(false);
    expect(hidden).toEqual(['customer']);

    const released = asFake(createCustomerWindow(PRELOAD));
    hideInsteadOfClosing(released as never, () => hidden.push('released')).release();
    released.close();
    expect(released.isDestroyed()).toBe(true);

    const loggingOff = asFake(createCustomerWindow(PRELOAD));
    hideInsteadOfClosing(loggingOff as never, () => hidden.push('logging off'));
    loggingOff.emit('session-end');
    loggingOff.close();
    expect(loggingOff.isDestroyed()).toBe(true);

    fake.app.emit('before-quit', new fake.FakeNavigationEvent(''));
    customer.close();
    expect(customer.isDestroyed()).toBe(true);
    expect(hidden).toEqual(['customer']);
  });

  it('a kiosk guard released (the shell shutting down) lets the cashier window close', () => {
    const window = asFake(createCashierWindow(PRELOAD, { kiosk: true }));
    const guard = guardKiosk(window as never, () => true);
    window.close();
    expect(window.isDestroyed()).toBe(false);
    guard.release();
    window.close();
    expect(window.isDestroyed()).toBe(true);
  });
});
