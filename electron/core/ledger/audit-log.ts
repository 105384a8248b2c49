// Money-relevant actions, append only. Never stores secrets: callers pass ids and amounts, not keys.
// Every entry is also appended to audit.jsonl beside the ledger: a restore replaces the ledger's
// contents (its audit_log table included), but cannot erase that trail.
import fs from 'node:fs';
import path from 'node:path';
import type { LedgerDb } from './open-ledger';

export interface AuditEntry {
  actor: string | null;
  action: string;
  saleId?: string | null;
  detail?: unknown;
}

export const AUDIT_TRAIL_FILE = 'audit.jsonl';

export class AuditLog {
  private readonly insertStmt;
  /** The append-only copy outside the ledger; null for an in-memory ledger. */
  readonly trailFile: string | null;
  constructor(db: LedgerDb) {
    this.insertStmt = db.prepare('INSERT INTO audit_log (at, actor, action, sale_id, detail) VALUES (?, ?, ?, ?, ?)');
    this.trailFile = db.memory ? null : path.join(path.dirname(db.name), AUDIT_TRAIL_FILE);
  }
  record(entry: AuditEntry, at: number = Date.now()): void {
    const detail = entry.detail === undefined ? null : JSON.stringify(entry.detail);
    this.insertStmt.run(at, entry.actor, entry.action, entry.saleId ?? null, detail);
    if (this.trailFile) {
      const line = JSON.stringify({ at, actor: entry.actor, action: entry.action, saleId: entry.saleId ?? null, detail: entry.detail ?? null });
      // Opened for appending only, readable by the till's user only.
      fs.appendFileSync(this.trailFile, `${line}\n`, { mode: 0o600, flag: 'a' });
    }
  }
}
