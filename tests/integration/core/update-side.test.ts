// An update never restarts the till under a sale: the real core (ledger, embedded stripe-sim, Stripe
// SDK) with the desktop shell's real updater port, only electron-updater itself stood in for.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAutoUpdate } from '../../../electron/app/auto-update';
import { loadCoreConfig } from '../../../electron/core/config/core-config';
import { AUDIT_TRAIL_FILE } from '../../../electron/core/ledger/audit-log';
import type { PosCore } from '../../../electron/core/pos-core-types';
import { startCore } from '../../../electron/core/start-core';
import type { PosEvent } from '../../../shared/pos-contract';
import type { UpdateStatus } from '../../../shared/setup';
import { call, fastPolling, fastRefundPolling, signedInContext, simControl, tempDataDir, waitForSale } from '../../support/core-harness';
import { FakeUpdater, ManualTimers } from '../../unit/electron-app/support/fake-updater';

let resources: string;
let updater: FakeUpdater;
let pos: PosCore | null;
let closes: number;
let dataDir: string;

beforeEach(() => {
  resources = mkdtempSync(path.join(os.tmpdir(), 'chamra-resources-'));
  writeFileSync(path.join(resources, 'app-update.yml'), 'provider: generic\nurl: https://updates.example.com/pos\nupdaterCacheDirName: chamra-pos-updater\n');
  updater = new FakeUpdater();
  pos = null;
  closes = 0;
});
afterEach(async () => {
  if (pos && closes === 0) await pos.close();
  rmSync(resources, { recursive: true, force: true });
});

/** The core as the desktop shell starts it: its updates port closes the core before installing. */
async function desktopCore(): Promise<PosCore> {
  const update = createAutoUpdate({
    isPackaged: true,
    platform: 'linux',
    env: {},
    resourcesPath: resources,
    version: '0.1.0',
    updater: () => updater,
    log: () => undefined,
    closeForInstall: async () => {
      closes += 1;
      await pos!.close();
    },
    restartWithoutInstall: () => undefined,
    timers: new ManualTimers(),
  });
  dataDir = tempDataDir();
  const config = loadCoreConfig({}, { dataDir, httpPort: 0, simPort: null });
  pos = await startCore(config, { pollSchedule: fastPolling, refundPollDelayMs: fastRefundPolling, log: () => undefined, updates: update.port! });
  await signedInContext(pos);
  return pos;
}

function nextUpdateEvent(core: PosCore, state: UpdateStatus['state']): Promise<UpdateStatus> {
  return new Promise((resolve) => {
    const stop = core.subscribe((event: PosEvent) => {
      if (event.type === 'updates.updated' && event.data.state === state) {
        stop();
        resolve(event.data);
      }
    });
  });
}

describe('updates.install', () => {
  it('is refused while a sale waits for payment and installs once it is paid, after the core has closed', async () => {
    const core = await desktopCore();
    expect(await call<UpdateStatus>(core, 'updates.status', {})).toMatchObject({ available: true, state: 'idle', currentVersion: '0.1.0', readyVersion: null });
    const nothingReady = await core.dispatch('updates.install', {}, await signedInContext(core));
    expect(nothingReady).toMatchObject({ ok: false, error: { code: 'conflict', message: 'No update is ready to install.' } });

    const ready = nextUpdateEvent(core, 'ready');
    updater.emit('update-downloaded', { version: '0.2.0', downloadedFile: '/tmp/chamra-0.2.0' });
    expect(await ready).toMatchObject({ state: 'ready', readyVersion: '0.2.0' });

    const sale = await call(core, 'sales.charge', { amount: 12_345, description: 'Khao man gai' });
    expect(sale.status).toBe('awaiting_payment');
    const refused = await core.dispatch('updates.install', {}, await signedInContext(core));
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'A sale is waiting for payment: the update installs once it is finished.', details: { setupProblem: 'sale_in_progress' } },
    });
    expect(closes).toBe(0);
    expect(updater.installs).toEqual([]);

    const paid = waitForSale(core, sale.id, (s) => s.status === 'succeeded');
    await simControl(core, sale.paymentIntentId!, 'succeed');
    await paid;
    const installed = new Promise<void>((resolve) => (updater.onQuitAndInstall = resolve));
    const accepted = await call<UpdateStatus>(core, 'updates.install', {});
    expect(accepted).toMatchObject({ state: 'ready', readyVersion: '0.2.0' });
    await installed;
    expect(closes).toBe(1);
    expect(updater.installs).toEqual([[true, true]]);
    // The core is closed by now: the append-only trail beside the ledger says who installed what.
    const trail = readFileSync(path.join(dataDir, AUDIT_TRAIL_FILE), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { action: string; detail: unknown });
    expect(trail.filter((entry) => entry.action === 'updates.install')).toMatchObject([{ detail: { from: '0.1.0', to: '0.2.0' } }]);
  });

  it('is a manager\'s to install: a cashier is refused and nothing closes', async () => {
    const core = await desktopCore();
    updater.emit('update-downloaded', { version: '0.2.0', downloadedFile: '/tmp/chamra-0.2.0' });
    const cashier = await call<{ cashierId: string }>(core, 'cashiers.create', { name: 'Cashier Nok', pin: '1357', role: 'cashier' });
    const context = { transport: 'ipc' as const, clientKey: 'ipc:update-cashier' };
    await call(core, 'auth.signIn', { cashierId: cashier.cashierId, pin: '1357' }, context);
    // A cashier sees that an update is ready (the strip), but installing it is a manager's.
    expect(await call<UpdateStatus>(core, 'updates.status', {}, context)).toMatchObject({ state: 'ready', readyVersion: '0.2.0' });
    expect(await core.dispatch('updates.install', {}, context)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(closes).toBe(0);
    expect(updater.installs).toEqual([]);
  });

  it('does not install on a quit while a sale waits for payment', async () => {
    const core = await desktopCore();
    updater.emit('update-downloaded', { version: '0.2.0', downloadedFile: '/tmp/chamra-0.2.0' });
    await call(core, 'sales.charge', { amount: 5_000, description: 'Cha yen' });
    await core.close();
    closes += 1;
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });

  it('installs on a quit between sales', async () => {
    const core = await desktopCore();
    updater.emit('update-downloaded', { version: '0.2.0', downloadedFile: '/tmp/chamra-0.2.0' });
    updater.autoInstallOnAppQuit = false; // so the close is what turns it on
    await core.close();
    closes += 1;
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });

  it('says available: false where the shell has no updater (browser mode, development)', async () => {
    dataDir = tempDataDir();
  const config = loadCoreConfig({}, { dataDir, httpPort: 0, simPort: null });
    pos = await startCore(config, { pollSchedule: fastPolling, refundPollDelayMs: fastRefundPolling, log: () => undefined });
    await signedInContext(pos);
    expect(await call<UpdateStatus>(pos, 'updates.status', {})).toMatchObject({ available: false, state: 'idle', readyVersion: null });
  });
});
