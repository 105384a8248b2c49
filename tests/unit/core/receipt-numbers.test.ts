import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../../electron/core/ledger/open-ledger';
import { SalesRepository, type NewSale } from '../../../electron/core/ledger/sales-repository';

// Receipt numbers come from the ledger itself (migration 011's triggers), whatever code path pays a sale.
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
function ledger() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-receipt-no-'));
  dirs.push(dir);
  const db = openLedger(path.join(dir, 'ledger.sqlite3'));
  return { db, repo: new SalesRepository(db) };
}
const sale = (n: number, tillId: string): NewSale => ({
  id: `sale_receiptno${String(n).padStart(4, '0')}`, amount: 1_000 + n, description: null, orderRef: null, email: 'shop@example.com',
  metadata: {}, source: 'till', tillId, cashier: null, createdAt: n,
});
const paid = { source: 'test', kind: 'paid', fromStatus: 'created' as const };

describe('receipt numbers', () => {
  it('are given per till, in the order sales are paid, only to paid sales, with no gap', () => {
    const { db, repo } = ledger();
    for (let n = 1; n <= 6; n++) repo.insert(sale(n, n % 2 === 0 ? 'till-2' : 'till-1'));
    // Paid out of the order they were rung up in; sale 5 is never paid.
    for (const n of [3, 1, 2, 6, 4]) repo.update(sale(n, '').id, { status: 'succeeded' }, 100 + n, paid);
    const numbers = Object.fromEntries((db.prepare('SELECT id, receipt_no FROM sales').all() as { id: string; receipt_no: number | null }[]).map((row) => [row.id, row.receipt_no]));
    expect(numbers).toEqual({
      [sale(3, '').id]: 1, [sale(1, '').id]: 2, [sale(5, '').id]: null,
      [sale(2, '').id]: 1, [sale(6, '').id]: 2, [sale(4, '').id]: 3,
    });
    expect(repo.get(sale(4, '').id)!.receiptNo).toBe(3);
  });

  it('is never changed or taken away once given, and a failed payment gives none (the transaction rolls back whole)', () => {
    const { db, repo } = ledger();
    repo.insert(sale(1, 'till-1'));
    repo.insert(sale(2, 'till-1'));
    repo.update(sale(1, '').id, { status: 'succeeded' }, 10, paid);
    expect(() => db.prepare('UPDATE sales SET receipt_no = 7 WHERE id = ?').run(sale(1, '').id)).toThrow('a receipt number never changes');
    expect(() => db.prepare('UPDATE sales SET receipt_no = NULL WHERE id = ?').run(sale(1, '').id)).toThrow('a receipt number never changes');
    // A crash between "paid" and anything after it: the whole transaction, number included, is undone.
    expect(() => db.transaction(() => {
      repo.update(sale(2, '').id, { status: 'succeeded' }, 11, paid);
      throw new Error('power cut');
    })()).toThrow('power cut');
    expect(repo.get(sale(2, '').id)!.receiptNo).toBeNull();
    repo.update(sale(2, '').id, { status: 'succeeded' }, 12, paid);
    expect(repo.get(sale(2, '').id)!.receiptNo).toBe(2);
  });
});
