// Money-relevant actions, append only. Never stores secrets: callers pass ids and amounts, not keys.
import type { LedgerDb } from './open-ledger';

export interface AuditEntry {
  actor: string | null;
  action: string;
  saleId?: string | null;
  detail?: unknown;
}

export class AuditLog {
  private readonly insertStmt;
  constructor(db: LedgerDb) {
    this.insertStmt = db.prepare('INSERT INTO audit_log (at, actor, action, sale_id, detail) VALUES (?, ?, ?, ?, ?)');
  }
  record(entry: AuditEntry, at: number = Date.now()): void {
    this.insertStmt.run(at, entry.actor, entry.action, entry.saleId ?? null, entry.detail === undefined ? null : JSON.stringify(entry.detail));
  }
}
