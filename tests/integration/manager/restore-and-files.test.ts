// Restore takes only a ledger exactly as our migrations make it, from the backups folder; the trail of
// what happened survives a restore; the till's files are its user's alone; old PIN hashes grow stronger.
// The attacker: a manager (not the owner) who prepares a backup file and waits for the owner to restore it.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, scryptSync } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { ExportService, EXPORT_KEEP_MS } from '../../../electron/core/exports/export-service';
import { AuditLog, AUDIT_TRAIL_FILE } from '../../../electron/core/ledger/audit-log';
import { openLedger } from '../../../electron/core/ledger/open-ledger';
import type { PosCore } from '../../../electron/core/pos-core-types';
import type { AuditEntryView, AuthStatus, BackupInfo, Cashier, ExportJob, ShopSettings } from '../../../shared/manager-types';
import type { Sale } from '../../../shared/sale';
import { call, signedInContext, tempDataDir, useTestCores } from '../../support/core-harness';

// Each PIN typed or set costs a 128 MiB scrypt (OWASP's cost): several in one test take seconds on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

const core = useTestCores();
const ledgerFile = (pos: PosCore) => path.join(pos.config.dataDir, 'ledger.sqlite3');

async function paidSale(pos: PosCore, amount: number): Promise<Sale> {
  const sale = await call<Sale>(pos, 'sales.charge', { amount });
  return call<Sale>(pos, 'demo.simulate', { saleId: sale.id, outcome: 'succeed' });
}

/** A backup the till made, then altered with `sql` (what a manager with the file and a SQLite tool can do). */
async function tamperedBackup(pos: PosCore, sql: string): Promise<string> {
  const backup = await call<BackupInfo>(pos, 'backup.run', {});
  const db = new Database(backup.file);
  db.exec(sql);
  db.close();
  return backup.file;
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('restore accepts only a ledger exactly as the migrations make it', () => {
  it.each([
    ['a trigger that marks every new sale paid', "CREATE TRIGGER paid_anyway AFTER INSERT ON sales BEGIN UPDATE sales SET status = 'succeeded' WHERE id = NEW.id; END;", 'unexpected trigger paid_anyway'],
    ['a view', 'CREATE VIEW takings AS SELECT sum(amount) FROM sales;', 'unexpected view takings'],
    ['a table', 'CREATE TABLE notes (body TEXT);', 'unexpected table notes'],
    ['an index', 'CREATE INDEX sales_by_email ON sales (email);', 'unexpected index sales_by_email'],
    ['a dropped index', 'DROP INDEX sales_by_created;', 'missing or changed index sales_by_created'],
  ])('refuses a backup with %s, and changes nothing', async (_what, sql, why) => {
    const pos = await core();
    const kept = await paidSale(pos, 5_000);
    const file = await tamperedBackup(pos, sql);
    const later = await paidSale(pos, 7_000);
    expect(await pos.dispatch('backup.restore', { file }, await signedInContext(pos))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: `${path.basename(file)} is not a ledger as Chamra POS makes it (${why}). Nothing was restored.` },
    });
    expect((await call<Sale[]>(pos, 'sales.list', {})).map((s) => s.id)).toEqual([later.id, kept.id]);
    const schema = new Database(ledgerFile(pos), { readonly: true });
    // Only the triggers the migrations make (a Z report never changes, …); no view, nothing the backup added.
    const fresh = openLedger(':memory:');
    const made = fresh.prepare("SELECT name FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY name").pluck().all();
    fresh.close();
    expect(made).toContain('z_reports_never_change');
    expect(schema.prepare("SELECT name FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY name").pluck().all()).toEqual(made);
    schema.close();
  });

  it('restores an untouched backup (the schema check passes what the till itself made)', async () => {
    const pos = await core();
    const kept = await paidSale(pos, 5_000);
    const backup = await call<BackupInfo>(pos, 'backup.run', {});
    await paidSale(pos, 7_000);
    await call(pos, 'backup.restore', { file: path.basename(backup.file) });
    expect((await call<Sale[]>(pos, 'sales.list', {})).map((s) => s.id)).toEqual([kept.id]);
  });

  it('restores only from the backups folder, by a backup name, and never through a link', async () => {
    const pos = await core();
    const backup = await call<BackupInfo>(pos, 'backup.run', {});
    const folder = path.dirname(backup.file);
    const elsewhere = path.join(tempDataDir(), path.basename(backup.file));
    fs.copyFileSync(backup.file, elsewhere);
    const renamed = path.join(folder, 'ledger.sqlite3');
    fs.copyFileSync(backup.file, renamed);
    const link = path.join(folder, 'chamra-ledger-20260101-000000.sqlite3');
    fs.symlinkSync(elsewhere, link);
    const owner = await signedInContext(pos);
    for (const file of [elsewhere, renamed, path.join(folder, '..', 'ledger.sqlite3'), `${folder}/../${path.basename(folder)}/../x/${path.basename(backup.file)}`]) {
      expect(await pos.dispatch('backup.restore', { file }, owner), file).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringMatching(/^Only a backup in the backups folder \(.*\), named like chamra-ledger-YYYYMMDD-HHMMSS\.sqlite3, can be restored\. Nothing was restored\.$/) },
      });
    }
    expect(await pos.dispatch('backup.restore', { file: link }, owner)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'chamra-ledger-20260101-000000.sqlite3 is not a plain file (a link or folder). Nothing was restored.' } });
  });

  it('refuses a network (UNC) or relative backup folder', async () => {
    const pos = await core();
    const before = await call<ShopSettings>(pos, 'settings.get', {});
    for (const folder of ['\\\\fileserver\\share\\backups', '//fileserver/share/backups', 'backups', './backups', '..\\backups']) {
      expect(await pos.dispatch('settings.update', { backupFolder: folder }, await signedInContext(pos)), folder).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'folder' } });
      expect(await pos.dispatch('backup.run', { folder }, await signedInContext(pos)), folder).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'folder' } });
    }
    expect(await call<ShopSettings>(pos, 'settings.get', {})).toEqual(before);
  });
});

