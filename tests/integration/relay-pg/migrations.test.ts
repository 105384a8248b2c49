// The relay's PostgreSQL schema: several instances starting on an empty database at once apply each
// step exactly once (an advisory lock serialises them), steps are incremental, and a database with a
// step this relay does not know is refused and left as it was.
import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventStoreVersionError } from '../../../relay/event-store';
import type { RelayMigration } from '../../../relay/event-store-migrations';
import { openPgEventLog } from '../../../relay/pg-event-log';
import { PG_MIGRATION_LOCK_KEY, PG_RELAY_MIGRATIONS } from '../../../relay/pg-event-log-migrations';
import { CLUSTER_START_TIMEOUT_MS, PgRelayHarness } from './pg-relay-harness';

const harness = new PgRelayHarness();
// initdb and a first start take seconds, more on a busy CI machine.
beforeAll(() => harness.startCluster(), CLUSTER_START_TIMEOUT_MS);
afterAll(() => harness.stopCluster(), CLUSTER_START_TIMEOUT_MS);
afterEach(() => harness.cleanup());

const applied = () => harness.sql<{ version: number; name: string }>('SELECT version, name FROM relay_schema_migrations ORDER BY version');

// Real servers on a shared two-core machine: generous, never asserted on.
describe('relay schema on PostgreSQL', { timeout: 60_000 }, () => {
  it('four instances migrating an empty database at once apply every step once, and all start', async () => {
    await harness.freshDatabase();

    const relays = await Promise.all([1, 2, 3, 4].map(() => harness.startInstance()));

    expect(relays).toHaveLength(4);
    expect(await applied()).toEqual(PG_RELAY_MIGRATIONS.map(({ version, name }) => ({ version, name })));
    expect(await harness.sql('SELECT name, value FROM relay_counters ORDER BY name')).toEqual([
      { name: 'last_seq', value: '0' },
      { name: 'pruned_through', value: '0' },
    ]);
  });

  it('waits for the migration lock another instance holds, and changes nothing until it has it', async () => {
    await harness.freshDatabase();
    const holder = new Client({ connectionString: harness.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [PG_MIGRATION_LOCK_KEY]);

      let started = false;
      const starting = harness.startInstance().then((relay) => {
        started = true;
        return relay;
      });
      // The instance's session is queued on the same advisory lock.
      for (;;) {
        const waiting = await holder.query(
          "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND pid <> pg_backend_pid()",
        );
        if (waiting.rows[0].n === '1') break;
      }
      const tables = await holder.query("SELECT to_regclass('relay_schema_migrations') AS m, to_regclass('relay_events') AS e");
      expect(tables.rows[0]).toEqual({ m: null, e: null });
      expect(started).toBe(false);

      await holder.query('COMMIT');
      const relay = await starting;
      expect(relay.storage).toMatch(/^PostgreSQL/);
      expect(await applied()).toHaveLength(PG_RELAY_MIGRATIONS.length);
    } finally {
      await holder.end();
    }
  });

  it('applies only the new step to a database that has the earlier ones, keeping its events', async () => {
    const url = await harness.freshDatabase();
    const first = await openPgEventLog(url);
    await first.insert({
      eventId: 'evt_kept',
      account: null,
      type: 'payment_intent.succeeded',
      livemode: false,
      created: 1_790_000_000,
      receivedAt: 1_790_000_000_000,
      body: Buffer.from('{"id":"evt_kept"}'),
      signature: 't=1,v1=x',
    });
    await first.close();
    const next: RelayMigration = {
      version: Math.max(...PG_RELAY_MIGRATIONS.map((m) => m.version)) + 1,
      name: 'test-extra-index',
      sql: 'CREATE INDEX relay_events_type ON relay_events (type)',
    };

    const upgraded = await openPgEventLog(url, { migrations: [...PG_RELAY_MIGRATIONS, next] });
    const page = await upgraded.readAfter(0, null, 10);
    await upgraded.close();

    expect(page.events.map((event) => event.eventId)).toEqual(['evt_kept']);
    expect((await applied()).map((row) => row.name)).toEqual([...PG_RELAY_MIGRATIONS.map((m) => m.name), 'test-extra-index']);
    expect(await harness.sql("SELECT indexname FROM pg_indexes WHERE indexname = 'relay_events_type'")).toHaveLength(1);
  });

  it('adds till routing to a database from before it: kept events belong to no till, new ones are routed', async () => {
    const url = await harness.freshDatabase();
    // The schema before routing, holding an event as the relay of that time stored it.
    await (await openPgEventLog(url, { migrations: PG_RELAY_MIGRATIONS.filter((m) => m.version === 1) })).close();
    await harness.sql(`
      WITH next AS (UPDATE relay_counters SET value = value + 1 WHERE name = 'last_seq' RETURNING value)
      INSERT INTO relay_events (seq, event_id, account, type, livemode, created, received_at, body, signature)
      SELECT value, 'evt_before_routing', NULL, 'payment_intent.succeeded', false, 1790000000, 1790000000000, '\\x7b7d', 't=1,v1=x' FROM next`);

    const upgraded = await openPgEventLog(url);
    await upgraded.insert({
      eventId: 'evt_after_routing', account: null, type: 'refund.created', livemode: false, created: 1_790_000_001,
      receivedAt: 1_790_000_001_000, body: Buffer.from('{}'), signature: 't=1,v1=y', tillKey: 'bangrak/till-1', paymentIntent: 'pi_1',
    });
    const all = await upgraded.readAfter(0, null, 10);
    const bangrak = await upgraded.readAfter(0, { account: null, livemode: null, tillKey: 'bangrak/till-1' }, 10);
    await upgraded.close();

    expect(all.events.map((event) => [event.seq, event.eventId, event.tillKey])).toEqual([
      [1, 'evt_before_routing', null],
      [2, 'evt_after_routing', 'bangrak/till-1'],
    ]);
    expect(bangrak.events.map((event) => event.eventId)).toEqual(['evt_after_routing']);
    expect((await applied()).map((row) => row.name)).toEqual(PG_RELAY_MIGRATIONS.map((m) => m.name));
  });

  it('refuses a database with a step it does not know, and leaves it untouched', async () => {
    await harness.freshDatabase();
    await (await harness.startInstance()).close();
    await harness.sql("INSERT INTO relay_schema_migrations (version, name, applied_at) VALUES (99, 'from-the-future', 0)");
    const before = await harness.sql('SELECT * FROM relay_schema_migrations ORDER BY version');

    const refused = harness.startInstance();

    await expect(refused).rejects.toThrow(EventStoreVersionError);
    await expect(refused).rejects.toThrow(/migration 99 \(from-the-future\).*RELAY_DATABASE_URL/);
    expect(await harness.sql('SELECT * FROM relay_schema_migrations ORDER BY version')).toEqual(before);
  });
});
