// The desktop app's life: one instance, start the core and the local HTTP server when Electron is
// ready, bind IPC, open the two windows, and on quit close everything (awaited) before exiting.
// The core and the server are passed in so this file stays testable without them.
import path from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import { autoUpdater } from 'electron-updater';
import type { CoreConfig } from '../core/config/core-config';
import type { HttpServerOptions } from '../core/http/http-server';
import type { PosCore } from '../core/pos-core-types';
import { secretsOf } from '../core/logs/redact-log-text';
import type { StartCoreOptions } from '../core/start-core';
import { installTillMenu } from './app-menu';
import { handleAppProtocol, registerAppSchemeAsPrivileged } from './app-protocol';
import { createAutoUpdate, type AutoUpdate } from './auto-update';
import { bindIpc } from './ipc-binding';
import type { FileLogging } from './log-file';
import { createLogFolderPort } from './log-folder';
import { describeError, redactSecrets } from './log-redaction';
import { createReceiptPrinter } from './receipt-printer';
import { createSecretStore } from './secret-store';
import { createDesktopSetupHost } from './setup-host';
import { resolveStripeSecretKey } from './stripe-key';
import { createCashierWindow, createCustomerWindow, denyAllPermissions, lockDownWebContents } from './windows';
import { appPageUrl } from './app-url';
import { recoverFromCrashes } from './crash-recovery';
import { createDesktopPort, type DesktopShellPort } from './desktop-port';
import { createWindowStateStore } from './window-state';

export interface HttpServerHandle {
  url: string;
  close(): Promise<void>;
}

export interface DesktopAppDependencies {
  startCore(config: CoreConfig, options?: StartCoreOptions): Promise<PosCore>;
  startHttpServer(core: PosCore, options: HttpServerOptions): Promise<HttpServerHandle>;
  env?: NodeJS.ProcessEnv;
  argv?: readonly string[];
  /** The log file (main.ts starts it first thing); null or absent: the console only. */
  logging?: FileLogging | null;
}

export interface RunningDesktopApp {
  core: PosCore;
  server: HttpServerHandle | null;
  cashierWindow: BrowserWindow;
  customerWindow: BrowserWindow;
}

export interface DesktopAppHandle {
  /** Resolves once the windows are open; null when another instance owns the lock or start failed. */
  started: Promise<RunningDesktopApp | null>;
  /** Closes IPC, the HTTP server and the core. Idempotent; before-quit calls it. */
  shutdown(): Promise<void>;
}

/**
 * Switches that open the main process to a debugger (and with it the Stripe key). The packaged app's
 * fuses refuse --inspect; Chromium's remote debugging is no fuse, so the app refuses to run with it.
 */
export function debuggerSwitch(argv: readonly string[]): string | null {
  return argv.find((arg) => /^--(remote-debugging-(port|pipe)|inspect(-brk)?(-port)?|inspect-publish-uid)(=|$)/.test(arg)) ?? null;
}

/** Secrets besides the Stripe key that the environment may carry (the key is scrubbed on import). */
const INHERITED_SECRETS = ['POS_API_TOKEN', 'POS_RELAY_TOKEN', 'STRIPE_WEBHOOK_SECRET'] as const;

class RestartingForCleanEnvironment extends Error {}

