// The shop's catalogue of items (search, save, CSV import/export) and sales by item.
import { PosError } from '../../../shared/pos-error';
import type { PosHandlers } from '../api/pos-dispatch';
import type { AuditLog } from '../ledger/audit-log';
import type { LedgerDb } from '../ledger/open-ledger';
import type { SettingsStore } from '../settings/settings-store';

export type ItemOperation = 'items.list' | 'items.save' | 'items.import' | 'items.export' | 'reports.items';

export interface ItemSideOptions {
  db: LedgerDb;
  audit: AuditLog;
  settings: SettingsStore;
  now: () => number;
}

export interface ItemSide {
  handlers: Pick<PosHandlers, ItemOperation>;
}

export function createItemSide(_options: ItemSideOptions): ItemSide {
  const notYet = (): never => {
    throw new PosError('conflict', 'Items are not available yet.');
  };
  return {
    handlers: { 'items.list': () => [], 'items.save': notYet, 'items.import': notYet, 'items.export': notYet, 'reports.items': notYet },
  };
}
