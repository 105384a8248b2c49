// Shifts and the Z report: a till's drawer from its float to its count, and the numbered close of its
// business day. Every change is audited and announced (`shift.updated`, the till's open shift or null).
import fs from 'node:fs';
import path from 'node:path';
import type { PosEvent } from '../../../shared/pos-contract';
import { PosError } from '../../../shared/pos-error';
import type { Shift } from '../../../shared/manager-types';
import type { PosHandlers } from '../api/pos-dispatch';
import type { AuditLog } from '../ledger/audit-log';
import { ownerOnlyFolder, type LedgerDb } from '../ledger/open-ledger';
import type { CallContext } from '../pos-core-types';
import { businessDateOf, dayBounds, localParts } from '../reports/business-day';
import type { SettingsStore } from '../settings/settings-store';
import { newCashMovementId, newShiftId } from './ledger-ids';
import { ShiftRepository, type ShiftRow } from './shift-repository';
import { writeZReportPdf, zReportFileName } from './z-report-pdf';
import { ZReportStore } from './z-reports';

export type ShiftOperation =
  | 'shifts.current' | 'shifts.open' | 'shifts.cashMovement' | 'shifts.close' | 'shifts.list'
  | 'zreports.create' | 'zreports.list' | 'zreports.get' | 'zreports.pdf';

export interface ShiftSideOptions {
  db: LedgerDb;
  audit: AuditLog;
  tillId: string;
  settings: SettingsStore;
  emit: (event: PosEvent) => void;
  /** The till's clock (the payment path's), so shifts and the sales in them share one time line. */
  now?: () => number;
  /** Where the desktop saves Z report PDFs (the exports folder). */
  exportDir: string;
}

export interface ShiftSide {
  handlers: Pick<PosHandlers, ShiftOperation>;
  /** The till's open shift id, or null (cash sales and cash refunds need one). */
  openShiftId(): string | null;
  /** Tells the screens the till's shift changed (after a cash sale or cash refund). */
  changed(): void;
}

/** Refused when the till has no open shift; the screens key on the field to offer "Open shift". */
export function noOpenShift(what: string): PosError {
  return new PosError('conflict', `No shift is open on this till: open one with its float before ${what}.`, 'shift');
}

