import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerVersionError, openLedger } from '../../../electron/core/ledger/open-ledger';
import { MIGRATIONS } from '../../../electron/core/ledger/migrations';

const dirs: string[] = [];
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-ledger-'));
  dirs.push(dir);
  return path.join(dir, 'ledger.sqlite3');
}
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('openLedger', () => {
  it('creates the schema once, in WAL mode with every commit synced to disk, and records each migration', () => {
    const file = tempFile();
    const db = openLedger(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 = FULL: a commit (a sale saved before Stripe is asked) is on disk when it returns, power cut or not.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
    db.close();
    const again = openLedger(file);
    expect(again.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
    again.close();
  });

  it.skipIf(process.platform === 'win32')('keeps its files 0600 but never closes a shared sticky folder such as /tmp', () => {
    const shared = path.dirname(tempFile());
    fs.chmodSync(shared, 0o1777);
    const file = path.join(shared, 'ledger.sqlite3');
    openLedger(file).close();
    expect(fs.statSync(shared).mode & 0o7777).toBe(0o1777);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // An ordinary folder of the till's is still closed to others.
    const own = path.dirname(tempFile());
    fs.chmodSync(own, 0o755);
    openLedger(path.join(own, 'ledger.sqlite3')).close();
    expect(fs.statSync(own).mode & 0o777).toBe(0o700);
  });

  it('refuses a ledger written by a newer version and leaves it untouched', () => {
    const file = tempFile();
    openLedger(file).close();
    const newer = [...MIGRATIONS, { version: 99, name: 'from-the-future', sql: 'CREATE TABLE future (x INTEGER);' }];
    openLedger(file, newer).close();
    const before = fs.readFileSync(file);
    expect(() => openLedger(file)).toThrow(LedgerVersionError);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('rejects a sale with a non-positive amount or an unknown status at the database level', () => {
    const db = openLedger(tempFile());
    const insert = db.prepare(`INSERT INTO sales (id, amount, email, status, source, till_id, created_at, updated_at) VALUES (?, ?, 'a@b.c', ?, 'till', 't', 0, 0)`);
    expect(() => insert.run('s1', 0, 'created')).toThrow(/CHECK/);
    expect(() => insert.run('s2', 100, 'paid')).toThrow(/CHECK/);
    db.close();
  });
});
