import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../fakes/electron';

vi.mock('electron', () => import('../../fakes/electron'));

const { createCashierWindow, createCustomerWindow, customerPlacement, denyAllPermissions } = await import('../../../electron/app/windows');

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

describe('customer display placement', () => {
  it('goes fullscreen on the second display when there are two', () => {
    fake.screen.displays = [fake.makeDisplay(1, 0), fake.makeDisplay(2, 1920, 1280, 800)];
    const window = asFake(createCustomerWindow(PRELOAD));
    expect(window.options).toMatchObject({ x: 1920, y: 0, width: 1280, height: 800, fullscreen: true });
  });

  it('picks the non-primary display even when it is listed first', () => {
    const primary = fake.makeDisplay(7, 0);
    const secondary = fake.makeDisplay(3, -1024, 1024, 768);
    const placement = customerPlacement([secondary, primary] as never, primary as never);
    expect(placement).toEqual({ bounds: { x: -1024, y: 0, width: 1024, height: 768 }, fullscreen: true });
  });

  it('is a normal window beside the cashier on a single display', () => {
    fake.screen.displays = [fake.makeDisplay(1, 0, 1366, 768)];
    const window = asFake(createCustomerWindow(PRELOAD));
    expect(window.options.fullscreen).toBe(false);
    expect(window.options).toMatchObject({ x: 1366 - 800, y: 0, width: 800, height: 600 });
  });
});
