// The Z report: the numbered close of one till's business day. Its totals are the daily report's
// (totalsOfDays, for this till and day), its drawer is the day's shifts added up. It is written once as
// JSON and only ever read back from that JSON, so no later refund, setting or cutoff change alters it
// (and the ledger's triggers refuse any UPDATE or DELETE of it).
import type { ZReport, ZReportSummary } from '../../../shared/manager-types';
import { PosError } from '../../../shared/pos-error';
import type { LedgerDb } from '../ledger/open-ledger';
import { dayBounds, localDateTime, localParts } from '../reports/business-day';
import { totalsOfDays } from '../reports/report-totals';
import type { SettingsStore } from '../settings/settings-store';
import { ledgerScope } from '../settings/stripe-binding';
import { newZReportId } from './ledger-ids';
import { sumCash, type ShiftRepository } from './shift-repository';

/** Newest first, this many unless asked for fewer or more. */
const DEFAULT_LIST_LIMIT = 100;

export class ZReportStore {
  private readonly forDayStmt;
  private readonly nextNumberStmt;
  private readonly insertStmt;
  private readonly byIdStmt;

  constructor(
    private readonly db: LedgerDb,
    private readonly shifts: ShiftRepository,
    private readonly settings: SettingsStore,
  ) {
    this.forDayStmt = db.prepare('SELECT id, number FROM z_reports WHERE till_id = ? AND business_date = ?');
    this.nextNumberStmt = db.prepare('SELECT coalesce(max(number), 0) + 1 AS next FROM z_reports WHERE till_id = ?');
    this.insertStmt = db.prepare(`INSERT INTO z_reports (id, till_id, number, business_date, created_at, created_by, report)
      VALUES (@id, @tillId, @number, @date, @createdAt, @createdBy, @report)`);
    this.byIdStmt = db.prepare('SELECT report FROM z_reports WHERE id = ?');
  }

  /** The Z report that closed this till's business day, if one did. */
  forDay(tillId: string, date: string): { id: string; number: number } | null {
    return (this.forDayStmt.get(tillId, date) as { id: string; number: number } | undefined) ?? null;
  }

  /** Closes `date` on `tillId`: refused before the day starts, while one of its shifts is open, or a second time. */
  create(tillId: string, date: string, createdBy: string | null, at: number): ZReport {
    const { shopName, timeZone, dayStartHour } = this.settings.get();
    const { startsAt, endsAt } = dayBounds(date, timeZone, dayStartHour);
    if (at < startsAt) {
      throw new PosError('conflict', `The business day ${date} has not started yet (it starts ${localDateTime(startsAt, timeZone).slice(0, 16)}, ${timeZone}); nothing was closed.`, 'date');
    }
    // One write transaction: the checks, the number (max + 1, no gaps) and the insert cannot interleave.
    return this.db.transaction(() => {
      const existing = this.forDay(tillId, date);
      if (existing) {
        throw new PosError('conflict', `Z report ${existing.number} already closed business day ${date} on this till; a day is closed once.`, 'date');
      }
      const rows = this.shifts.openedBetween(startsAt, endsAt, tillId);
      const open = rows.find((row) => row.closed_at === null);
      if (open) {
        throw new PosError('conflict', `Shift ${open.number} (opened at ${localParts(open.opened_at, timeZone).time.slice(0, 5)}) is still open; close it with its cash count before closing the day.`, 'shift');
      }
      const shifts = rows.map((row) => this.shifts.toShift(row));
      const scope = ledgerScope(this.db);
      const [totals] = totalsOfDays(this.db, [{ startsAt, endsAt }], { scope, tillId });
      const cash = sumCash(shifts.map((shift) => shift.cash));
      const countedCash = shifts.reduce((sum, shift) => sum + (shift.countedCash ?? 0), 0);
      const { next: number } = this.nextNumberStmt.get(tillId) as { next: number };
      const report: ZReport = {
        id: newZReportId(at), number, tillId, date, shopName, timeZone, dayStartHour, startsAt, endsAt, mode: scope.mode, account: scope.account,
        ...totals,
        shifts, cash, countedCash, overShort: countedCash - cash.expected, createdAt: at, createdBy,
      };
      const json = JSON.stringify(report);
      this.insertStmt.run({ id: report.id, tillId, number, date, createdAt: at, createdBy, report: json });
      return JSON.parse(json) as ZReport;
    }).immediate();
  }

  get(id: string): ZReport {
    const row = this.byIdStmt.get(id) as { report: string } | undefined;
    if (!row) throw new PosError('not_found', 'There is no Z report with that id.', 'id');
    return JSON.parse(row.report) as ZReport;
  }

  /** Newest first: every till's, or one till's. */
  list(query: { limit?: number; tillId?: string }): ZReportSummary[] {
    const till = query.tillId === undefined ? '' : 'WHERE till_id = @tillId';
    const rows = this.db
      .prepare(`SELECT id, number, till_id, business_date, created_at, created_by, json_extract(report, '$.net') AS net FROM z_reports ${till}
                ORDER BY created_at DESC, till_id, number DESC LIMIT @limit`)
      .all({ limit: query.limit ?? DEFAULT_LIST_LIMIT, ...(query.tillId === undefined ? {} : { tillId: query.tillId }) }) as {
      id: string; number: number; till_id: string; business_date: string; created_at: number; created_by: string | null; net: number;
    }[];
    return rows.map((row) => ({ id: row.id, number: row.number, tillId: row.till_id, date: row.business_date, net: row.net, createdAt: row.created_at, createdBy: row.created_by }));
  }
}
