// A drawer's cash movements and a sale's refunds made within one millisecond are listed in the order
// they were made. Their ids sort by time only to the millisecond and then by random letters, so
// ordering by id put a pay-out before the pay-in made just before it about half the time.
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, type LedgerDb } from '../../../electron/core/ledger/open-ledger';
import { RefundRepository } from '../../../electron/core/refunds/refund-repository';
import { ShiftRepository } from '../../../electron/core/shifts/shift-repository';
import { recordCashSale } from '../../integration/shifts/cash-ledger';

const AT = Date.UTC(2026, 11, 3, 3, 0, 0);
let db: LedgerDb | undefined;

afterEach(() => db?.close());

describe('made in one millisecond', () => {
  it('lists cash movements in the order they were made, whatever their ids', () => {
    db = openLedger(':memory:');
    const shifts = new ShiftRepository(db);
    const shift = shifts.insert({ id: 'sh_test', tillId: 'till-1', openedAt: AT, openedBy: 'Owner', openedById: null, float: 10_000 });
    // Ids chosen so that sorting by id would reverse them.
    shifts.addMovement({ id: 'cm_zzzz', shiftId: shift.id, kind: 'pay_in', amount: 50_000, reason: 'Change from the bank', actor: 'Owner', createdAt: AT });
    shifts.addMovement({ id: 'cm_aaaa', shiftId: shift.id, kind: 'pay_out', amount: 12_000, reason: 'Ice delivery', actor: 'Owner', createdAt: AT });
    expect(shifts.movements(shift.id).map((movement) => movement.kind)).toEqual(['pay_in', 'pay_out']);
  });

  it("lists a sale's refunds in the order they were made, whatever their ids", () => {
    db = openLedger(':memory:');
    const saleId = recordCashSale(db, { amount: 20_000, shiftId: null, createdAt: AT });
    const refunds = new RefundRepository(db);
    for (const [id, amount] of [['re_zzzz', 1_000], ['re_aaaa', 2_000]] as const) {
      refunds.insert({ id, saleId, amount, email: null, reason: 'requested_by_customer', requestedBy: 'Owner', tillId: 'till-1', createdAt: AT, tender: 'cash', status: 'succeeded' });
    }
    expect(refunds.forSale(saleId).map((refund) => refund.amount)).toEqual([1_000, 2_000]);
  });
});
