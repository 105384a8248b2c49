// Shifts and their cash movements in the ledger, and the drawer's cash of a shift: the float, cash
// sales rung up in it, pay-ins, pay-outs and cash refunds handed back in it. Sales and refunds carry
// the shift that was open when they were made (shift_id), so a shift's cash is read by that id alone.
import type { AmountCount, CashMovement, Shift, ShiftCash } from '../../../shared/manager-types';
import type { LedgerDb } from '../ledger/open-ledger';
import { COUNTED_REFUND_STATUSES } from '../refunds/refund-repository';

export interface ShiftRow {
  id: string;
  till_id: string;
  number: number;
  opened_at: number;
  opened_by: string | null;
  opened_by_id: string | null;
  float_amount: number;
  closed_at: number | null;
  closed_by: string | null;
  counted_cash: number | null;
  expected_cash: number | null;
  close_note: string | null;
}

export interface NewShift {
  id: string;
  tillId: string;
  openedAt: number;
  openedBy: string | null;
  openedById: string | null;
  float: number;
}

export interface ShiftClose {
  closedAt: number;
  closedBy: string | null;
  countedCash: number;
  expectedCash: number;
  note: string | null;
}

interface MovementRow {
  id: string;
  kind: 'pay_in' | 'pay_out';
  amount: number;
  reason: string;
  actor: string | null;
  created_at: number;
}

export class ShiftRepository {
  private readonly openStmt;
  private readonly byIdStmt;
  private readonly nextNumberStmt;
  private readonly insertStmt;
  private readonly closeStmt;
  private readonly insertMovementStmt;
  private readonly movementsStmt;
  private readonly cashSalesStmt;
  private readonly cashRefundsStmt;
  private readonly movementSumsStmt;

  constructor(private readonly db: LedgerDb) {
    this.openStmt = db.prepare('SELECT * FROM shifts WHERE till_id = ? AND closed_at IS NULL');
    this.byIdStmt = db.prepare('SELECT * FROM shifts WHERE id = ?');
    this.nextNumberStmt = db.prepare('SELECT coalesce(max(number), 0) + 1 AS next FROM shifts WHERE till_id = ?');
    this.insertStmt = db.prepare(`INSERT INTO shifts (id, till_id, number, opened_at, opened_by, opened_by_id, float_amount)
      VALUES (@id, @tillId, @number, @openedAt, @openedBy, @openedById, @float)`);
    this.closeStmt = db.prepare(`UPDATE shifts SET closed_at = @closedAt, closed_by = @closedBy, counted_cash = @countedCash,
      expected_cash = @expectedCash, close_note = @note WHERE id = @id AND closed_at IS NULL`);
    this.insertMovementStmt = db.prepare(`INSERT INTO cash_movements (id, shift_id, kind, amount, reason, actor, created_at)
      VALUES (@id, @shiftId, @kind, @amount, @reason, @actor, @createdAt)`);
    // Ids sort by time only to the millisecond (then random): two movements in one millisecond keep the
    // order they were made in by rowid, never by chance.
    this.movementsStmt = db.prepare('SELECT id, kind, amount, reason, actor, created_at FROM cash_movements WHERE shift_id = ? ORDER BY created_at, rowid');
    // Read through sales_by_shift / refunds_by_shift (migration 009).
    this.cashSalesStmt = db.prepare(`SELECT count(*) AS count, coalesce(sum(amount), 0) AS amount FROM sales
      WHERE shift_id = ? AND tender = 'cash' AND status = 'succeeded'`);
    this.cashRefundsStmt = db.prepare(`SELECT count(*) AS count, coalesce(sum(amount), 0) AS amount FROM refunds
      WHERE shift_id = ? AND tender = 'cash' AND status IN ${COUNTED_REFUND_STATUSES}`);
    this.movementSumsStmt = db.prepare(`SELECT coalesce(sum(CASE WHEN kind = 'pay_in' THEN amount END), 0) AS payIns,
      coalesce(sum(CASE WHEN kind = 'pay_out' THEN amount END), 0) AS payOuts FROM cash_movements WHERE shift_id = ?`);
  }

