// Backups of the live ledger, restore with integrity checks, settings persisted in the ledger, and
// the audit trail of all of it, on a real core.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_SECRET_KEY } from '../../../electron/core/demo/embedded-simulator';
import type { PosCore } from '../../../electron/core/pos-core-types';
import type { AuditEntryView, BackupInfo, ShopSettings } from '../../../shared/manager-types';
import type { AppInfo } from '../../../shared/pos-contract';
import type { Sale } from '../../../shared/sale';
import { call, signedInContext, startTestCore, tempDataDir } from '../../support/core-harness';

const cores: PosCore[] = [];
async function core(dataDir = tempDataDir()): Promise<PosCore> {
  const started = await startTestCore({ dataDir });
  cores.push(started);
  await signedInContext(started);
  return started;
}
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

async function paymentIntentsCreated(pos: PosCore): Promise<number> {
  const response = await fetch(`${pos.simulatorUrl}/v1/events?type=payment_intent.created&limit=100`, { headers: { authorization: `Bearer ${DEMO_SECRET_KEY}` } });
  return ((await response.json()) as { data: unknown[] }).data.length;
}

async function paidSale(pos: PosCore, amount: number): Promise<Sale> {
  const sale = await call<Sale>(pos, 'sales.charge', { amount });
  return call<Sale>(pos, 'demo.simulate', { saleId: sale.id, outcome: 'succeed' });
}

describe('backup and restore', () => {
  it('backs up the live ledger to a chosen folder, checks it, and lists it', async () => {
    const pos = await core();
    await paidSale(pos, 5_000);
    const folder = path.join(tempDataDir(), 'usb-stick');
    const info = await call<BackupInfo>(pos, 'backup.run', { folder });
    expect(path.basename(info.file)).toMatch(/^chamra-ledger-\d{8}-\d{6}\.sqlite3$/);
    // `check` is the code screens word; `integrity` keeps SQLite's words for logs.
    expect(info).toMatchObject({ integrity: 'ok', check: 'ok', bytes: fs.statSync(info.file).size });
    await call(pos, 'settings.update', { backupFolder: folder });
    expect((await call<BackupInfo[]>(pos, 'backup.list', {})).map((b) => [b.file, b.check])).toEqual([[info.file, 'not_checked']]);
  });

  it('restores a backup into the running core, keeps a safety copy, and goes on selling', async () => {
    const pos = await core();
    const kept = await paidSale(pos, 5_000);
    const folder = path.join(tempDataDir(), 'backups');
    await call(pos, 'settings.update', { backupFolder: folder });
    const backup = await call<BackupInfo>(pos, 'backup.run', {});
    const lost = await paidSale(pos, 7_000);

    const restored = await call<BackupInfo>(pos, 'backup.restore', { file: backup.file });
    expect(restored).toMatchObject({ integrity: 'ok', check: 'ok' });
    const ids = (await call<Sale[]>(pos, 'sales.list', {})).map((s) => s.id);
    expect(ids).toEqual([kept.id]);
    expect(ids).not.toContain(lost.id);
    expect(fs.readdirSync(folder).some((name) => name.endsWith('-before-restore.sqlite3'))).toBe(true);
    const next = await paidSale(pos, 9_000);
    expect(next.status).toBe('succeeded');
    const audit = await call<AuditEntryView[]>(pos, 'audit.list', {});
    expect(audit.find((entry) => entry.action === 'backup.restore')).toMatchObject({ actor: 'Owner Somchai', detail: { file: backup.file } });
  });

  it('refuses charges while a restore runs (till and REST), loses nothing, and sells again afterwards', async () => {
    // Regression: the "no sale in progress" check ran before the slow safety copy and charges were not
    // blocked, so a sale started meanwhile was wiped by the restore.
    const pos = await core();
    const kept = await paidSale(pos, 5_000);
    await call(pos, 'settings.update', { backupFolder: path.join(tempDataDir(), 'backups') });
    const backup = await call<BackupInfo>(pos, 'backup.run', {});
    const context = await signedInContext(pos);

    const restoring = pos.dispatch('backup.restore', { file: backup.file }, context);
    const refused = await pos.dispatch('sales.charge', { amount: 6_000 }, context);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', field: 'maintenance' } });
    expect((refused as { ok: false; error: { message: string } }).error.message).toMatch(/^A restore is in progress/);
    await expect(pos.payments.charge({ amount: 6_000, source: 'api' })).rejects.toMatchObject({ code: 'conflict' });
    expect(await restoring).toMatchObject({ ok: true, value: { integrity: 'ok' } });

    expect((await call<Sale[]>(pos, 'sales.list', {})).map((s) => s.id)).toEqual([kept.id]);
    expect(await paymentIntentsCreated(pos)).toBe(1);
    const next = await call<Sale>(pos, 'sales.charge', { amount: 6_000 });
    expect(next.status).toBe('awaiting_payment');
  });

  it('settles the restored ledger from Stripe’s event log before taking charges again', async () => {
    const pos = await core();
    const waiting = await call<Sale>(pos, 'sales.charge', { amount: 4_000 });
    await call(pos, 'settings.update', { backupFolder: path.join(tempDataDir(), 'backups') });
    const backup = await call<BackupInfo>(pos, 'backup.run', {});
    // Paid after the backup: the backup still has it waiting.
    await call<Sale>(pos, 'demo.simulate', { saleId: waiting.id, outcome: 'succeed' });
    await fetch(`${pos.simulatorUrl}/_sim/stats/reset`, { method: 'POST' });

    await call<BackupInfo>(pos, 'backup.restore', { file: backup.file });
    expect(await call<Sale>(pos, 'sales.get', { saleId: waiting.id })).toMatchObject({ status: 'succeeded' });
    const stats = (await (await fetch(`${pos.simulatorUrl}/_sim/stats`)).json()) as { requests: Record<string, number> };
    const routes = Object.keys(stats.requests);
    expect(routes.some((route) => route.startsWith('GET /v1/events'))).toBe(true);
    // The event log named the sale; its one proof read (a log entry is a hint) is all that was read back.
    expect(stats.requests['GET /v1/payment_intents/:intent'] ?? 0).toBeLessThanOrEqual(1);
  });

  it('refuses a damaged or foreign file and changes nothing', async () => {
    const pos = await core();
    const sale = await paidSale(pos, 5_000);
    // Named like a backup and in the backups folder: only its contents give it away.
    const dir = path.join(pos.config.dataDir, 'backups');
    fs.mkdirSync(dir, { recursive: true });
    const junk = path.join(dir, 'chamra-ledger-20260308-120000.sqlite3');
    fs.writeFileSync(junk, 'not a database at all'.repeat(100));
    const result = await pos.dispatch('backup.restore', { file: junk }, await signedInContext(pos));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'chamra-ledger-20260308-120000.sqlite3 is not a SQLite ledger (or is damaged beyond checking). Nothing was restored.' } });
    expect((await call<Sale[]>(pos, 'sales.list', {})).map((s) => s.id)).toEqual([sale.id]);
    const audit = await call<AuditEntryView[]>(pos, 'audit.list', { limit: 1 });
    expect(audit[0].action).toBe('backup.restore_refused');
  });
});

