// The desktop app's updater port over a stand-in for electron-updater (its events, its fields): when
// updates are on at all, what the till is told as a download goes, how errors are worded, when it
// checks, and that installing closes the core first and never happens on a quit under a sale.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_EVERY_MS, CHECK_JITTER_MS, FIRST_CHECK_MS, createAutoUpdate, type AutoUpdateOptions } from '../../../electron/app/auto-update';
import { checkUpdateChannel, checkUpdateUrl, shortUpdateReason } from '../../../electron/core/updates/update-feed';
import type { UpdateStatus } from '../../../shared/setup';
import { FakeUpdater, ManualTimers } from './support/fake-updater';

/** What electron-builder writes into resources/app-update.yml for electron-builder.yml's publish entry. */
const BAKED = 'provider: generic\nurl: https://updates.chamra.co.th/pos\nchannel: latest\nupdaterCacheDirName: chamra-pos-updater\n';
const SIGNED = `${BAKED}publisherName:\n  - Chamra Co., Ltd.\n`;

let resources: string;
let updater: FakeUpdater;
let timers: ManualTimers;
let lines: string[];
let events: string[];

beforeEach(() => {
  resources = mkdtempSync(path.join(os.tmpdir(), 'chamra-resources-'));
  writeFileSync(path.join(resources, 'app-update.yml'), BAKED);
  updater = new FakeUpdater();
  timers = new ManualTimers();
  lines = [];
  events = [];
});
afterEach(() => rmSync(resources, { recursive: true, force: true }));

function options(overrides: Partial<AutoUpdateOptions> = {}): AutoUpdateOptions {
  return {
    isPackaged: true,
    platform: 'linux',
    env: {},
    resourcesPath: resources,
    version: '0.1.0',
    updater: () => updater,
    log: (line) => lines.push(line),
    closeForInstall: async () => void events.push('core closed'),
    restartWithoutInstall: () => void events.push('restarted'),
    timers,
    now: () => 1_700_000_000_000,
    random: () => 0.5,
    ...overrides,
  };
}

