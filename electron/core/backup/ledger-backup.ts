// Online backups of the SQLite ledger with SQLite's backup API (consistent while the till keeps
// selling), checked with PRAGMA integrity_check; and restore, which verifies a backup, keeps a safety
// copy of the current ledger, then copies the backup into the live ledger file through the same API,
// so the core's open connection simply sees the restored data and keeps working.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupCheck, BackupInfo } from '../../../shared/manager-types';
import { PosError } from '../../../shared/pos-error';
import { MIGRATIONS } from '../ledger/migrations';
import { openLedger, restrictToOwner, type LedgerDb } from '../ledger/open-ledger';
import { localParts } from '../reports/business-day';

const BACKUP_NAME = /^chamra-ledger-\d{8}-\d{6}(-\d+)?(-before-restore)?\.sqlite3$/;

/**
 * A backup folder must be an absolute local path: a relative one would move with the working
 * directory, and a UNC path (\\server\share, //server/share) would send the ledger over the network
 * (and on Windows, leak the user's credentials to whoever answers).
 */
export function checkBackupFolder(folder: string): string {
  if (/^(\\\\|\/\/)/.test(folder)) {
    throw new PosError('invalid_input', 'folder: a network (UNC) path cannot hold backups; choose a folder on this computer or a drive plugged into it.', 'folder');
  }
  if (!path.isAbsolute(folder)) throw new PosError('invalid_input', 'folder: give the full path of the backup folder (e.g. /media/usb/backups or D:\\Backups).', 'folder');
  return path.resolve(folder);
}

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** The schema objects SQLite keeps for a ledger, except the planner's statistics (sqlite_stat*). */
function schemaOf(db: Database.Database): string[] {
  const rows = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name").all() as SchemaObject[];
  return rows.map((row) => JSON.stringify([row.type, row.name, row.tbl_name, row.sql]));
}

/** The schema that exactly these migrations create, built fresh in memory. */
function expectedSchema(versions: readonly number[]): string[] {
  const fresh = openLedger(':memory:', MIGRATIONS.filter((m) => versions.includes(m.version)));
  try {
    return schemaOf(fresh);
  } finally {
    fresh.close();
  }
}

export function backupFileName(epochMs: number, timeZone: string, suffix = ''): string {
  const { date, time } = localParts(epochMs, timeZone);
  return `chamra-ledger-${date.replaceAll('-', '')}-${time.replaceAll(':', '')}${suffix}.sqlite3`;
}

/** Opens a ledger file read-only and checks it is whole and from a schema this app knows. */
export function verifyLedgerFile(file: string): { integrity: string } {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new PosError('invalid_input', `${path.basename(file)} cannot be opened as a Chamra ledger.`, 'file');
  }
  try {
    let rows: { integrity_check: string }[];
    try {
      rows = db.pragma('integrity_check') as { integrity_check: string }[];
    } catch {
      throw new PosError('invalid_input', `${path.basename(file)} is not a SQLite ledger (or is damaged beyond checking). Nothing was restored.`, 'file');
    }
    const integrity = rows.map((row) => row.integrity_check).join('; ');
    if (integrity !== 'ok') throw new PosError('invalid_input', `The backup is damaged (integrity check: ${integrity.slice(0, 200)}). Nothing was restored.`, 'file');
    let applied: { version: number; name: string }[];
    try {
      applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
    } catch {
      throw new PosError('invalid_input', `${path.basename(file)} is not a Chamra ledger (no migrations table). Nothing was restored.`, 'file');
    }
    const known = new Map(MIGRATIONS.map((m) => [m.version, m.name]));
    const unknown = applied.find((row) => known.get(row.version) !== row.name);
    if (unknown) throw new PosError('invalid_input', `The backup was made by a newer or different Chamra POS (migration ${unknown.version} ${unknown.name}). Nothing was restored.`, 'file');
    if (applied.length === 0) throw new PosError('invalid_input', `${path.basename(file)} is an empty ledger. Nothing was restored.`, 'file');
    // Exactly what our migrations make, nothing more: a trigger, view, table or index added to a backup
    // would run inside the live ledger (a trigger on sales could rewrite every sale as paid).
    const actual = schemaOf(db);
    const expected = expectedSchema(applied.map((row) => row.version));
    const extra = actual.filter((item) => !expected.includes(item));
    const missing = expected.filter((item) => !actual.includes(item));
    if (extra.length > 0 || missing.length > 0) {
      const [type, name] = JSON.parse(extra[0] ?? missing[0]) as [string, string];
      throw new PosError('invalid_input', `${path.basename(file)} is not a ledger as Chamra POS makes it (${extra.length > 0 ? 'unexpected' : 'missing or changed'} ${type} ${name}). Nothing was restored.`, 'file');
    }
    return { integrity };
  } finally {
    db.close();
  }
}

/** Two backups within one second get -2, -3 … rather than overwriting each other. */
function unusedPath(file: string): string {
  let candidate = file;
  for (let n = 2; fs.existsSync(candidate); n++) candidate = file.replace(/(-before-restore)?\.sqlite3$/, `-${n}$1.sqlite3`);
  return candidate;
}

/** SQLite's integrity_check answer as the code screens word. */
function checkOf(integrity: string): BackupCheck {
  return integrity === 'ok' ? 'ok' : 'damaged';
}

