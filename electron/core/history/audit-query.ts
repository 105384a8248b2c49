// Reading the audit log for managers, newest first, paged by id.
import type { AuditEntryView } from '../../../shared/manager-types';
import type { LedgerDb } from '../ledger/open-ledger';

export function listAudit(db: LedgerDb, options: { limit?: number; beforeId?: number }): AuditEntryView[] {
  const rows = db
    .prepare(`SELECT id, at, actor, action, sale_id, detail FROM audit_log ${options.beforeId !== undefined ? 'WHERE id < ?' : ''} ORDER BY id DESC LIMIT ?`)
    .all(...(options.beforeId !== undefined ? [options.beforeId] : []), options.limit ?? 100) as {
    id: number;
    at: number;
    actor: string | null;
    action: string;
    sale_id: string | null;
    detail: string | null;
  }[];
  return rows.map((row) => ({ id: row.id, at: row.at, actor: row.actor, action: row.action, saleId: row.sale_id, detail: row.detail === null ? null : JSON.parse(row.detail) }));
}