describe('settings', () => {
  it('persist in the ledger across restarts, override the config, and are audited', async () => {
    const dataDir = tempDataDir();
    const pos = await core(dataDir);
    const updated = await call<ShopSettings>(pos, 'settings.update', { shopName: 'ร้านข้าวแกง', timeZone: 'UTC', qrTimeoutSeconds: 120 });
    expect(updated).toMatchObject({ shopName: 'ร้านข้าวแกง', timeZone: 'UTC', qrTimeoutSeconds: 120 });
    expect(await call<AppInfo>(pos, 'app.info', {})).toMatchObject({ shopName: 'ร้านข้าวแกง', qrTimeoutSeconds: 120 });
    const sale = await call<Sale>(pos, 'sales.charge', { amount: 2_000 });
    expect(sale.qrExpiresAt! - sale.updatedAt).toBe(120_000);
    const audit = await call<AuditEntryView[]>(pos, 'audit.list', { limit: 5 });
    expect(audit.find((a) => a.action === 'settings.update')?.detail).toMatchObject({ timeZone: { from: 'Asia/Bangkok', to: 'UTC' } });
    await pos.close();
    cores.splice(cores.indexOf(pos), 1);

    const again = await core(dataDir);
    expect(await call<ShopSettings>(again, 'settings.get', {})).toMatchObject({ shopName: 'ร้านข้าวแกง', timeZone: 'UTC', qrTimeoutSeconds: 120 });
  });

  it('refuses an unknown time zone with a clear message', async () => {
    const pos = await core();
    expect(await pos.dispatch('settings.update', { timeZone: 'Mars/Olympus' }, await signedInContext(pos))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'timeZone: not a known time zone (e.g. Asia/Bangkok)' },
    });
  });
});