describe('when the app updates itself', () => {
  it('has a generic https feed in electron-builder.yml that the app accepts (baked into app-update.yml)', () => {
    const projectDir = path.resolve(import.meta.dirname, '../../..');
    // electron-builder's own YAML parser, as for the rest of its config.
    const yaml = createRequire(path.join(projectDir, 'package.json'))('js-yaml') as { load(text: string): unknown };
    const config = yaml.load(readFileSync(path.join(projectDir, 'electron-builder.yml'), 'utf8')) as { publish: { provider: string; url: string; channel: string }[] };
    expect(config.publish).toHaveLength(1);
    const [feed] = config.publish;
    expect(feed.provider).toBe('generic');
    expect(checkUpdateUrl(feed.url)).toBe(feed.url);
    expect(checkUpdateChannel(feed.channel)).toBe('latest');
  });

  it('is off in development, without an installer feed, and for an unsigned Windows installer; the updater is never touched', () => {
    let created = 0;
    const counting = () => {
      created += 1;
      return updater;
    };
    expect(createAutoUpdate(options({ isPackaged: false, updater: counting })).port).toBeNull();
    expect(createAutoUpdate(options({ resourcesPath: undefined, updater: counting })).port).toBeNull();
    rmSync(path.join(resources, 'app-update.yml'));
    expect(createAutoUpdate(options({ updater: counting, env: { POS_UPDATE_URL: 'https://updates.example.com/pos' } })).port).toBeNull();
    writeFileSync(path.join(resources, 'app-update.yml'), BAKED);
    expect(createAutoUpdate(options({ platform: 'win32', updater: counting })).port).toBeNull();
    expect(created).toBe(0);
    expect(lines).toEqual([
      '[chamra] updates off: development build (not packaged).',
      '[chamra] updates off: this installer was built without an update feed (electron-builder.yml publish).',
      '[chamra] updates off: this installer was built without an update feed (electron-builder.yml publish).',
      '[chamra] updates off: this installer is not code-signed (no publisherName in app-update.yml), so updates could not be verified.',
    ]);
  });

  it('is on for a signed Windows installer and for Linux and macOS installers with a feed, downloading by itself and never downgrading', () => {
    writeFileSync(path.join(resources, 'app-update.yml'), SIGNED);
    const windows = createAutoUpdate(options({ platform: 'win32' }));
    expect(windows.port?.status()).toEqual({
      available: true, state: 'idle', currentVersion: '0.1.0', readyVersion: null, percent: null, error: null, lastCheckedAt: null,
    } satisfies UpdateStatus);
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true, allowDowngrade: false, channel: null, feeds: [] });
    expect(createAutoUpdate(options({ platform: 'darwin' })).port).not.toBeNull();
    expect(lines.at(-1)).toBe('[chamra] updates on: the installer\'s feed.');
  });

  it('on Linux asks for no signature at all: an installer feed without publisherName is enough (HTTPS and the feed\'s sha512 are the only checks)', () => {
    writeFileSync(path.join(resources, 'app-update.yml'), BAKED);
    expect(BAKED).not.toMatch(/publisherName/);
    expect(createAutoUpdate(options({ platform: 'linux' })).port).not.toBeNull();
    // The same file on Windows keeps updates off: there the signature is what is checked.
    expect(createAutoUpdate(options({ platform: 'win32' })).port).toBeNull();
  });

  it('takes POS_UPDATE_URL and POS_UPDATE_CHANNEL over the installer\'s feed', () => {
    createAutoUpdate(options({ env: { POS_UPDATE_URL: 'https://updates.example.com/pos/', POS_UPDATE_CHANNEL: 'beta' } }));
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://updates.example.com/pos/', channel: 'beta' }]);
    expect(updater.allowDowngrade).toBe(false);
    const channelOnly = new FakeUpdater();
    createAutoUpdate(options({ env: { POS_UPDATE_CHANNEL: 'beta' }, updater: () => channelOnly }));
    expect(channelOnly).toMatchObject({ channel: 'beta', allowDowngrade: false, feeds: [] });
  });

  it('refuses a feed that is not https (except on this machine), carries a password or is no URL, and stays off saying why', () => {
    expect(checkUpdateUrl('https://updates.example.com/pos')).toBe('https://updates.example.com/pos');
    expect(checkUpdateUrl('http://127.0.0.1:8080/feed')).toBe('http://127.0.0.1:8080/feed');
    expect(checkUpdateUrl('http://localhost:8080/')).toBe('http://localhost:8080/');
    expect(checkUpdateUrl('http://[::1]:8080/')).toBe('http://[::1]:8080/');
    expect(() => checkUpdateUrl('http://updates.example.com/pos')).toThrow(
      'POS_UPDATE_URL must start with https:// (got http://updates.example.com): the till would install whatever an unencrypted connection hands it. Plain http:// is only accepted for 127.0.0.1, ::1 or localhost.',
    );
    expect(() => checkUpdateUrl('http://127.0.0.1.example.com/')).toThrow(/must start with https:\/\//);
    expect(() => checkUpdateUrl('ftp://updates.example.com/')).toThrow(/got ftp:\/\/updates\.example\.com/);
    expect(() => checkUpdateUrl('https://it:s3cret@updates.example.com/')).toThrow('POS_UPDATE_URL must not contain a user name or password: the update feed is read without one.');
    expect(() => checkUpdateUrl('updates.example.com')).toThrow('POS_UPDATE_URL is not a URL (expected e.g. https://updates.example.com/pos).');
    expect(checkUpdateChannel('beta-2')).toBe('beta-2');
    expect(() => checkUpdateChannel('../latest')).toThrow(/POS_UPDATE_CHANNEL must be a short name/);

    let created = 0;
    const result = createAutoUpdate(options({ env: { POS_UPDATE_URL: 'https://it:s3cret@updates.example.com/' }, updater: () => (created++, updater) }));
    expect(result.port).toBeNull();
    expect(created).toBe(0);
    expect(lines).toEqual(['[chamra] updates off: POS_UPDATE_URL must not contain a user name or password: the update feed is read without one.']);
    expect(lines.join('\n')).not.toContain('s3cret');
  });
});

