// The desktop app's own updates over electron-updater (generic HTTPS feed): checks at start and every
// few hours, downloads in the background, and says "ready" to the core (UpdatesPort). It installs when
// a manager asks between sales (the core refuses during one) or on a normal quit between sales.
// The updater is passed in (electron-updater's autoUpdater in the app, an emitter in tests): it is the edge.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { UpdatesPort } from '../core/updates/update-side';
import { UpdateFeedError, resolveUpdateFeed, shortUpdateReason } from '../core/updates/update-feed';
import type { UpdateStatus } from '../../shared/setup';

/** The part of electron-updater's AppUpdater this module uses. */
export interface UpdaterEdge {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  channel: string | null;
  logger: { info(message?: unknown): void; warn(message?: unknown): void; error(message?: unknown): void } | null;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'checking-for-update' | 'update-not-available' | 'update-available', listener: () => void): unknown;
  on(event: 'download-progress', listener: (info: { percent: number }) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** First check soon after start (not on the start itself: the till comes up first), then every 4 h. */
export const FIRST_CHECK_MS = 30_000;
export const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;
/** Spread so the tills of a chain do not all ask the feed in the same minute. */
export const CHECK_JITTER_MS = 30 * 60 * 1000;

export interface AutoUpdateOptions {
  isPackaged: boolean;
  platform?: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Electron's process.resourcesPath (where the installer put app-update.yml); undefined outside Electron. */
  resourcesPath: string | undefined;
  version: string;
  /** Created only when updates are on (electron-updater's autoUpdater picks the platform's updater on first use). */
  updater: () => UpdaterEdge;
  log: (message: string) => void;
  /** Closes the core and the server cleanly before the installer takes over (app-lifecycle's shutdown). */
  closeForInstall: () => Promise<void>;
  /** The installer could not start after the core was closed: start the app again on the version it has. */
  restartWithoutInstall: () => void;
  timers?: Timers;
  now?: () => number;
  random?: () => number;
}

export interface AutoUpdate {
  /** Null when updates are off (development, no feed, bad POS_UPDATE_URL): the core then says available: false. */
  port: UpdatesPort | null;
  /** Starts the checks (after the windows are open). */
  start(): void;
  /** Stops the timers (shutdown). */
  stop(): void;
}

function readBakedConfig(resourcesPath: string | undefined): string | null {
  if (!resourcesPath) return null;
  try {
    return readFileSync(path.join(resourcesPath, 'app-update.yml'), 'utf8');
  } catch {
    return null;
  }
}

const realTimers: Timers = {
  set: (run, ms) => {
    const handle = setTimeout(run, ms);
    handle.unref?.();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const OFF: AutoUpdate = { port: null, start: () => undefined, stop: () => undefined };

export function createAutoUpdate(options: AutoUpdateOptions): AutoUpdate {
  const { log } = options;
  let feed;
  try {
    feed = resolveUpdateFeed({
      isPackaged: options.isPackaged,
      platform: options.platform ?? process.platform,
      env: options.env,
      bakedConfig: readBakedConfig(options.resourcesPath),
    });
  } catch (error) {
    if (!(error instanceof UpdateFeedError)) throw error;
    log(`[chamra] updates off: ${error.message}`);
    return OFF;
  }
  if (!feed.enabled) {
    log(`[chamra] updates off: ${feed.reason}.`);
    return OFF;
  }

  const timers = options.timers ?? realTimers;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const updater = options.updater();
  updater.autoDownload = true;
  // Decided at quit by the core (coreClosing): on between sales, off with a sale awaiting payment.
  updater.autoInstallOnAppQuit = true;
  // Every line electron-updater logs is ours to redact (its messages carry URLs).
  const say = (message: unknown) => log(`[chamra] updater: ${shortUpdateReason(message)}`);
  updater.logger = { info: say, warn: say, error: say };
  if (feed.url) updater.setFeedURL({ provider: 'generic', url: feed.url, ...(feed.channel ? { channel: feed.channel } : {}) });
  else if (feed.channel) updater.channel = feed.channel;
  // Setting a channel allows downgrades in electron-updater; a till never goes back to an older program.
  updater.allowDowngrade = false;
  log(`[chamra] updates on: ${feed.url ? `POS_UPDATE_URL ${shortUpdateReason(feed.url)}` : 'the installer\'s feed'}${feed.channel ? `, channel ${feed.channel}` : ''}.`);

  let status: UpdateStatus = {
    available: true, state: 'idle', currentVersion: options.version, readyVersion: null, percent: null, error: null, lastCheckedAt: null,
  };
  const listeners = new Set<(status: UpdateStatus) => void>();
  const change = (next: Partial<UpdateStatus>) => {
    status = { ...status, ...next };
    for (const listener of listeners) listener(status);
  };
  let installing = false;
  let timer: unknown = null;
  let stopped = false;

  updater.on('checking-for-update', () => {
    if (status.state !== 'ready') change({ state: 'checking', error: null, lastCheckedAt: now() });
  });
  updater.on('update-not-available', () => {
    if (status.state !== 'ready') change({ state: 'idle', percent: null });
  });
  updater.on('update-available', () => change({ state: 'downloading', percent: 0, error: null }));
  updater.on('download-progress', (info) => {
    const percent = Math.max(0, Math.min(100, Math.floor(info.percent)));
    // One event per whole percent at most: the screens need no more.
    if (status.state !== 'downloading' || status.percent !== percent) change({ state: 'downloading', percent });
  });
  updater.on('update-downloaded', (info) => {
    change({ state: 'ready', readyVersion: info.version, percent: null, error: null });
    // Nothing more to fetch until it is installed (the next start checks again).
    stop();
    log(`[chamra] update ${info.version} downloaded; it installs between sales.`);
  });
  updater.on('error', (error) => {
    const reason = shortUpdateReason(error);
    log(`[chamra] update failed: ${reason}`);
    if (installing) {
      // The core is already closed: the till must come back, on the version it has.
      installing = false;
      options.restartWithoutInstall();
      return;
    }
    change({ state: 'error', error: reason, percent: null });
  });

  function check(): void {
    // electron-updater also emits 'error' for a failed check; the rejection is handled there.
    updater.checkForUpdates().catch(() => undefined);
  }
  function schedule(ms: number): void {
    if (stopped) return;
    timer = timers.set(() => {
      timer = null;
      check();
      schedule(CHECK_EVERY_MS + Math.floor(random() * CHECK_JITTER_MS));
    }, ms);
  }
  function stop(): void {
    stopped = true;
    if (timer !== null) timers.clear(timer);
    timer = null;
  }

  const port: UpdatesPort = {
    status: () => status,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    install() {
      if (status.state !== 'ready' || installing) return;
      installing = true;
      stop();
      // After the answer to this call has gone out: close the core cleanly, then hand over to the installer.
      void (async () => {
        await new Promise((resolve) => setImmediate(resolve));
        try {
          await options.closeForInstall();
        } catch (error) {
          log(`[chamra] closing before the update failed: ${shortUpdateReason(error)}`);
        }
        log(`[chamra] installing update ${status.readyVersion}.`);
        // Silent (no installer wizard in front of the cashier), and the till starts again afterwards.
        try {
          updater.quitAndInstall(true, true);
        } catch (error) {
          log(`[chamra] update failed: ${shortUpdateReason(error)}`);
          installing = false;
          options.restartWithoutInstall();
        }
      })();
    },
    coreClosing(saleInProgress) {
      updater.autoInstallOnAppQuit = !saleInProgress;
      if (saleInProgress && status.state === 'ready') log('[chamra] a sale is waiting for payment: the update does not install on this quit.');
    },
  };

  return {
    port,
    start() {
      schedule(FIRST_CHECK_MS + Math.floor(random() * FIRST_CHECK_MS));
    },
    stop,
  };
}