export function runDesktopApp(deps: DesktopAppDependencies): DesktopAppHandle {
  const env = deps.env ?? process.env;
  const argv = deps.argv ?? process.argv;
  const debug = debuggerSwitch(argv);
  if (app.isPackaged && debug) {
    console.error(`[chamra] refusing to start with ${debug.split('=')[0]}: the till does not run under a debugger.`);
    app.exit(1);
    return { started: Promise.resolve(null), shutdown: () => Promise.resolve() };
  }
  registerAppSchemeAsPrivileged();

  if (!app.requestSingleInstanceLock()) {
    // Two tills on one ledger would fight over it: the running instance takes focus instead.
    app.quit();
    return { started: Promise.resolve(null), shutdown: () => Promise.resolve() };
  }

  let core: PosCore | null = null;
  let server: HttpServerHandle | null = null;
  let unbindIpc: (() => void) | null = null;
  let cashierWindow: BrowserWindow | null = null;
  let customerWindow: BrowserWindow | null = null;
  let autoUpdate: AutoUpdate | null = null;
  let desktop: DesktopShellPort | null = null;
  let restartCore: () => Promise<void> = async () => undefined;
  const liveWindows = (): BrowserWindow[] => [cashierWindow, customerWindow].filter((w): w is BrowserWindow => w !== null && !w.isDestroyed());

  const logging = deps.logging ?? null;
  const logs = logging ? createLogFolderPort(logging.file) : undefined;
  /** This run's secrets leave every later log line by value too (a relay or API token can look like anything). */
  const redactFromLogs = (config: CoreConfig): void => logging?.addSecrets(secretsOf(config));

  async function start(): Promise<RunningDesktopApp> {
    const userData = app.getPath('userData');
    console.log(`[chamra] Chamra POS ${app.getVersion()} starting on ${process.platform}${logging ? `; this log is ${logging.file.path}` : ''}`);
    const secretStore = createSecretStore(userData);
    // Setup in the app (setup-host.ts): the environment as launched (IT's) wins over what Settings kept;
    // a restart starts the core again in this process (restartCore, below).
    const setupHost = createDesktopSetupHost({ store: secretStore, launchEnvironment: { ...env }, restart: () => restartCore(), log: (line) => console.warn(`[chamra] ${line}`) });
    const stripe = resolveStripeSecretKey(secretStore, env, argv);
    for (const notice of stripe.notices) console.log(`[chamra] ${notice}`);
    if (stripe.saved && app.isPackaged) {
      // The key is safe in the keychain, but this process's environment block (/proc/<pid>/environ)
      // and the helper processes Chromium forked at launch still hold it: start again without it.
      console.log('[chamra] restarting once so no process keeps the Stripe key in its environment.');
      app.relaunch();
      app.exit(0);
      throw new RestartingForCleanEnvironment();
    }
    const dataDir = path.resolve(env.POS_DATA_DIR || path.join(userData, 'data'));
    // The key resolved above (the environment's, imported, or the kept one) is the one the host reads.
    const config = setupHost.config({ dataDir, stripeSecretKey: stripe.key });
    redactFromLogs(config);
    // The core has what it needs: processes started later (Chromium's helpers) do not inherit secrets.
    for (const name of INHERITED_SECRETS) delete env[name];
    // Updates (auto-update.ts): a packaged app with a feed downloads them in the background and
    // installs one only between sales (a manager's Install now, or a normal quit with no sale waiting).
    autoUpdate = createAutoUpdate({
      isPackaged: app.isPackaged, env, resourcesPath: process.resourcesPath, version: app.getVersion(),
      updater: () => autoUpdater, log: (line) => console.log(redactSecrets(line)),
      closeForInstall: async () => {
        await shutdown();
        closed = true; // the installer's quit then goes straight through
      },
      restartWithoutInstall: () => {
        app.relaunch();
        app.quit();
      },
    });
    // Every line the core logs (error stacks included) passes the redaction first.
    // This computer's screens (customer display monitor, kiosk): chosen in the app, kept in userData.
    desktop = createDesktopPort({ store: createWindowStateStore(userData, (line) => console.warn(line)) });
    const startTheCore = (coreConfig: CoreConfig) => deps.startCore(coreConfig, { log: (message) => console.log(redactSecrets(message)), receiptPrinter: createReceiptPrinter(), updates: autoUpdate?.port ?? undefined, desktop: desktop ?? undefined, setupHost, logs });
    core = await startTheCore(config);
    try {
      // The desktop screens come over app:// and IPC, not HTTP: the server is here only for the
      // integration REST API, reports and the local webhook endpoint. operatorApi false keeps the
      // browser-mode operator surface (/api/pos, its event stream, exports, /_sim) off this port.
      server = await deps.startHttpServer(core, { host: config.httpHost, port: config.httpPort, apiToken: config.apiToken, rendererDir: null, operatorApi: false });
      console.log(`[chamra] integration API and webhook endpoint on ${server.url}`);
    } catch (error) {
      // The till itself works over IPC; only the REST API and local webhooks are missing.
      console.warn(`[chamra] local HTTP server not started (${describeError(error)}); the till works, the integration API and local webhooks do not.`);
    }
    const appPath = app.getAppPath();
    installTillMenu();
    handleAppProtocol(path.join(appPath, 'dist', 'renderer'));
    denyAllPermissions();
    unbindIpc = bindIpc({
      core,
      windows: liveWindows,
      customerWindows: () => (customerWindow && !customerWindow.isDestroyed() ? [customerWindow] : []),
    });
    const preload = path.join(appPath, 'dist-electron', 'preload.cjs');
    cashierWindow = createCashierWindow(preload, { kiosk: desktop.kioskAtStart() });
    customerWindow = createCustomerWindow(preload);
    desktop.attach({ cashier: cashierWindow, customer: customerWindow });
    // A crashed or hung screen reloads (the sale in progress is in the core); a crash loop gets a plain page.
    recoverFromCrashes(cashierWindow, { name: 'cashier', pageUrl: appPageUrl('cashier'), log: (line) => console.error(line) });
    recoverFromCrashes(customerWindow, { name: 'customer', pageUrl: appPageUrl('customer'), log: (line) => console.error(line) });
    // The customer display alone is no till: closing the cashier's window quits.
    cashierWindow.on('closed', () => app.quit());
    // Setup in the app: the core and its server again, with what is kept now; the windows reload and sign in again.
    restartCore = async () => {
      if (shutdownPromise || !core) return;
      try {
        unbindIpc?.();
        await server?.close();
        await core.close();
        const next = setupHost.config({ dataDir });
        redactFromLogs(next);
        core = await startTheCore(next);
        server = await deps
          .startHttpServer(core, { host: next.httpHost, port: next.httpPort, apiToken: next.apiToken, rendererDir: null, operatorApi: false })
          .catch((error: unknown) => (console.warn(`[chamra] local HTTP server not started (${describeError(error)})`), null));
        unbindIpc = bindIpc({ core, windows: liveWindows, customerWindows: () => (customerWindow && !customerWindow.isDestroyed() ? [customerWindow] : []) });
        for (const window of liveWindows()) window.webContents.reload();
      } catch (error) {
        console.error(`[chamra] could not start again: ${describeError(error)}`);
        dialog.showErrorBox('Chamra POS could not start again', describeError(error));
        app.exit(1);
      }
    };
    autoUpdate.start();
    return { core, server, cashierWindow, customerWindow };
  }

  let shutdownPromise: Promise<void> | null = null;
  async function closeEverything(): Promise<void> {
    await started;
    unbindIpc?.();
    autoUpdate?.stop();
    desktop?.close();
    for (const [name, close] of [
      ['HTTP server', () => server?.close()],
      ['core', () => core?.close()],
    ] as const) {
      try {
        await close();
      } catch (error) {
        console.error(`[chamra] closing the ${name} failed: ${describeError(error)}`);
      }
    }
  }
  const shutdown = (): Promise<void> => (shutdownPromise ??= closeEverything());

  const started: Promise<RunningDesktopApp | null> = app
    .whenReady()
    .then(start)
    .catch(async (error: unknown) => {
      if (error instanceof RestartingForCleanEnvironment) return null;
      console.error(`[chamra] could not start: ${describeError(error)}`);
      dialog.showErrorBox('Chamra POS could not start', describeError(error));
      await core?.close().catch(() => undefined);
      app.exit(1);
      return null;
    });

  app.on('second-instance', () => {
    if (!cashierWindow || cashierWindow.isDestroyed()) return;
    if (cashierWindow.isMinimized()) cashierWindow.restore();
    cashierWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // Belt and braces: any web contents at all (not just our two windows) gets the same lock-down.
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    // Hold the quit until the ledger is closed cleanly, then quit for real.
    event.preventDefault();
    void shutdown().finally(() => {
      closed = true;
      app.quit();
    });
  });

  return { started, shutdown };
}
