// The desktop customer display is a screen the customer faces: it gets the customer feed only, the same
// one a paired LAN tablet gets — the operations the contract opens to displays, the current sale with
// the cashier's details blanked, and sale.updated events for that sale. A page in that window that
// were somehow subverted could not charge, refund, read history or sign anyone in.
import { operationsAt, type PosEvent } from '../../shared/pos-contract';
import type { PosResult } from '../../shared/pos-error';
import type { Sale } from '../../shared/sale';
import { customerViewOfEvent, customerViewOfSale } from '../core/http/customer-feed';

/** What the customer window may call: the contract's `display` level, nothing else. */
export const CUSTOMER_WINDOW_OPERATIONS: ReadonlySet<string> = operationsAt('display');

export class CustomerWindowFeed {
  /** The sale the display shows: the newest one it has been told about. */
  private current: { id: string; createdAt: number } | null = null;

  mayCall(op: string): boolean {
    return CUSTOMER_WINDOW_OPERATIONS.has(op);
  }

  /** An answer as the customer window receives it (sales.current: the customer's view of the sale). */
  result(op: string, result: PosResult<unknown>): PosResult<unknown> {
    if (op !== 'sales.current' || !result.ok || result.value === null) return result;
    const sale = customerViewOfSale(result.value as Sale);
    this.follow(sale);
    return { ok: true, value: sale };
  }

  /**
   * The event as the customer window receives it, or null: only sale.updated, only for the current
   * sale or a newer one (which becomes current), stripped like the LAN feed.
   */
  event(event: PosEvent): PosEvent | null {
    const shown = customerViewOfEvent(event);
    if (!shown || shown.type !== 'sale.updated') return null;
    const sale = shown.data;
    if (this.current && sale.id !== this.current.id && sale.createdAt < this.current.createdAt) return null;
    this.follow(sale);
    return shown;
  }

  private follow(sale: Sale): void {
    if (!this.current || sale.createdAt >= this.current.createdAt) this.current = { id: sale.id, createdAt: sale.createdAt };
  }
}