describe('the audit trail outside the ledger', () => {
  it('keeps what a restore wipes from the ledger, append only', async () => {
    const pos = await core();
    const backup = await call<BackupInfo>(pos, 'backup.run', {});
    const owner = await signedInContext(pos);
    await call<Cashier>(pos, 'cashiers.create', { name: 'Ghost Manager', pin: '7777', role: 'manager' }, owner);
    await call(pos, 'backup.restore', { file: backup.file }, owner);
    const inLedger = await call<AuditEntryView[]>(pos, 'audit.list', { limit: 500 });
    expect(inLedger.some((entry) => entry.action === 'cashier.create')).toBe(false);
    const trail = fs.readFileSync(path.join(pos.config.dataDir, AUDIT_TRAIL_FILE), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { action: string; detail: { name?: string } });
    const actions = trail.map((entry) => entry.action);
    expect(trail.find((entry) => entry.action === 'cashier.create')?.detail.name).toBe('Ghost Manager');
    expect(actions.indexOf('cashier.create')).toBeLessThan(actions.lastIndexOf('backup.restore'));
    expect(mode(path.join(pos.config.dataDir, AUDIT_TRAIL_FILE))).toBe(0o600);
  });

  it('writes every audit entry to both, never a PIN', () => {
    const dir = tempDataDir();
    const db = openLedger(path.join(dir, 'ledger.sqlite3'));
    const audit = new AuditLog(db);
    audit.record({ actor: 'Owner', action: 'cashier.update', detail: { changed: ['pin'] } }, 1_000);
    audit.record({ actor: 'Owner', action: 'settings.update', detail: { shopName: { from: 'a', to: 'b' } } }, 2_000);
    db.close();
    expect(fs.readFileSync(path.join(dir, AUDIT_TRAIL_FILE), 'utf8')).toBe(
      '{"at":1000,"actor":"Owner","action":"cashier.update","saleId":null,"detail":{"changed":["pin"]}}\n' +
        '{"at":2000,"actor":"Owner","action":"settings.update","saleId":null,"detail":{"shopName":{"from":"a","to":"b"}}}\n',
    );
  });
});

