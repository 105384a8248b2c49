// Head office on PostgreSQL (RELAY_DATABASE_URL): its own tables (ho_*) and its own migrations table,
// applied under a transaction-scoped advisory lock so relay instances starting together migrate once.
// Several instances may take the same till's batches at once (a retry landing elsewhere): each sale is
// one upsert whose row lock orders them, and the version guard keeps the newest.
import { Pool, type PoolClient } from 'pg';
import {
  exportParams, refundParams, saleParams, tillParams, toExportRow, toGroup, toTill, type HeadOfficeStore,
} from './head-office-store';
import { checkKnown } from './sqlite-store';
import { HEAD_OFFICE_MIGRATIONS, SQL, type HeadOfficeMigration } from './store-sql';

/** The advisory lock key of head office's migrations (the relay's event log uses its own). */
const MIGRATION_LOCK = 0x43_48_4f_31; // 'CHO1'

export async function openPgHeadOfficeStore(databaseUrl: string, migrations: readonly HeadOfficeMigration[] = HEAD_OFFICE_MIGRATIONS): Promise<HeadOfficeStore> {
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  // An idle client's error (the server restarting) must not crash the relay; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    await migrate(pool, migrations);
  } catch (error) {
    await pool.end();
    throw error;
  }

  const inTransaction = async <T>(work: (client: PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };

  return {
    upsertSales: (till, sales, receivedAt) =>
      inTransaction(async (client) => {
        let stored = 0;
        for (const sale of sales) {
          const upserted = await client.query(SQL.upsertSale, saleParams(till, sale, receivedAt));
          if (upserted.rowCount === 0) continue;
          stored += 1;
          await client.query(SQL.deleteRefunds, [till.shopId, till.tillId, sale.id]);
          for (const params of refundParams(till, sale)) await client.query(SQL.insertRefund, params);
        }
        await client.query(SQL.upsertTill, tillParams(till, sales, receivedAt));
        return { stored, unchanged: sales.length - stored };
      }),
    saleGroups: async (range) => (await pool.query(SQL.saleGroups, [range.mode, range.from, range.to])).rows.map(toGroup),
    refundGroups: async (range) => (await pool.query(SQL.refundGroups, [range.mode, range.from, range.to])).rows.map(toGroup),
    tills: async () => (await pool.query(SQL.tills)).rows.map(toTill),
    exportPage: async (range, after, limit) => (await pool.query(SQL.exportPage, exportParams(range, after, limit))).rows.map(toExportRow),
    close: () => pool.end(),
  };
}

async function migrate(pool: Pool, migrations: readonly HeadOfficeMigration[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Held to COMMIT: a second instance waits here, then finds every step done.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS head_office_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    const applied = (await client.query('SELECT version, name FROM head_office_migrations ORDER BY version')).rows as { version: number; name: string }[];
    checkKnown(applied, migrations);
    const done = new Set(applied.map((row) => Number(row.version)));
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO head_office_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, Date.now()]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
