// The till's queue of sales head office has not heard about (head_office_outbox, filled by the ledger's
// own triggers: migration 012). Read oldest change first, a batch at a time, so a till back after days
// offline sends its backlog in bounded pieces. A row leaves only when the relay took that very version:
// a sale changed while its batch was on the wire stays queued under its newer version.
import type { LedgerDb } from '../ledger/open-ledger';

export interface QueuedSale {
  saleId: string;
  version: number;
}

export class HeadOfficeOutbox {
  private readonly selectBatch;
  private readonly removeOne;
  private readonly parkOne;
  private readonly countAll;
  private readonly countParked;

  constructor(private readonly db: LedgerDb) {
    this.selectBatch = db.prepare('SELECT sale_id AS saleId, version FROM head_office_outbox WHERE parked = 0 ORDER BY version, sale_id LIMIT ?');
    this.removeOne = db.prepare('DELETE FROM head_office_outbox WHERE sale_id = ? AND version = ?');
    this.parkOne = db.prepare('UPDATE head_office_outbox SET parked = 1 WHERE sale_id = ? AND version = ?');
    this.countAll = db.prepare('SELECT count(*) AS count FROM head_office_outbox');
    this.countParked = db.prepare('SELECT count(*) AS count FROM head_office_outbox WHERE parked = 1');
  }

  /** Up to `limit` queued sales, oldest change first (parked ones left out). */
  next(limit: number): QueuedSale[] {
    return this.selectBatch.all(limit) as QueuedSale[];
  }

  /** Sets this version aside: the relay refused it alone, for good. A newer change unparks it. */
  park(entry: QueuedSale): boolean {
    return this.parkOne.run(entry.saleId, entry.version).changes === 1;
  }

  /** Every parked sale is tried again (at start: the configuration may have been fixed). */
  unparkAll(): number {
    return this.db.prepare('UPDATE head_office_outbox SET parked = 0 WHERE parked = 1').run().changes;
  }

  parked(): number {
    return (this.countParked.get() as { count: number }).count;
  }

  /** Drops the rows of exactly these versions (sent and acknowledged); newer versions stay. */
  remove(sent: readonly QueuedSale[]): number {
    return this.db.transaction(() => {
      let removed = 0;
      for (const entry of sent) removed += this.removeOne.run(entry.saleId, entry.version).changes;
      return removed;
    })();
  }

  size(): number {
    return (this.countAll.get() as { count: number }).count;
  }
}
