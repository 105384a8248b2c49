// The item side on a real ledger file without the rest of the till, on a clock the test sets. Inputs
// go through the contract's schemas, as the dispatcher would pass them.
import { RECEIPT_SETTING_DEFAULTS } from '../../../shared/receipt';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createItemSide, type ItemOperation, type ItemSide } from '../../../electron/core/items/item-side';
import { AuditLog } from '../../../electron/core/ledger/audit-log';
import { openLedger, type LedgerDb } from '../../../electron/core/ledger/open-ledger';
import type { CallContext } from '../../../electron/core/pos-core-types';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { posOperations, type PosOutputs } from '../../../shared/pos-contract';
import { PosError } from '../../../shared/pos-error';

export const MANAGER: CallContext = { transport: 'ipc', clientKey: 'ipc:test', cashier: 'Manager Mali', cashierId: 'csh_manager', role: 'manager' };
export const CASHIER: CallContext = { transport: 'ipc', clientKey: 'ipc:till', cashier: 'Cashier Nok', cashierId: 'csh_nok', role: 'cashier' };

export interface ItemLedger {
  dir: string;
  db: LedgerDb;
  settings: SettingsStore;
  side: ItemSide;
  clock: { now: number };
  run<K extends ItemOperation>(op: K, input: unknown, context?: CallContext): Promise<PosOutputs[K]>;
  /** The refusal a call meets (throws if it succeeds). */
  refusal(op: ItemOperation, input: unknown, context?: CallContext): Promise<PosError>;
  audit(action: string): { actor: string | null; detail: unknown }[];
  close(): void;
}

export function openItemLedger(settings: { timeZone?: string; dayStartHour?: number } = {}, start = Date.UTC(2026, 0, 15, 3)): ItemLedger {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-items-'));
  const db = openLedger(path.join(dir, 'ledger.sqlite3'));
  const store = new SettingsStore(db, {
    shopName: 'ร้านกาแฟ Chamra', timeZone: settings.timeZone ?? 'Asia/Bangkok', dayStartHour: settings.dayStartHour ?? 0,
    qrTimeoutSeconds: 600, backupFolder: null, backupTime: null, promptPayId: null, ...RECEIPT_SETTING_DEFAULTS,
  });
  const clock = { now: start };
  const side = createItemSide({ db, audit: new AuditLog(db), settings: store, now: () => clock.now });
  const run = async <K extends ItemOperation>(op: K, input: unknown, context: CallContext = MANAGER): Promise<PosOutputs[K]> => {
    const handler = side.handlers[op] as (input: unknown, context: CallContext) => unknown;
    return (await handler(posOperations[op].parse(input), context)) as PosOutputs[K];
  };
  return {
    dir, db, settings: store, side, clock, run,
    async refusal(op, input, context) {
      try {
        await run(op, input, context);
      } catch (error) {
        if (error instanceof PosError) return error;
        throw error;
      }
      throw new Error(`${op} was expected to be refused`);
    },
    audit(action) {
      return (db.prepare('SELECT actor, detail FROM audit_log WHERE action = ? ORDER BY id').all(action) as { actor: string | null; detail: string | null }[])
        .map((row) => ({ actor: row.actor, detail: row.detail === null ? null : JSON.parse(row.detail) }));
    },
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
