// Where each push path left off (the relay's last sequence number, the event log's last `created`),
// persisted so a restart resumes instead of starting over.
import type { LedgerDb } from '../ledger/open-ledger';

export class PushCursors {
  private readonly getStmt;
  private readonly setStmt;
  constructor(db: LedgerDb) {
    this.getStmt = db.prepare('SELECT value FROM push_cursors WHERE name = ?');
    this.setStmt = db.prepare(
      'INSERT INTO push_cursors (name, value, at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, at = excluded.at',
    );
  }
  get(name: string): string | null {
    return (this.getStmt.get(name) as { value: string } | undefined)?.value ?? null;
  }
  set(name: string, value: string, at: number = Date.now()): void {
    this.setStmt.run(name, value, at);
  }
}
