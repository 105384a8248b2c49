// Stands in for electron-updater's autoUpdater (the edge): an emitter with the same events and the
// fields auto-update.ts sets, recording what the app asked of it.
import { EventEmitter } from 'node:events';
import type { UpdaterEdge } from '../../../../electron/app/auto-update';
import type { Timers } from '../../../../electron/app/auto-update';

export class FakeUpdater extends EventEmitter implements UpdaterEdge {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  allowDowngrade = true;
  channel: string | null = null;
  logger: UpdaterEdge['logger'] = null;
  feeds: unknown[] = [];
  checks = 0;
  installs: [boolean | undefined, boolean | undefined][] = [];
  /** What the next checkForUpdates does (electron-updater rejects and emits 'error' on a failed check). */
  nextCheck: () => Promise<unknown> = () => Promise.resolve(null);
  /** What quitAndInstall does besides recording the call. */
  onQuitAndInstall: () => void = () => undefined;

  setFeedURL(options: unknown): void {
    this.feeds.push(options);
  }
  checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    return this.nextCheck();
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
    this.onQuitAndInstall();
  }
}

/** Timers the test runs by hand: `due()` lists what is waiting, `fire()` runs the next one. */
export class ManualTimers implements Timers {
  pending: { ms: number; run: () => void }[] = [];
  set(run: () => void, ms: number): unknown {
    const timer = { ms, run };
    this.pending.push(timer);
    return timer;
  }
  clear(handle: unknown): void {
    this.pending = this.pending.filter((timer) => timer !== handle);
  }
  fire(): void {
    const next = this.pending.shift();
    if (!next) throw new Error('no timer is waiting');
    next.run();
  }
}