  /** The till's open shift (at most one: the partial unique index shifts_one_open). */
  openOn(tillId: string): ShiftRow | null {
    return (this.openStmt.get(tillId) as ShiftRow | undefined) ?? null;
  }

  get(id: string): ShiftRow | null {
    return (this.byIdStmt.get(id) as ShiftRow | undefined) ?? null;
  }

  /** Inserts a shift with the till's next number; call inside a write transaction so numbers never repeat. */
  insert(shift: NewShift): ShiftRow {
    const { next } = this.nextNumberStmt.get(shift.tillId) as { next: number };
    this.insertStmt.run({ ...shift, number: next });
    return this.get(shift.id)!;
  }

  /** Freezes the count and the expected cash; false when the shift was already closed. */
  close(id: string, close: ShiftClose): boolean {
    return this.closeStmt.run({ id, ...close }).changes === 1;
  }

  addMovement(movement: { id: string; shiftId: string; kind: 'pay_in' | 'pay_out'; amount: number; reason: string; actor: string | null; createdAt: number }): void {
    this.insertMovementStmt.run(movement);
  }

  movements(shiftId: string): CashMovement[] {
    return (this.movementsStmt.all(shiftId) as MovementRow[]).map((row) => ({
      id: row.id, kind: row.kind, amount: row.amount, reason: row.reason, actor: row.actor, createdAt: row.created_at,
    }));
  }

  /** Shifts opened in [startsAt, endsAt), oldest first: every till's, or one till's. */
  openedBetween(startsAt: number, endsAt: number, tillId: string | null): ShiftRow[] {
    const till = tillId === null ? '' : ' AND till_id = @tillId';
    return this.db
      .prepare(`SELECT * FROM shifts WHERE opened_at >= @startsAt AND opened_at < @endsAt${till} ORDER BY opened_at, till_id, number`)
      .all({ startsAt, endsAt, ...(tillId === null ? {} : { tillId }) }) as ShiftRow[];
  }

  /** The drawer's cash in a shift now; a closed shift's expected cash is the one frozen at its close. */
  cash(row: ShiftRow): ShiftCash {
    const cashSales = this.cashSalesStmt.get(row.id) as AmountCount;
    const cashRefunds = this.cashRefundsStmt.get(row.id) as AmountCount;
    const { payIns, payOuts } = this.movementSumsStmt.get(row.id) as { payIns: number; payOuts: number };
    const live = row.float_amount + cashSales.amount + payIns - payOuts - cashRefunds.amount;
    return { float: row.float_amount, cashSales, payIns, payOuts, cashRefunds, expected: row.expected_cash ?? live };
  }

  toShift(row: ShiftRow): Shift {
    const cash = this.cash(row);
    return {
      id: row.id,
      tillId: row.till_id,
      number: row.number,
      openedAt: row.opened_at,
      openedBy: row.opened_by,
      closedAt: row.closed_at,
      closedBy: row.closed_by,
      cash,
      movements: this.movements(row.id),
      countedCash: row.counted_cash,
      overShort: row.counted_cash === null ? null : row.counted_cash - cash.expected,
      closeNote: row.close_note,
    };
  }
}

/** Shifts' cash added up (a Z report's drawer is its shifts' drawers). */
export function sumCash(all: readonly ShiftCash[]): ShiftCash {
  const sum: ShiftCash = { float: 0, cashSales: { count: 0, amount: 0 }, payIns: 0, payOuts: 0, cashRefunds: { count: 0, amount: 0 }, expected: 0 };
  for (const cash of all) {
    sum.float += cash.float;
    sum.cashSales.count += cash.cashSales.count;
    sum.cashSales.amount += cash.cashSales.amount;
    sum.payIns += cash.payIns;
    sum.payOuts += cash.payOuts;
    sum.cashRefunds.count += cash.cashRefunds.count;
    sum.cashRefunds.amount += cash.cashRefunds.amount;
    sum.expected += cash.expected;
  }
  return sum;
}