async function backupTo(db: LedgerDb, wanted: string): Promise<BackupInfo> {
  fs.mkdirSync(path.dirname(wanted), { recursive: true, mode: 0o700 });
  const file = unusedPath(wanted);
  const partial = `${file}.part`;
  // Created empty with the owner-only mode first, so the copy is never readable by others, even briefly.
  fs.closeSync(fs.openSync(partial, 'w', 0o600));
  await db.backup(partial);
  restrictToOwner(partial);
  const { integrity } = verifyLedgerFile(partial);
  fs.renameSync(partial, file);
  return { file, bytes: fs.statSync(file).size, createdAt: Date.now(), integrity, check: checkOf(integrity) };
}

export interface LedgerBackupOptions {
  db: LedgerDb;
  ledgerFile: string;
  defaultFolder: string;
  folder: () => string | null;
  timeZone: () => string;
  /** True while a sale is between charge and a final status: a restore would lose it. */
  saleInProgress: () => boolean;
  /** Caches to refresh after a restore (settings, sessions, refund polling). */
  onRestored: () => Promise<void> | void;
  now?: () => number;
}

/** Why charges are refused while a restore runs (sales.charge and the REST API answer 409 conflict with it). */
export const RESTORE_IN_PROGRESS = 'A restore is in progress: new sales can start again as soon as it has finished. Nothing was charged.';

export class LedgerBackup {
  private busy: Promise<unknown> = Promise.resolve();
  /** Restores asked for and not finished: while > 0 the till is in maintenance and takes no charges. */
  private restoring = 0;
  constructor(private readonly options: LedgerBackupOptions) {}

  /** True from the moment a restore is asked for until it has finished (or been refused). */
  restoreInProgress(): boolean {
    return this.restoring > 0;
  }

  folder(): string {
    return this.options.folder() ?? this.options.defaultFolder;
  }

  /** One backup at a time; a scheduled one and a manager's never interleave. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.busy.then(work, work);
    this.busy = next.catch(() => undefined);
    return next;
  }

  run(folder?: string): Promise<BackupInfo> {
    return this.serial(async () => {
      const target = folder === undefined ? path.resolve(this.folder()) : checkBackupFolder(folder);
      const now = (this.options.now ?? Date.now)();
      try {
        return await backupTo(this.options.db, path.join(target, backupFileName(now, this.options.timeZone())));
      } catch (error) {
        if (error instanceof PosError) throw error;
        throw new PosError('invalid_input', `The backup could not be written to ${target}: ${(error as Error).message}`, 'folder');
      }
    });
  }

  list(): BackupInfo[] {
    const folder = this.folder();
    if (!fs.existsSync(folder)) return [];
    return fs
      .readdirSync(folder)
      .filter((name) => BACKUP_NAME.test(name))
      .map((name) => {
        const stat = fs.statSync(path.join(folder, name));
        return { file: path.join(folder, name), bytes: stat.size, createdAt: stat.mtimeMs, integrity: 'not checked', check: 'not_checked' as const };
      })
      .sort((a, b) => b.file.localeCompare(a.file));
  }

  /**
   * Replaces the ledger's contents with a backup. The till is in maintenance from this call until the
   * restore has finished (charges are refused, synchronously, before any await), so no sale can start
   * while the ledger is being replaced; and "no sale in progress" is checked again right before the
   * copy, after the slow safety backup.
   */
  restore(file: string): Promise<BackupInfo> {
    this.restoring += 1;
    return this.serial(async () => {
      const source = this.backupInFolder(file);
      this.refuseWhileSelling();
      const { integrity } = verifyLedgerFile(source);
      const now = (this.options.now ?? Date.now)();
      // The ledger as it is now, in case the restore was a mistake.
      const safety = await backupTo(this.options.db, path.join(this.folder(), backupFileName(now, this.options.timeZone(), '-before-restore')));
      try {
        this.refuseWhileSelling();
      } catch (error) {
        fs.rmSync(safety.file, { force: true });
        throw error;
      }
      const backup = new Database(source, { readonly: true, fileMustExist: true });
      try {
        await backup.backup(this.options.ledgerFile);
      } finally {
        backup.close();
      }
      // An older backup gets this version's later migrations, exactly as at start.
      openLedger(this.options.ledgerFile).close();
      // Still in maintenance: the restored ledger's unfinished sales are settled with Stripe first.
      await this.options.onRestored();
      return { file: source, bytes: fs.statSync(source).size, createdAt: now, integrity, check: checkOf(integrity) };
    }).finally(() => {
      this.restoring -= 1;
    });
  }

  /**
   * A restore reads only a backup this till made: a file named like one, directly in the backups
   * folder (a bare name is looked up there), and a regular file, not a link to somewhere else.
   */
  private backupInFolder(file: string): string {
    const folder = path.resolve(this.folder());
    const source = path.isAbsolute(file) ? path.resolve(file) : path.resolve(folder, file);
    if (path.dirname(source) !== folder || !BACKUP_NAME.test(path.basename(source))) {
      throw new PosError('invalid_input', `Only a backup in the backups folder (${folder}), named like chamra-ledger-YYYYMMDD-HHMMSS.sqlite3, can be restored. Nothing was restored.`, 'file');
    }
    const stat = fs.lstatSync(source, { throwIfNoEntry: false });
    if (!stat) throw new PosError('not_found', `No backup file at ${source}.`, 'file');
    if (!stat.isFile()) throw new PosError('invalid_input', `${path.basename(source)} is not a plain file (a link or folder). Nothing was restored.`, 'file');
    return source;
  }

  private refuseWhileSelling(): void {
    if (this.options.saleInProgress()) throw new PosError('conflict', 'A sale is still waiting for payment; finish or cancel it before restoring. Nothing was restored.');
  }
}
