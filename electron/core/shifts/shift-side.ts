// Shifts and the Z report: a till's drawer from its float to its count, and the numbered close of its
// business day. (Being built: the handlers refuse until then.)
import type { PosEvent } from '../../../shared/pos-contract';
import { PosError } from '../../../shared/pos-error';
import type { PosHandlers } from '../api/pos-dispatch';
import type { AuditLog } from '../ledger/audit-log';
import type { LedgerDb } from '../ledger/open-ledger';
import type { SettingsStore } from '../settings/settings-store';

export type ShiftOperation =
  | 'shifts.current' | 'shifts.open' | 'shifts.cashMovement' | 'shifts.close' | 'shifts.list'
  | 'zreports.create' | 'zreports.list' | 'zreports.get';

export interface ShiftSideOptions {
  db: LedgerDb;
  audit: AuditLog;
  tillId: string;
  settings: SettingsStore;
  emit: (event: PosEvent) => void;
}

export interface ShiftSide {
  handlers: Pick<PosHandlers, ShiftOperation>;
  /** The till's open shift id, or null (cash sales and cash refunds need one). */
  openShiftId(): string | null;
  /** Tells the screens the till's shift changed (after a cash sale or cash refund). */
  changed(): void;
}

export function createShiftSide(options: ShiftSideOptions): ShiftSide {
  const openShift = options.db.prepare('SELECT id FROM shifts WHERE till_id = ? AND closed_at IS NULL');
  const notYet = (): never => {
    throw new PosError('conflict', 'Shifts are not available in this version yet.');
  };
  return {
    handlers: {
      'shifts.current': () => null,
      'shifts.open': notYet,
      'shifts.cashMovement': notYet,
      'shifts.close': notYet,
      'shifts.list': () => [],
      'zreports.create': notYet,
      'zreports.list': () => [],
      'zreports.get': notYet,
    },
    openShiftId: () => (openShift.get(options.tillId) as { id: string } | undefined)?.id ?? null,
    changed: () => undefined,
  };
}