describe('the status the till is told', () => {
  function started() {
    const update = createAutoUpdate(options());
    const seen: UpdateStatus[] = [];
    update.port!.onChange((status) => seen.push(status));
    return { update, port: update.port!, seen };
  }

  it('follows electron-updater from checking through the download to ready with its version', () => {
    const { port, seen } = started();
    updater.emit('checking-for-update');
    updater.emit('update-available', { version: '0.2.0' });
    for (const percent of [0.4, 12.2, 12.9, 57.5, 100]) updater.emit('download-progress', { percent, transferred: 0, total: 0, bytesPerSecond: 0, delta: 0 });
    updater.emit('update-downloaded', { version: '0.2.0', downloadedFile: '/tmp/x' });

    expect(seen.map((s) => [s.state, s.percent, s.readyVersion])).toEqual([
      ['checking', null, null],
      ['downloading', 0, null],
      // 0.4 % is still 0: no event; 12.2 and 12.9 are one.
      ['downloading', 12, null],
      ['downloading', 57, null],
      ['downloading', 100, null],
      ['ready', null, '0.2.0'],
    ]);
    expect(port.status()).toEqual({
      available: true, state: 'ready', currentVersion: '0.1.0', readyVersion: '0.2.0', percent: null, error: null, lastCheckedAt: 1_700_000_000_000,
    } satisfies UpdateStatus);
    expect(lines).toContain('[chamra] update 0.2.0 downloaded; it installs between sales.');
  });

  it('goes back to idle when the feed has nothing newer', () => {
    const { port } = started();
    updater.emit('checking-for-update');
    updater.emit('update-not-available', { version: '0.1.0' });
    expect(port.status()).toMatchObject({ state: 'idle', lastCheckedAt: 1_700_000_000_000 });
  });

  it('says an error in one short line, without the credentials, query or fragment of any URL in it', () => {
    const { port, seen } = started();
    updater.emit('checking-for-update');
    updater.emit(
      'error',
      new Error('Cannot find latest.yml in the latest release artifacts (https://it:s3cret@updates.example.com/pos/latest.yml?token=abc123#x): HttpError: 404\n"method: GET url: https://updates.example.com/pos/latest.yml?token=abc123"\nheaders: {...}'),
    );
    const reason = 'Cannot find latest.yml in the latest release artifacts (https://updates.example.com/pos/latest.yml): HttpError: 404';
    expect(port.status()).toMatchObject({ state: 'error', error: reason, percent: null });
    expect(seen.at(-1)?.error).toBe(reason);
    expect(lines.join('\n')).not.toMatch(/s3cret|abc123/);
    expect(lines).toContain(`[chamra] update failed: ${reason}`);
    // Long messages are cut; a check afterwards clears the error.
    expect(shortUpdateReason(new Error('x'.repeat(500)))).toHaveLength(160);
    updater.emit('checking-for-update');
    expect(port.status()).toMatchObject({ state: 'checking', error: null });
  });

  it('passes electron-updater\'s own log lines through the same redaction', () => {
    started();
    updater.logger!.info('Checking for update from https://it:s3cret@updates.example.com/pos?token=abc');
    expect(lines.at(-1)).toBe('[chamra] updater: Checking for update from https://updates.example.com/pos');
  });
});

describe('when it checks', () => {
  it('checks soon after start, then every four hours or so, and stops once an update is ready', async () => {
    const update = createAutoUpdate(options({ random: () => 0.25 }));
    expect(timers.pending).toEqual([]);
    update.start();
    expect(timers.pending.map((t) => t.ms)).toEqual([FIRST_CHECK_MS + FIRST_CHECK_MS * 0.25]);
    timers.fire();
    expect(updater.checks).toBe(1);
    expect(timers.pending.map((t) => t.ms)).toEqual([CHECK_EVERY_MS + CHECK_JITTER_MS * 0.25]);
    // A failed check rejects (electron-updater also emits 'error', handled there): the next one still comes.
    updater.nextCheck = () => Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED'));
    timers.fire();
    expect(updater.checks).toBe(2);
    expect(timers.pending).toHaveLength(1);
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(timers.pending).toEqual([]);
  });

  it('stops checking at shutdown', () => {
    const update = createAutoUpdate(options());
    update.start();
    update.stop();
    expect(timers.pending).toEqual([]);
  });
});

describe('installing', () => {
  function ready() {
    const update = createAutoUpdate(options());
    updater.emit('update-downloaded', { version: '0.2.0' });
    return update.port!;
  }

  it('closes the core first, then hands over to the installer silently, restarting the till after', async () => {
    const port = ready();
    const installed = new Promise<void>((resolve) => (updater.onQuitAndInstall = () => (events.push('installer'), resolve())));
    port.install();
    await installed;
    expect(events).toEqual(['core closed', 'installer']);
    expect(updater.installs).toEqual([[true, true]]);
    expect(lines).toContain('[chamra] installing update 0.2.0.');
    // A second press while it goes does nothing more.
    port.install();
    expect(updater.installs).toHaveLength(1);
  });

  it('does nothing when no update is ready', () => {
    const update = createAutoUpdate(options());
    update.port!.install();
    expect(events).toEqual([]);
    expect(updater.installs).toEqual([]);
  });

  it('starts the till again on the version it has when the installer cannot start after the core closed', async () => {
    let restarted!: () => void;
    const restart = new Promise<void>((resolve) => (restarted = resolve));
    const update = createAutoUpdate(options({ restartWithoutInstall: () => (events.push('restarted'), restarted()) }));
    updater.emit('update-downloaded', { version: '0.2.0' });
    // electron-updater reports a failed install as an 'error' event from inside quitAndInstall.
    updater.onQuitAndInstall = () => updater.emit('error', new Error("No update filepath provided, can't quit and install"));
    update.port!.install();
    await restart;
    expect(events).toEqual(['core closed', 'restarted']);
  });

  it('installs on a normal quit between sales, never on a quit with a sale awaiting payment', async () => {
    const port = ready();
    port.coreClosing!(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(lines).toContain('[chamra] a sale is waiting for payment: the update does not install on this quit.');
    port.coreClosing!(false);
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });
});
