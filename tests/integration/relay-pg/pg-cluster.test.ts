// The test-support cluster itself: a real server starts, hands out databases, and leaves nothing
// behind once stopped (other relay-pg and head-office tests depend on all three).
import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { describe, expect, it } from 'vitest';
import { startPgCluster } from '../../support/pg-cluster';

describe('startPgCluster', () => {
  it('starts a real server, creates separate databases, and stops cleanly', async () => {
    const cluster = await startPgCluster();
    let dataDir = '';
    try {
      const a = await cluster.createDatabase('relay_a');
      const b = await cluster.createDatabase('relay_b');
      expect(a).not.toBe(b);
      const client = new Client({ connectionString: a });
      await client.connect();
      try {
        const { rows } = await client.query<{ db: string; data: string }>("select current_database() as db, current_setting('data_directory') as data");
        expect(rows[0].db).toBe('relay_a');
        dataDir = rows[0].data;
        await client.query('create table t (x text)');
        await client.query('insert into t values ($1)', ['พร้อมเพย์']);
        expect((await client.query('select x from t')).rows[0].x).toBe('พร้อมเพย์');
      } finally {
        await client.end();
      }
      await expect(cluster.createDatabase('Bad-Name')).rejects.toThrow(/identifier/);
    } finally {
      await cluster.stop();
    }
    expect(dataDir).not.toBe('');
    expect(existsSync(dataDir)).toBe(false);
    const after = new Client({ connectionString: cluster.url, connectionTimeoutMillis: 2000 });
    await expect(after.connect()).rejects.toThrow(/ECONNREFUSED/);
  }, 120_000);
});
