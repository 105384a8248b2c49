// The shop's catalogue in the ledger (`items`, migration 011): reads, and the one write every change
// goes through. An SKU, when set, belongs to one item; the UNIQUE index is the last word on that.
import type { Item } from '../../../shared/catalog';
import { PosError } from '../../../shared/pos-error';
import type { LedgerDb } from '../ledger/open-ledger';
import { newItemId } from './item-ids';
import { compareItems, itemMatches } from './item-search';

interface ItemRow {
  id: string;
  name: string;
  category: string | null;
  price: number;
  sku: string | null;
  active: number;
  created_at: number;
  updated_at: number;
}

function fromRow(row: ItemRow): Item {
  return {
    id: row.id, name: row.name, category: row.category, price: row.price, sku: row.sku, active: row.active === 1,
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** What an item becomes: every field decided (the caller resolved "keep" against the item as it was). */
export interface ItemFields {
  name: string;
  category: string | null;
  price: number;
  sku: string | null;
  active: boolean;
}

export interface ItemQuery {
  query?: string;
  category?: string;
  includeInactive?: boolean;
  limit?: number;
}

/** The default page: every item of a shop with hundreds of them. */
export const DEFAULT_ITEM_LIMIT = 1000;

export function sameFields(item: Item, fields: ItemFields): boolean {
  return item.name === fields.name && item.category === fields.category && item.price === fields.price && item.sku === fields.sku && item.active === fields.active;
}

export function skuTaken(sku: string, by: Item): PosError {
  return new PosError('conflict', `SKU ${sku} already belongs to "${by.name}".`, 'sku');
}

export class ItemCatalog {
  private readonly allStmt;
  private readonly byIdStmt;
  private readonly bySkuStmt;
  private readonly insertStmt;
  private readonly updateStmt;

  constructor(private readonly db: LedgerDb) {
    this.allStmt = db.prepare('SELECT * FROM items');
    this.byIdStmt = db.prepare('SELECT * FROM items WHERE id = ?');
    this.bySkuStmt = db.prepare('SELECT * FROM items WHERE sku = ?');
    this.insertStmt = db.prepare(`INSERT INTO items (id, name, category, price, sku, active, created_at, updated_at)
      VALUES (@id, @name, @category, @price, @sku, @active, @now, @now)`);
    this.updateStmt = db.prepare(`UPDATE items SET name = @name, category = @category, price = @price, sku = @sku, active = @active, updated_at = @now
      WHERE id = @id`);
  }

  all(): Item[] {
    return (this.allStmt.all() as ItemRow[]).map(fromRow);
  }

  get(id: string): Item | null {
    const row = this.byIdStmt.get(id) as ItemRow | undefined;
    return row ? fromRow(row) : null;
  }

  bySku(sku: string): Item | null {
    const row = this.bySkuStmt.get(sku) as ItemRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** Items matching the query (name, category or SKU, every word), in category then name order. */
  list(query: ItemQuery): Item[] {
    const category = query.category?.trim();
    return this.all()
      .filter((item) => (query.includeInactive || item.active) && (!category || item.category === category) && itemMatches(item, query.query ?? ''))
      .sort(compareItems)
      .slice(0, query.limit ?? DEFAULT_ITEM_LIMIT);
  }

  /** Creates (id null) or updates an item. An SKU held by another item is refused: conflict, field 'sku'. */
  write(id: string | null, fields: ItemFields, now: number): Item {
    if (fields.sku !== null) {
      const holder = this.bySku(fields.sku);
      if (holder && holder.id !== id) throw skuTaken(fields.sku, holder);
    }
    const itemId = id ?? newItemId(now);
    const row = { id: itemId, ...fields, active: fields.active ? 1 : 0, now };
    try {
      if (id === null) this.insertStmt.run(row);
      else if (this.updateStmt.run(row).changes === 0) throw new PosError('not_found', `No item ${id}.`, 'id');
    } catch (error) {
      // Two saves racing for one SKU: the index refuses the second, which then reads as the same conflict.
      if (fields.sku !== null && error instanceof Error && /UNIQUE constraint failed: items\.sku/.test(error.message)) {
        throw skuTaken(fields.sku, this.bySku(fields.sku) ?? { ...row, active: true, createdAt: now, updatedAt: now });
      }
      throw error;
    }
    return this.get(itemId)!;
  }

  /** Runs `work` in one write transaction (an import saves all of its rows or none). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }
}
