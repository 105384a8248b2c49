// The desktop's setup host over the fake Electron runtime: secrets kept with safeStorage (refused
// without it), the launch environment winning over what Settings kept, and a restart that starts the
// core and its server again in this process, with what is kept now, and reloads the windows.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../fakes/electron';
import type { CoreConfig } from '../../../electron/core/config/core-config';
import type { StartCoreOptions } from '../../../electron/core/start-core';
import { ipcChannelFor } from '../../../shared/pos-operation-names';
import { RecordingCore } from './support/recording-core';

vi.mock('electron', () => import('../../fakes/electron'));

const { createSecretStore } = await import('../../../electron/app/secret-store');
const { createDesktopSetupHost, keeperOver } = await import('../../../electron/app/setup-host');
const { runDesktopApp } = await import('../../../electron/app/app-lifecycle');

const SAVED_KEY = 'rk_test_51ChamraSavedInSettings';
const ENV_KEY = 'sk_test_51ChamraFromTheEnvironment';
let userData: string;

beforeEach(() => {
  fake.resetFakeElectron();
  userData = mkdtempSync(path.join(os.tmpdir(), 'chamra-setup-host-'));
  fake.app.userDataDir = userData;
  fake.app.appPath = '/opt/chamra';
  for (const level of ['log', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(userData, { recursive: true, force: true });
});

describe('the desktop keeper', () => {
  it('keeps secrets through safeStorage (never in plain text) and says they persist', () => {
    const store = createSecretStore(userData);
    const keeper = keeperOver(store);
    expect(keeper.persistent()).toBe(true);
    keeper.write('stripe_webhook_secret', 'whsec_desktopKept0001');
    expect(keeperOver(createSecretStore(userData)).read('stripe_webhook_secret')).toBe('whsec_desktopKept0001');
    expect(readFileSync(store.filePath, 'utf8')).not.toContain('whsec_desktopKept0001');
    expect(keeper.delete('stripe_webhook_secret')).toBe(true);
    expect(keeper.read('stripe_webhook_secret')).toBeNull();
  });

  it('refuses to keep anything without the OS keychain', () => {
    fake.safeStorage.available = false;
    const keeper = keeperOver(createSecretStore(userData));
    expect(keeper.persistent()).toBe(false);
    expect(() => keeper.write('stripe_secret_key', SAVED_KEY)).toThrow(/secure storage is not available/);
    expect(keeper.read('stripe_secret_key')).toBeNull();
  });
});

describe('the desktop configuration', () => {
  it('takes what Settings kept where the launch environment sets nothing, and the environment first', () => {
    const store = createSecretStore(userData);
    const keeper = keeperOver(store);
    keeper.write('stripe_secret_key', SAVED_KEY);
    keeper.write('stripe_webhook_secret', 'whsec_keptInSettings0001');
    keeper.write('relay_url', 'https://relay.example.com/');
    keeper.write('relay_token', 'kept-relay-token-0001');
    const kept = createDesktopSetupHost({ store, launchEnvironment: {}, restart: async () => undefined });
    expect(kept.config({ dataDir: userData })).toMatchObject({
      stripeSecretKey: SAVED_KEY,
      stripeWebhookSecrets: ['whsec_keptInSettings0001'],
      relayUrl: 'https://relay.example.com/',
      relayToken: 'kept-relay-token-0001',
    });
    const fromIt = createDesktopSetupHost({
      store,
      launchEnvironment: { STRIPE_SECRET_KEY: ENV_KEY, STRIPE_WEBHOOK_SECRET: 'whsec_fromIT0001', POS_RELAY_URL: 'https://relay.it.example/', POS_RELAY_TOKEN: 'it-token-0001' },
      restart: async () => undefined,
    });
    expect(fromIt.config({ dataDir: userData })).toMatchObject({
      stripeSecretKey: ENV_KEY,
      stripeWebhookSecrets: ['whsec_fromIT0001'],
      relayUrl: 'https://relay.it.example/',
      relayToken: 'it-token-0001',
    });
  });
});

describe('restarting the core in the desktop app', () => {
  it('closes the core and server, starts them again with the key saved meanwhile, rebinds IPC and reloads both windows', async () => {
    const cores: RecordingCore[] = [];
    const options: (StartCoreOptions | undefined)[] = [];
    let serverCloses = 0;
    const handle = runDesktopApp({
      env: { POS_DATA_DIR: path.join(userData, 'data'), STRIPE_WEBHOOK_SECRET: 'whsec_launchedWithThis01' },
      argv: ['electron', '.'],
      startCore: async (config: CoreConfig, startOptions?: StartCoreOptions) => {
        options.push(startOptions);
        const core = new RecordingCore(config);
        cores.push(core);
        return core;
      },
      startHttpServer: async () => ({ url: 'http://127.0.0.1:4300', close: async () => void (serverCloses += 1) }),
    });
    fake.app.becomeReady();
    const running = await handle.started;
    expect(cores[0].config.stripeSecretKey).toBeNull();
    const setupHost = options[0]?.setupHost;
    expect(setupHost?.secrets.persistent()).toBe(true);

    // What setup.saveStripe does through the port, then setup.restart.
    setupHost!.secrets.write('stripe_secret_key', SAVED_KEY);
    await setupHost!.restart();

    expect(cores).toHaveLength(2);
    expect(cores[0].closed).toBe(true);
    expect(serverCloses).toBe(1);
    expect(cores[1].config.stripeSecretKey).toBe(SAVED_KEY);
    // The launch environment's secret was scrubbed from the process but survives in memory for the restart.
    expect(cores[1].config.stripeWebhookSecrets).toEqual(['whsec_launchedWithThis01']);
    for (const window of [running!.cashierWindow, running!.customerWindow] as unknown as fake.BrowserWindow[]) {
      expect(window.webContents.reloads).toBe(1);
    }
    // IPC now reaches the new core.
    const cashier = running!.cashierWindow as unknown as fake.BrowserWindow;
    await fake.ipcMain.invoke(ipcChannelFor('app.info'), { sender: { id: cashier.webContents.id }, senderFrame: { url: 'app://pos/cashier/index.html' } }, {});
    expect(cores[1].dispatched.map((record) => record.op)).toContain('app.info');
    expect(cores[0].dispatched.map((record) => record.op)).not.toContain('app.info');
    await handle.shutdown();
    expect(cores[1].closed).toBe(true);
  });
});
