import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../fakes/electron';
import type { CoreConfig } from '../../../electron/core/config/core-config';
import { POS_OPERATION_NAMES, ipcChannelFor } from '../../../shared/pos-operation-names';
import { RecordingCore } from './support/recording-core';

vi.mock('electron', () => import('../../fakes/electron'));

const { runDesktopApp } = await import('../../../electron/app/app-lifecycle');
const { createSecretStore } = await import('../../../electron/app/secret-store');

const KEY = 'sk_test_51ChamraLifecycleKey';
let userData: string;
let log: string[];
let core: RecordingCore | null;
let startedConfigs: CoreConfig[];
let server: { url: string; closeCalls: number; close(): Promise<void> };
let serverOptions: unknown[];

function deps(overrides: Partial<Parameters<typeof runDesktopApp>[0]> = {}): Parameters<typeof runDesktopApp>[0] {
  return {
    env: { POS_DATA_DIR: path.join(userData, 'ledger-here') },
    argv: ['electron', '.'],
    startCore: async (config) => {
      startedConfigs.push(config);
      core = new RecordingCore(config);
      return core;
    },
    startHttpServer: async (_core, options) => {
      serverOptions.push(options);
      return server;
    },
    ...overrides,
  };
}

beforeEach(() => {
  fake.resetFakeElectron();
  userData = mkdtempSync(path.join(os.tmpdir(), 'chamra-userdata-'));
  fake.app.userDataDir = userData;
  fake.app.appPath = '/opt/chamra';
  core = null;
  startedConfigs = [];
  serverOptions = [];
  server = {
    url: 'http://127.0.0.1:4300',
    closeCalls: 0,
    async close() {
      this.closeCalls += 1;
    },
  };
  log = [];
  for (const level of ['log', 'warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void log.push(args.join(' ')));
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(userData, { recursive: true, force: true });
});

describe('desktop app lifecycle', () => {
  it('quits at once when another instance already holds the lock, starting nothing', async () => {
    fake.app.singleInstanceLock = false;
    const handle = runDesktopApp(deps());
    fake.app.becomeReady();
    expect(await handle.started).toBeNull();
    expect(fake.app.calls).toEqual(['requestSingleInstanceLock', 'quit']);
    expect(startedConfigs).toEqual([]);
    expect(fake.BrowserWindow.instances).toEqual([]);
  });

  it.each(['--remote-debugging-port=9222', '--inspect', '--inspect-brk=9229', '--inspect-port=0', '--remote-debugging-pipe'])(
    'exits at once when a packaged build is started with %s, opening nothing',
    async (flag) => {
      fake.app.isPackaged = true;
      const handle = runDesktopApp(deps({ argv: ['chamra-pos', flag] }));
      fake.app.becomeReady();
      expect(await handle.started).toBeNull();
      expect(fake.app.exitCode).toBe(1);
      expect(startedConfigs).toEqual([]);
      expect(fake.BrowserWindow.instances).toEqual([]);
      expect(log.join('\n')).toContain(`refusing to start with ${flag.split('=')[0]}`);
    },
  );

  it('runs with debugging switches in development (not packaged), and with look-alike arguments when packaged', async () => {
    const dev = runDesktopApp(deps({ argv: ['electron', '.', '--inspect=9229'] }));
    fake.app.becomeReady();
    expect(await dev.started).not.toBeNull();
    await dev.shutdown();
    fake.resetFakeElectron();
    fake.app.userDataDir = userData;
    fake.app.isPackaged = true;
    const packaged = runDesktopApp(deps({ argv: ['chamra-pos', '--inspector-notes', 'inspect'] }));
    fake.app.becomeReady();
    expect(await packaged.started).not.toBeNull();
  });

  it('passes every core log line (an error stack too) through the secret redaction', async () => {
    let coreLog: ((message: string) => void) | undefined;
    const handle = runDesktopApp(deps({
      startCore: async (config, options) => {
        coreLog = options?.log;
        core = new RecordingCore(config);
        return core;
      },
    }));
    fake.app.becomeReady();
    await handle.started;
    coreLog!(`Unexpected error: Error: Invalid API Key provided: sk_live_51LeakyKey\n    at charge (whsec_abc123 rk_live_51Other)`);
    const written = log.join('\n');
    expect(written).toContain('Unexpected error: Error: Invalid API Key provided: sk_[redacted]');
    expect(written).not.toMatch(/sk_live_51LeakyKey|whsec_abc123|rk_live_51Other/);
  });

  it('gives the customer window the customer feed only', async () => {
    const handle = runDesktopApp(deps());
    fake.app.becomeReady();
    const running = await handle.started;
    const customer = running!.customerWindow as unknown as fake.BrowserWindow;
    const cashier = running!.cashierWindow as unknown as fake.BrowserWindow;
    const from = (window: fake.BrowserWindow, page: string) => ({ sender: { id: window.webContents.id }, senderFrame: { url: `app://pos/${page}/index.html` } });
    expect(await fake.ipcMain.invoke(ipcChannelFor('sales.list'), from(customer, 'customer'), {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await fake.ipcMain.invoke(ipcChannelFor('sales.current'), from(customer, 'customer'), {})).toMatchObject({ ok: true });
    expect(await fake.ipcMain.invoke(ipcChannelFor('sales.list'), from(cashier, 'cashier'), {})).toMatchObject({ ok: true });
  });

  it('registers the app scheme before ready, then starts core, server, IPC and both windows', async () => {
    const handle = runDesktopApp(deps());
    expect(fake.protocol.privilegedSchemes.map((s) => s.scheme)).toEqual(['app']);
    expect(startedConfigs).toEqual([]);
    fake.app.becomeReady();
    const running = await handle.started;
    expect(running).not.toBeNull();
    expect(startedConfigs).toHaveLength(1);
    expect(startedConfigs[0]!.dataDir).toBe(path.join(userData, 'ledger-here'));
    expect(fake.protocol.handlers.has('app')).toBe(true);
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(POS_OPERATION_NAMES.map(ipcChannelFor).sort());
    const windows = fake.BrowserWindow.instances;
    expect(windows.map((w) => w.loadedUrls[0])).toEqual(['app://pos/cashier/index.html', 'app://pos/customer/index.html']);
    expect(windows.map((w) => w.options.webPreferences?.preload)).toEqual([
      path.join('/opt/chamra', 'dist-electron', 'preload.cjs'),
      path.join('/opt/chamra', 'dist-electron', 'preload.cjs'),
    ]);
    expect(fake.session.defaultSession.permissionRequestHandler).not.toBeNull();
  });

  it('defaults the data directory into userData and runs in demo mode without a key', async () => {
    const handle = runDesktopApp(deps({ env: {} }));
    fake.app.becomeReady();
    await handle.started;
    expect(startedConfigs[0]).toMatchObject({ dataDir: path.join(userData, 'data'), stripeSecretKey: null });
    expect(log.join('\n')).toMatch(/DEMO mode/);
  });

  it('gives the core the key from secure storage and never logs it', async () => {
    createSecretStore(userData).writeSecret('stripe_secret_key', KEY);
    const handle = runDesktopApp(deps());
    fake.app.becomeReady();
    await handle.started;
    expect(startedConfigs[0]!.stripeSecretKey).toBe(KEY);
    expect(log.join('\n')).not.toContain(KEY);
  });

  it('imports a key from STRIPE_SECRET_KEY on first run, hands it to the core and scrubs it from the environment', async () => {
    const env: NodeJS.ProcessEnv = { STRIPE_SECRET_KEY: KEY };
    const handle = runDesktopApp(deps({ env }));
    fake.app.becomeReady();
    await handle.started;
    expect(startedConfigs[0]!.stripeSecretKey).toBe(KEY);
    expect(env.STRIPE_SECRET_KEY).toBeUndefined();
    expect(createSecretStore(userData).readSecret('stripe_secret_key')).toBe(KEY);
    expect(log.join('\n')).not.toContain(KEY);
  });

  it('a packaged app restarts once after importing the key, so no process keeps it in its environment', async () => {
    fake.app.isPackaged = true;
    const env: NodeJS.ProcessEnv = { STRIPE_SECRET_KEY: KEY };
    const handle = runDesktopApp(deps({ env }));
    fake.app.becomeReady();
    expect(await handle.started).toBeNull();
    expect(fake.app.calls.slice(-2)).toEqual(['relaunch', 'exit:0']);
    expect(env.STRIPE_SECRET_KEY).toBeUndefined();
    expect(createSecretStore(userData).readSecret('stripe_secret_key')).toBe(KEY);
    expect(startedConfigs).toEqual([]);
    expect(log.join('\n')).not.toContain('could not start');
    // The relaunched instance reads the key from secure storage and starts normally.
    fake.resetFakeElectron();
    fake.app.userDataDir = userData;
    fake.app.isPackaged = true;
    const again = runDesktopApp(deps({ env }));
    fake.app.becomeReady();
    expect(await again.started).not.toBeNull();
    expect(fake.app.calls).not.toContain('relaunch');
    expect(startedConfigs[0]!.stripeSecretKey).toBe(KEY);
  });

  it('scrubs the other secrets from the environment once the core has them', async () => {
    const env: NodeJS.ProcessEnv = { POS_API_TOKEN: 'token-123', POS_RELAY_TOKEN: 'relay-token', STRIPE_WEBHOOK_SECRET: 'whsec_abc', POS_RELAY_URL: 'https://relay.example.com' };
    const handle = runDesktopApp(deps({ env }));
    fake.app.becomeReady();
    await handle.started;
    expect(startedConfigs[0]).toMatchObject({ apiToken: 'token-123', relayToken: 'relay-token', stripeWebhookSecrets: ['whsec_abc'] });
    expect(env).toEqual({ POS_RELAY_URL: 'https://relay.example.com' });
  });

  it('starts the HTTP server on the configured loopback address for the API only (no screens, no operator API over HTTP)', async () => {
    const handle = runDesktopApp(deps({ env: { POS_API_TOKEN: 'token-123', POS_PORT: '4555' } }));
    fake.app.becomeReady();
    await handle.started;
    expect(serverOptions).toEqual([{ host: '127.0.0.1', port: 4555, apiToken: 'token-123', rendererDir: null, operatorApi: false }]);
  });

  it('locks down any web contents Electron creates, not only our windows', () => {
    runDesktopApp(deps());
    const stray = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', {}, stray);
    expect(stray.attempt('will-navigate', 'https://evil.example')).toBe(true);
    expect(stray.windowOpenHandler?.({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
  });

  it('holds the quit until the server and the core have closed, then quits', async () => {
    const handle = runDesktopApp(deps());
    fake.app.becomeReady();
    await handle.started;
    let openGate!: () => void;
    core!.closeGate = new Promise((resolve) => (openGate = resolve));
    const quitted = once(fake.app, 'quit');

    fake.app.quit();
    await core!.closeStarted;
    expect(core!.closeCalls).toBe(1);
    expect(server.closeCalls).toBe(1);
    expect(fake.app.quitCount).toBe(0);
    expect(fake.ipcMain.handlers.size).toBe(0);

    openGate();
    await quitted;
    expect(core!.closed).toBe(true);
    expect(fake.app.quitCount).toBe(1);
    expect(core!.closeCalls).toBe(1);
  });

  it('keeps the till running when the local HTTP server cannot start', async () => {
    const handle = runDesktopApp(deps({ startHttpServer: async () => Promise.reject(new Error('listen EADDRINUSE 127.0.0.1:4300')) }));
    fake.app.becomeReady();
    const running = await handle.started;
    expect(running?.server).toBeNull();
    expect(fake.BrowserWindow.instances).toHaveLength(2);
    expect(log.join('\n')).toMatch(/local HTTP server not started \(listen EADDRINUSE/);
  });

  it('shows an error and exits with 1 when the core cannot start', async () => {
    const handle = runDesktopApp(deps({ startCore: async () => Promise.reject(new Error('ledger schema is newer than this app')) }));
    fake.app.becomeReady();
    expect(await handle.started).toBeNull();
    expect(fake.dialog.errorBoxes).toEqual([{ title: 'Chamra POS could not start', content: 'ledger schema is newer than this app' }]);
    expect(fake.app.exitCode).toBe(1);
    expect(fake.BrowserWindow.instances).toEqual([]);
  });

  it.each(['rk_live_51ChamraRestrictedKey', 'sk_live_51ChamraSecretKey'])('refuses to start in LIVE mode (%s) without POS_SHOP_EMAIL, saying so in one line', async (key) => {
    const handle = runDesktopApp(deps({ env: { STRIPE_SECRET_KEY: key } }));
    fake.app.becomeReady();
    expect(await handle.started).toBeNull();
    expect(startedConfigs).toEqual([]);
    expect(fake.dialog.errorBoxes).toEqual([
      {
        title: 'Chamra POS could not start',
        content: "Stripe LIVE mode needs POS_SHOP_EMAIL set to the shop's real email address (Stripe sends PromptPay refund instructions there); set it and start again.",
      },
    ]);
    expect(fake.app.exitCode).toBe(1);
    expect(log.join('\n')).not.toContain(key);
  });

  it('starts in LIVE mode once POS_SHOP_EMAIL is set', async () => {
    const handle = runDesktopApp(deps({ env: { STRIPE_SECRET_KEY: 'rk_live_51ChamraRestrictedKey', POS_SHOP_EMAIL: 'owner@shop.example.com' } }));
    fake.app.becomeReady();
    expect(await handle.started).not.toBeNull();
    expect(startedConfigs[0]).toMatchObject({ stripeSecretKey: 'rk_live_51ChamraRestrictedKey', shopEmail: 'owner@shop.example.com' });
  });

  it('focuses the cashier window when a second instance is launched', async () => {
    const handle = runDesktopApp(deps());
    fake.app.becomeReady();
    const running = await handle.started;
    const cashier = running!.cashierWindow as unknown as fake.BrowserWindow;
    cashier.minimized = true;
    fake.app.emit('second-instance');
    expect(cashier.minimized).toBe(false);
    expect(cashier.focused).toBe(true);
  });

  it('quits (closing the core) when the cashier window is closed', async () => {
    const handle = runDesktopApp(deps());
    fake.app.becomeReady();
    const running = await handle.started;
    const quitted = once(fake.app, 'quit');
    (running!.cashierWindow as unknown as fake.BrowserWindow).close();
    await quitted;
    expect(core!.closed).toBe(true);
  });
});
