// The shift side on a real ledger file without the rest of the till, on a clock the test sets: for
// business-day edges, several tills on one ledger, and property runs of many shifts. Inputs go through
// the contract's schemas, as the dispatcher would pass them.
import { RECEIPT_SETTING_DEFAULTS } from '../../../shared/receipt';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallContext } from '../../../electron/core/pos-core-types';
import { AuditLog } from '../../../electron/core/ledger/audit-log';
import { openLedger, type LedgerDb } from '../../../electron/core/ledger/open-ledger';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { createShiftSide, type ShiftOperation, type ShiftSide } from '../../../electron/core/shifts/shift-side';
import type { Shift } from '../../../shared/manager-types';
import { posOperations, type PosOutputs } from '../../../shared/pos-contract';

export interface ShiftLedger {
  /** The ledger's folder (exports go to its exports/). */
  dir: string;
  db: LedgerDb;
  settings: SettingsStore;
  audit: AuditLog;
  clock: { now: number };
  close(): void;
}

export function openShiftLedger(settings: { timeZone: string; dayStartHour: number; shopName?: string }, start = Date.UTC(2026, 0, 15, 3)): ShiftLedger {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-shifts-'));
  const db = openLedger(path.join(dir, 'ledger.sqlite3'));
  const store = new SettingsStore(db, {
    shopName: settings.shopName ?? 'ร้านกาแฟ Chamra', timeZone: settings.timeZone, dayStartHour: settings.dayStartHour,
    qrTimeoutSeconds: 600, backupFolder: null, backupTime: null, promptPayId: null, ...RECEIPT_SETTING_DEFAULTS,
  });
  return {
    dir, db, settings: store, audit: new AuditLog(db), clock: { now: start },
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestShiftSide {
  side: ShiftSide;
  /** shift.updated events, in order. */
  events: (Shift | null)[];
  run<K extends ShiftOperation>(op: K, input: unknown, context?: CallContext): Promise<PosOutputs[K]>;
}

export const MANAGER: CallContext = { transport: 'ipc', clientKey: 'ipc:test', cashier: 'Manager Mali', cashierId: 'csh_manager', role: 'manager' };

export function shiftSideOn(ledger: ShiftLedger, tillId = 'till-1'): TestShiftSide {
  const events: (Shift | null)[] = [];
  const side = createShiftSide({
    db: ledger.db, audit: ledger.audit, tillId, settings: ledger.settings,
    emit: (event) => {
      if (event.type === 'shift.updated') events.push(event.data);
    },
    now: () => ledger.clock.now,
    exportDir: path.join(ledger.dir, 'exports'),
  });
  return {
    side,
    events,
    async run(op, input, context = MANAGER) {
      const handler = side.handlers[op] as (input: unknown, context: CallContext) => unknown;
      return (await handler(posOperations[op].parse(input), context)) as PosOutputs[typeof op];
    },
  };
}