export function createShiftSide(options: ShiftSideOptions): ShiftSide {
  const { db, audit, tillId, settings } = options;
  const now = options.now ?? Date.now;
  const shifts = new ShiftRepository(db);
  const zReports = new ZReportStore(db, shifts, settings);
  const actor = (context: CallContext) => context.cashier ?? null;
  /** HH:MM in the shop's zone, for messages. */
  const clockTime = (at: number) => localParts(at, settings.get().timeZone).time.slice(0, 5);

  const current = (): Shift | null => {
    const row = shifts.openOn(tillId);
    return row ? shifts.toShift(row) : null;
  };
  const changed = () => options.emit({ type: 'shift.updated', data: current() });
  const requireOpen = (what: string): ShiftRow => {
    const row = shifts.openOn(tillId);
    if (!row) throw noOpenShift(what);
    return row;
  };

  const handlers: ShiftSide['handlers'] = {
    'shifts.current': () => current(),
    'shifts.open': (input, context) => {
      const at = now();
      // One write transaction: the open-shift check and the till's next number cannot race another open.
      const row = db.transaction(() => {
        const open = shifts.openOn(tillId);
        if (open) {
          throw new PosError('conflict', `Shift ${open.number} is still open on this till (opened at ${clockTime(open.opened_at)}${open.opened_by ? ` by ${open.opened_by}` : ''}); close it with its cash count before opening another.`, 'shift');
        }
        // A closed day stays closed: cash taken now would be in no Z report.
        const { timeZone, dayStartHour } = settings.get();
        const today = businessDateOf(at, timeZone, dayStartHour);
        const closedBy = zReports.forDay(tillId, today);
        if (closedBy) {
          throw new PosError('conflict', `Business day ${today} on this till is already closed by Z report ${closedBy.number}; a new shift opens from the next business day (${localParts(dayBounds(today, timeZone, dayStartHour).endsAt, timeZone).time.slice(0, 5)}).`, 'shift');
        }
        return shifts.insert({ id: newShiftId(at), tillId, openedAt: at, openedBy: actor(context), openedById: context.cashierId ?? null, float: input.float });
      }).immediate();
      audit.record({ actor: actor(context), action: 'shift.open', detail: { shiftId: row.id, number: row.number, tillId, float: row.float_amount } }, at);
      const shift = shifts.toShift(row);
      options.emit({ type: 'shift.updated', data: shift });
      return shift;
    },
    'shifts.cashMovement': (input, context) => {
      const at = now();
      const row = requireOpen(input.kind === 'pay_in' ? 'paying cash in' : 'paying cash out');
      shifts.addMovement({ id: newCashMovementId(at), shiftId: row.id, kind: input.kind, amount: input.amount, reason: input.reason, actor: actor(context), createdAt: at });
      const shift = shifts.toShift(row);
      // A pay-out may leave the drawer below what the till expects (like Loyverse, it is allowed): the
      // audit says so, and the count at the close will show it.
      audit.record({
        actor: actor(context),
        action: `shift.${input.kind}`,
        detail: { shiftId: row.id, number: row.number, amount: input.amount, reason: input.reason, expectedAfter: shift.cash.expected, ...(shift.cash.expected < 0 ? { drawerBelowZero: true } : {}) },
      }, at);
      options.emit({ type: 'shift.updated', data: shift });
      return shift;
    },
    'shifts.close': (input, context) => {
      const at = now();
      const note = input.note ? input.note : null;
      const shift = db.transaction(() => {
        const row = requireOpen('closing it');
        // Expected cash is frozen with the count: what the drawer should have held at this moment.
        const { expected } = shifts.cash(row);
        shifts.close(row.id, { closedAt: at, closedBy: actor(context), countedCash: input.countedCash, expectedCash: expected, note });
        return shifts.toShift(shifts.get(row.id)!);
      }).immediate();
      const { cash } = shift;
      audit.record({
        actor: actor(context),
        action: 'shift.close',
        detail: {
          shiftId: shift.id, number: shift.number, float: cash.float, cashSales: cash.cashSales.amount, payIns: cash.payIns, payOuts: cash.payOuts,
          cashRefunds: cash.cashRefunds.amount, expected: cash.expected, counted: shift.countedCash, overShort: shift.overShort, note,
        },
      }, at);
      changed();
      return shift;
    },
    'shifts.list': (input) => {
      const { timeZone, dayStartHour } = settings.get();
      const { startsAt, endsAt } = dayBounds(input.date, timeZone, dayStartHour);
      return shifts.openedBetween(startsAt, endsAt, input.tillId ?? null).map((row) => shifts.toShift(row));
    },
    'zreports.create': (input, context) => {
      const at = now();
      const report = zReports.create(tillId, input.date, actor(context), at);
      audit.record({
        actor: actor(context),
        action: 'zreport.create',
        detail: { id: report.id, number: report.number, tillId, date: report.date, net: report.net, expectedCash: report.cash.expected, countedCash: report.countedCash, overShort: report.overShort },
      }, at);
      return report;
    },
    'zreports.list': (input) => zReports.list(input),
    'zreports.get': (input) => zReports.get(input.id),
    'zreports.pdf': async (input, context) => {
      const report = zReports.get(input.id);
      const lang = input.lang ?? 'th';
      const fileName = zReportFileName(report, lang);
      // A browser downloads it from a route that asks for the same manager session (z-report-download.ts).
      if (context.transport !== 'ipc') return { fileName, filePath: null, downloadUrl: `/api/zreports/${report.id}/pdf?lang=${lang}` };
      // The desktop keeps its copy in the exports folder; a Z never changes, so writing it again is the same file.
      ownerOnlyFolder(options.exportDir);
      const file = path.join(options.exportDir, fileName);
      const part = `${file}.part`;
      await writeZReportPdf(report, lang, fs.createWriteStream(part, { mode: 0o600 }));
      fs.renameSync(part, file);
      return { fileName, filePath: file, downloadUrl: null };
    },
  };

  return {
    handlers,
    openShiftId: () => shifts.openOn(tillId)?.id ?? null,
    changed,
  };
}
