// Head office in an embedded SQLite file (`head-office.sqlite` in RELAY_DATA_DIR), next to the relay's
// event log but separate from it. Synchronous FULL: a batch is on disk before the till hears 2xx and
// drops it from its outbox.
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  exportParams, HeadOfficeStoreVersionError, refundParams, saleParams, tillParams, toExportRow, toGroup, toTill,
  type HeadOfficeStore,
} from './head-office-store';
import { HEAD_OFFICE_MIGRATIONS, SQL, sqliteText, type HeadOfficeMigration } from './store-sql';

export const HEAD_OFFICE_SQLITE_FILE = 'head-office.sqlite';

export function openSqliteHeadOfficeStore(dataDir: string, migrations: readonly HeadOfficeMigration[] = HEAD_OFFICE_MIGRATIONS): HeadOfficeStore {
  const db = new Database(path.join(dataDir, HEAD_OFFICE_SQLITE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  const statement = (text: string) => db.prepare(sqliteText(text));
  const upsertSale = statement(SQL.upsertSale);
  const deleteRefunds = statement(SQL.deleteRefunds);
  const insertRefund = statement(SQL.insertRefund);
  const upsertTill = statement(SQL.upsertTill);
  const saleGroups = statement(SQL.saleGroups);
  const refundGroups = statement(SQL.refundGroups);
  const tills = statement(SQL.tills);
  const exportPage = statement(SQL.exportPage);

  const upsert = db.transaction((till: Parameters<HeadOfficeStore['upsertSales']>[0], sales: Parameters<HeadOfficeStore['upsertSales']>[1], receivedAt: number) => {
    let stored = 0;
    for (const sale of sales) {
      if (upsertSale.all(...saleParams(till, sale, receivedAt)).length === 0) continue;
      stored += 1;
      deleteRefunds.run(till.shopId, till.tillId, sale.id);
      for (const params of refundParams(till, sale)) insertRefund.run(...params);
    }
    upsertTill.run(...tillParams(till, sales, receivedAt));
    return { stored, unchanged: sales.length - stored };
  });

  return {
    upsertSales: async (till, sales, receivedAt) => upsert.immediate(till, sales, receivedAt),
    saleGroups: async (range) => (saleGroups.all(range.mode, range.from, range.to) as Parameters<typeof toGroup>[0][]).map(toGroup),
    refundGroups: async (range) => (refundGroups.all(range.mode, range.from, range.to) as Parameters<typeof toGroup>[0][]).map(toGroup),
    tills: async () => (tills.all() as Parameters<typeof toTill>[0][]).map(toTill),
    exportPage: async (range, after, limit) => (exportPage.all(...exportParams(range, after, limit)) as Record<string, unknown>[]).map(toExportRow),
    close: async () => {
      if (db.open) db.close();
    },
  };
}

function migrate(db: Database.Database, migrations: readonly HeadOfficeMigration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS head_office_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
  const applied = db.prepare('SELECT version, name FROM head_office_migrations ORDER BY version').all() as { version: number; name: string }[];
  checkKnown(applied, migrations);
  const done = new Set(applied.map((row) => row.version));
  const record = db.prepare('INSERT INTO head_office_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
    }).immediate();
  }
}

/** A store written by a newer relay (a step this one does not know) is refused and left untouched. */
export function checkKnown(applied: readonly { version: number; name: string }[], migrations: readonly HeadOfficeMigration[]): void {
  const known = new Map(migrations.map((migration) => [migration.version, migration.name]));
  for (const row of applied) {
    if (known.get(Number(row.version)) !== row.name) {
      throw new HeadOfficeStoreVersionError(
        `The head-office store has schema step ${row.version} (${row.name}) that this relay does not know: run the newer relay; nothing was changed.`,
      );
    }
  }
}