describe("the till's files are its user's alone", () => {
  it('data dir, ledger (and its WAL), backups and exports: 0700 folders, 0600 files', async () => {
    const pos = await core();
    await paidSale(pos, 5_000);
    const backup = await call<BackupInfo>(pos, 'backup.run', {});
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(Date.now());
    const job = await call<ExportJob>(pos, 'reports.export', { from: today, to: today, format: 'csv' });
    let done = job;
    while (done.status === 'running') {
      await new Promise((resolve) => setImmediate(resolve));
      done = await call<ExportJob>(pos, 'reports.exportStatus', { jobId: job.id });
    }
    const dataDir = pos.config.dataDir;
    expect(mode(dataDir)).toBe(0o700);
    for (const file of [ledgerFile(pos), `${ledgerFile(pos)}-wal`, backup.file, done.filePath!]) expect(mode(file), file).toBe(0o600);
    for (const folder of [path.dirname(backup.file), path.dirname(done.filePath!)]) expect(mode(folder), folder).toBe(0o700);
  });

  it('tightens a data dir and ledger that an older version left readable by everyone', () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'ledger.sqlite3');
    openLedger(file).close();
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(file, 0o644);
    openLedger(file).close();
    expect([mode(dir), mode(file)]).toEqual([0o700, 0o600]);
  });
});

describe('exports are cleaned up', () => {
  it("deletes a browser's download and forgets the job an hour after it finished; keeps the desktop's file", async () => {
    const dir = tempDataDir();
    const db = openLedger(path.join(dir, 'ledger.sqlite3'));
    let now = Date.UTC(2026, 2, 8);
    const finished: ExportJob[] = [];
    const service = new ExportService({
      db, audit: new AuditLog(db), exportDir: path.join(dir, 'exports'), shopName: () => 'Shop', timeZone: () => 'Asia/Bangkok',
      onProgress: (job) => (job.status !== 'running' ? finished.push(job) : undefined), now: () => now,
    });
    const range = { from: '2026-03-08', to: '2026-03-08', format: 'csv' as const };
    const browser = service.start(range, { clientKey: 'http:a', actor: null, desktop: false });
    const desktop = service.start(range, { clientKey: 'ipc:a', actor: null, desktop: true });
    await service.close();
    expect(finished.map((job) => job.status)).toEqual(['done', 'done']);
    const browserFile = service.fileFor(browser.id, 'http:a')!.file;
    const desktopFile = service.status(desktop.id, 'ipc:a').filePath!;
    now += EXPORT_KEEP_MS - 1;
    expect(service.fileFor(browser.id, 'http:a')).not.toBeNull();
    now += 1;
    expect(service.fileFor(browser.id, 'http:a')).toBeNull();
    expect(() => service.status(browser.id, 'http:a')).toThrow(/No export/);
    expect(fs.existsSync(browserFile)).toBe(false);
    expect(fs.existsSync(desktopFile)).toBe(true);
    // A restart removes browser downloads (and half-written files) left behind.
    fs.writeFileSync(path.join(dir, 'exports', 'exp_leftover123456-chamra-sales-2026-03-08.csv'), 'x');
    fs.writeFileSync(path.join(dir, 'exports', 'chamra-sales-2026-03-08-exp_x.csv.part'), 'x');
    const restarted = new ExportService({ db, audit: new AuditLog(db), exportDir: path.join(dir, 'exports'), shopName: () => 'Shop', timeZone: () => 'Asia/Bangkok', onProgress: () => undefined });
    await restarted.close();
    expect(fs.readdirSync(path.join(dir, 'exports'))).toEqual([path.basename(desktopFile)]);
    db.close();
  });
});

describe('PIN hashes from an older version', () => {
  it('are replaced by the current cost at the next right sign-in, and the PIN keeps working', async () => {
    const pos = await core();
    const owner = await signedInContext(pos);
    const cashier = await call<Cashier>(pos, 'cashiers.create', { name: 'Nok', pin: '4321', role: 'cashier' }, owner);
    const salt = randomBytes(16);
    const old = ['scrypt', 2 ** 15, 8, 1, salt.toString('base64url'), scryptSync('4321', salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 << 20 }).toString('base64url')].join('$');
    const db = new Database(ledgerFile(pos));
    db.prepare('UPDATE cashiers SET pin_hash = ? WHERE id = ?').run(old, cashier.cashierId);
    const stored = () => (db.prepare('SELECT pin_hash FROM cashiers WHERE id = ?').get(cashier.cashierId) as { pin_hash: string }).pin_hash;
    expect((await call<AuthStatus>(pos, 'auth.signIn', { cashierId: cashier.cashierId, pin: '4321' }, { transport: 'http', clientKey: 'http:nok' })).user?.name).toBe('Nok');
    expect(stored()).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect((await call<AuthStatus>(pos, 'auth.signIn', { cashierId: cashier.cashierId, pin: '4321' }, { transport: 'http', clientKey: 'http:nok2' })).user?.name).toBe('Nok');
    db.close();
  });
});
