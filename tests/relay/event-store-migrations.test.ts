// The relay's database upgrades in numbered steps, keeps what it holds, and refuses what it does not know.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_DB_FILE, EventStoreVersionError, openEventStore } from '../../relay/event-store';
import { RELAY_MIGRATIONS } from '../../relay/event-store-migrations';
import { stripeEventBody } from './relay-fixture';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-relay-migrate-'));
  dirs.push(dir);
  return dir;
}

/** A database exactly as the relay wrote it before numbered migrations (schema marked user_version = 1). */
function writeVersion1Database(dir: string): void {
  const db = new Database(path.join(dir, EVENT_DB_FILE));
  db.exec(`
    CREATE TABLE events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      event_id TEXT NOT NULL UNIQUE,
      account TEXT,
      type TEXT NOT NULL,
      created INTEGER NOT NULL,
      received_at INTEGER NOT NULL,
      body BLOB NOT NULL,
      signature TEXT NOT NULL
    );
    CREATE INDEX events_received_at ON events (received_at);
    CREATE INDEX events_account_seq ON events (account, seq);
    CREATE TABLE relay_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `);
  db.pragma('user_version = 1');
  const insert = db.prepare(
    'INSERT INTO events (event_id, account, type, created, received_at, body, signature) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const liveBody = stripeEventBody({ id: 'evt_v1_live' }).replace('"livemode": false', '"livemode": true');
  insert.run('evt_v1_pruned', null, 'payment_intent.succeeded', 1_790_000_000, 1_000, Buffer.from(stripeEventBody({ id: 'evt_v1_pruned' })), 't=1,v1=a');
  insert.run('evt_v1_test', 'acct_1ShopA', 'payment_intent.succeeded', 1_790_000_001, 2_000, Buffer.from(stripeEventBody({ id: 'evt_v1_test', account: 'acct_1ShopA' })), 't=1,v1=b');
  insert.run('evt_v1_live', null, 'payment_intent.payment_failed', 1_790_000_002, 3_000, Buffer.from(liveBody), 't=1,v1=c');
  insert.run('evt_v1_not_json', null, 'charge.refunded', 1_790_000_003, 4_000, Buffer.from('not json'), 't=1,v1=d');
  // Retention had deleted seq 1 already.
  db.prepare("DELETE FROM events WHERE event_id = 'evt_v1_pruned'").run();
  db.prepare("INSERT INTO relay_meta (key, value) VALUES ('pruned_through', '1')").run();
  db.close();
}

function appliedMigrations(dir: string): { version: number; name: string }[] {
  const db = new Database(path.join(dir, EVENT_DB_FILE), { readonly: true });
  try {
    return db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
  } finally {
    db.close();
  }
}

describe('relay event store migrations', () => {
  it('upgrades a version 1 database holding events through every step, keeping events, positions and retention', () => {
    const dir = tempDir();
    writeVersion1Database(dir);

    const store = openEventStore(dir);
    const kept = store.listAfter(0, null, 10);
    const next = store.insert({
      eventId: 'evt_after_upgrade', account: null, type: 'payment_intent.succeeded', livemode: false,
      created: 1_790_000_010, receivedAt: 5_000, body: Buffer.from('{}'), signature: 't=1,v1=e',
    });
    const highest = store.highestSeqAssigned();
    const prunedThrough = store.prunedThrough();
    store.close();

    expect(kept.map((event) => [event.seq, event.eventId, event.account, event.livemode])).toEqual([
      [2, 'evt_v1_test', 'acct_1ShopA', false],
      [3, 'evt_v1_live', null, true],
      [4, 'evt_v1_not_json', null, null],
    ]);
    expect(kept[0].body.toString('utf8')).toBe(stripeEventBody({ id: 'evt_v1_test', account: 'acct_1ShopA' }));
    // Events stored before till routing belong to no till: only account-wide tokens get them.
    expect(kept.map((event) => event.tillKey)).toEqual([null, null, null]);
    expect(kept[1].signature).toBe('t=1,v1=c');
    // Sequence numbers keep growing from where the old relay stopped: tills' Last-Event-IDs stay valid.
    expect(next).toEqual({ seq: 5, duplicate: false });
    expect(highest).toBe(5);
    expect(prunedThrough).toBe(1);
    expect(appliedMigrations(dir)).toEqual(RELAY_MIGRATIONS.map(({ version, name }) => ({ version, name })));
  });

  it('creates a new database through every step, and reopening changes nothing', () => {
    const dir = tempDir();
    openEventStore(dir).close();
    const first = appliedMigrations(dir);
    openEventStore(dir).close();

    expect(first.map((row) => row.version)).toEqual(RELAY_MIGRATIONS.map((m) => m.version));
    expect(appliedMigrations(dir)).toEqual(first);
  });

  it('refuses a database with a step it does not know, and leaves it unchanged', () => {
    const dir = tempDir();
    const store = openEventStore(dir);
    store.insert({
      eventId: 'evt_kept', account: null, type: 'payment_intent.succeeded', livemode: false,
      created: 1, receivedAt: 1, body: Buffer.from('{}'), signature: 's',
    });
    store.close();
    const newer = [...RELAY_MIGRATIONS, { version: 99, name: 'from-the-future', sql: 'CREATE TABLE future (x INTEGER);' }];
    openEventStore(dir, newer).close();
    const file = path.join(dir, EVENT_DB_FILE);
    const before = fs.readFileSync(file);

    expect(() => openEventStore(dir)).toThrow(EventStoreVersionError);
    expect(() => openEventStore(dir)).toThrow(/migration 99 \(from-the-future\)/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a step whose name differs from this relay\'s (a different history)', () => {
    const dir = tempDir();
    openEventStore(dir).close();
    const renamed = RELAY_MIGRATIONS.map((m) => (m.version === 2 ? { ...m, name: 'something-else' } : m));

    expect(() => openEventStore(dir, renamed)).toThrow(EventStoreVersionError);
  });

  it('is refused by a relay from before numbered steps (it reads user_version only)', () => {
    const dir = tempDir();
    openEventStore(dir).close();
    const db = new Database(path.join(dir, EVENT_DB_FILE), { readonly: true });
    const userVersion = db.pragma('user_version', { simple: true });
    db.close();

    expect(userVersion).toBe(Math.max(...RELAY_MIGRATIONS.map((m) => m.version)));
    expect(userVersion).toBeGreaterThan(1);
  });
});
