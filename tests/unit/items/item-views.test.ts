// The screens' pure item helpers: the ticket's arithmetic and limits, search as the till types it
// (every word, case and width folded, a scanned SKU on Enter), and the report's row order.
import { describe, expect, it } from 'vitest';
import type { Item, ItemSalesRow } from '../../../shared/catalog';
import { categoriesOf, filterItems, itemForEnter } from '../../../renderer/state/item-filter';
import { sortedItemRows } from '../../../renderer/state/item-sales-store';
import { addToTicket, linesHint, MAX_QUANTITY, setQuantity, ticketTotal } from '../../../renderer/state/item-ticket';

const item = (id: string, name: string, category: string | null, price: number, sku: string | null = null): Item => ({ id, name, category, price, sku, active: true, createdAt: 0, updatedAt: 0 });
const ITEMS = [
  item('itm_a0000000001', 'Café latte', 'Coffee', 6_500, 'CF-LAT'),
  item('itm_a0000000002', 'ชาเขียวนม', 'ชา', 5_000, '885000111'),
  item('itm_a0000000003', 'Iced latte', 'Coffee', 7_000),
  item('itm_a0000000004', 'Water', null, 1_000),
];

describe('ticket arithmetic', () => {
  it('counts a second tap on one line, caps quantities, and a price changed meanwhile is a new line', () => {
    let ticket = addToTicket([], ITEMS[0]);
    ticket = addToTicket(ticket, ITEMS[0]);
    expect(ticket).toEqual([{ itemId: ITEMS[0].id, name: 'Café latte', unitPrice: 6_500, quantity: 2 }]);
    ticket = addToTicket(ticket, { ...ITEMS[0], price: 6_900 });
    expect(ticket).toHaveLength(2);
    expect(ticketTotal(ticket)).toBe(19_900);
    expect(setQuantity(ticket, 0, 5_000)[0].quantity).toBe(MAX_QUANTITY);
    expect(setQuantity(ticket, 0, -1)).toHaveLength(1);
  });

  it('hints a sale\'s lines briefly', () => {
    expect(linesHint([])).toBeNull();
    expect(linesHint([{ name: 'Latte', quantity: 2 }, { name: 'Cake', quantity: 1 }, { name: 'Tea', quantity: 1 }])).toEqual({ names: 'Latte ×2, Cake', more: 1 });
  });
});

describe('finding items', () => {
  it('matches every word in name, category or SKU, whatever the case or width', () => {
    expect(filterItems(ITEMS, 'LATTE').map((i) => i.name)).toEqual(['Café latte', 'Iced latte']);
    expect(filterItems(ITEMS, 'café').map((i) => i.name)).toEqual(['Café latte']);
    expect(filterItems(ITEMS, 'ｉｃｅｄ').map((i) => i.name)).toEqual(['Iced latte']);
    expect(filterItems(ITEMS, 'coffee iced').map((i) => i.name)).toEqual(['Iced latte']);
    expect(filterItems(ITEMS, 'นม').map((i) => i.name)).toEqual(['ชาเขียวนม']);
    expect(filterItems(ITEMS, '', null).map((i) => i.name)).toEqual(['Water']);
    expect(filterItems(ITEMS, '', 'Coffee')).toHaveLength(2);
    expect(categoriesOf(ITEMS)).toEqual(['Coffee', 'ชา', null]);
  });

  it('Enter adds the item whose SKU was scanned, else the only match, else nothing', () => {
    expect(itemForEnter(ITEMS, '885000111')?.name).toBe('ชาเขียวนม');
    expect(itemForEnter(ITEMS, 'cf-lat')?.name).toBe('Café latte');
    expect(itemForEnter(ITEMS, 'water')?.name).toBe('Water');
    expect(itemForEnter(ITEMS, 'latte')).toBeNull();
    expect(itemForEnter(ITEMS, '  ')).toBeNull();
  });
});

describe('sales by item rows', () => {
  it('sorts items by gross or quantity and keeps the keyed-amount row last', () => {
    const rows: ItemSalesRow[] = [
      { itemId: null, name: '', category: null, quantity: 0, gross: 99_999, sales: 3 },
      { itemId: 'itm_a', name: 'A', category: null, quantity: 10, gross: 1_000, sales: 2 },
      { itemId: 'itm_b', name: 'B', category: null, quantity: 1, gross: 5_000, sales: 1 },
    ];
    expect(sortedItemRows(rows, 'gross').map((r) => r.name)).toEqual(['B', 'A', '']);
    expect(sortedItemRows(rows, 'quantity').map((r) => r.name)).toEqual(['A', 'B', '']);
  });
});
