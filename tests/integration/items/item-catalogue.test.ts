// The catalogue on a real ledger: create, update, search in Thai and English, SKU conflicts, what the
// till sees (active items only) and the audit trail.
import { afterEach, describe, expect, it } from 'vitest';
import type { Item } from '../../../shared/catalog';
import { CASHIER, MANAGER, openItemLedger, type ItemLedger } from './item-ledger';

const ledgers: ItemLedger[] = [];
afterEach(() => {
  for (const opened of ledgers.splice(0)) opened.close();
});
function ledger(): ItemLedger {
  const opened = openItemLedger();
  ledgers.push(opened);
  return opened;
}

describe('items.save and items.list', () => {
  it('creates and updates an item; a field left out keeps its value, null clears it', async () => {
    const shop = ledger();
    const latte = await shop.run('items.save', { name: 'ลาเต้เย็น Iced latte', category: 'กาแฟ', price: 6_500, sku: 'LAT-01' });
    expect(latte).toMatchObject({ name: 'ลาเต้เย็น Iced latte', category: 'กาแฟ', price: 6_500, sku: 'LAT-01', active: true });
    expect(latte.id).toMatch(/^itm_/);

    shop.clock.now += 60_000;
    const dearer = await shop.run('items.save', { id: latte.id, name: 'ลาเต้เย็น Iced latte', price: 7_000 });
    expect(dearer).toMatchObject({ id: latte.id, price: 7_000, category: 'กาแฟ', sku: 'LAT-01', active: true, createdAt: latte.createdAt, updatedAt: latte.createdAt + 60_000 });

    const cleared = await shop.run('items.save', { id: latte.id, name: 'Iced latte', price: 7_000, sku: null, category: null, active: false });
    expect(cleared).toMatchObject({ name: 'Iced latte', sku: null, category: null, active: false });
    expect(await shop.run('items.list', { includeInactive: true })).toEqual([cleared]);

    const saved = shop.audit('item.saved');
    expect(saved).toHaveLength(3);
    expect(saved[0]).toMatchObject({ actor: 'Manager Mali', detail: { itemId: latte.id, created: true, price: 6_500 } });
    expect(saved[1].detail).toMatchObject({ created: false, price: 7_000, before: { price: 6_500 } });
  });

  it('a save that changes nothing writes and audits nothing', async () => {
    const shop = ledger();
    const tea = await shop.run('items.save', { name: 'Thai tea', price: 4_500 });
    shop.clock.now += 1_000;
    expect(await shop.run('items.save', { id: tea.id, name: 'Thai tea', price: 4_500 })).toEqual(tea);
    expect(shop.audit('item.saved')).toHaveLength(1);
  });

  it('refuses an SKU another item holds (conflict on sku), and an unknown id', async () => {
    const shop = ledger();
    await shop.run('items.save', { name: 'Espresso', price: 5_000, sku: 'ESP' });
    const mocha = await shop.run('items.save', { name: 'Mocha', price: 6_000 });
    const conflict = await shop.refusal('items.save', { name: 'Espresso double', price: 7_000, sku: 'ESP' });
    expect(conflict).toMatchObject({ code: 'conflict', field: 'sku' });
    expect(conflict.message).toContain('Espresso');
    expect(await shop.refusal('items.save', { id: mocha.id, name: 'Mocha', price: 6_000, sku: 'ESP' })).toMatchObject({ code: 'conflict', field: 'sku' });
    // The item keeps its own SKU on an update.
    const espresso = (await shop.run('items.list', { query: 'ESP' }))[0];
    expect(await shop.run('items.save', { id: espresso.id, name: 'Espresso', price: 5_500, sku: 'ESP' })).toMatchObject({ price: 5_500, sku: 'ESP' });
    expect(await shop.refusal('items.save', { id: 'itm_0000000000000000', name: 'Ghost', price: 100 })).toMatchObject({ code: 'not_found', field: 'id' });
    expect(shop.audit('item.saved')).toHaveLength(3);
  });

  it('searches name, category and SKU, Thai and English, whatever the case or width', async () => {
    const shop = ledger();
    const made: Item[] = [];
    for (const item of [
      { name: 'Café latte', category: 'Coffee', price: 6_500, sku: 'CF-LAT' },
      { name: 'ชาเขียวนม', category: 'ชา', price: 5_000, sku: 'TEA-01' },
      { name: 'ข้าวมันไก่', category: 'อาหาร', price: 6_000 },
      { name: 'Croissant', category: 'Bakery', price: 5_500, sku: '885000111' },
    ]) made.push(await shop.run('items.save', item));
    const names = async (input: object) => (await shop.run('items.list', input)).map((item) => item.name);
    expect(await names({ query: 'CAFÉ' })).toEqual(['Café latte']);
    expect(await names({ query: 'ｌａｔｔｅ' })).toEqual(['Café latte']);
    expect(await names({ query: 'coffee' })).toEqual(['Café latte']);
    expect(await names({ query: 'ชา' })).toEqual(['ชาเขียวนม']);
    expect(await names({ query: 'ไก่' })).toEqual(['ข้าวมันไก่']);
    expect(await names({ query: 'tea-01' })).toEqual(['ชาเขียวนม']);
    expect(await names({ query: '885000' })).toEqual(['Croissant']);
    expect(await names({ query: 'bakery crois' })).toEqual(['Croissant']);
    expect(await names({ query: 'nothing like it' })).toEqual([]);
    expect(await names({ category: 'อาหาร' })).toEqual(['ข้าวมันไก่']);
    // Category, then name; Thai and English in their dictionary orders.
    expect(await names({})).toHaveLength(4);
    expect(await names({ limit: 2 })).toHaveLength(2);
  });

  it('the till sees active items only; items taken off sale are a manager\'s to see', async () => {
    const shop = ledger();
    const old = await shop.run('items.save', { name: 'Old blend', price: 4_000, active: false });
    const now = await shop.run('items.save', { name: 'House blend', price: 4_500 });
    expect(await shop.run('items.list', {}, CASHIER)).toEqual([now]);
    expect(await shop.refusal('items.list', { includeInactive: true }, CASHIER)).toMatchObject({ code: 'forbidden' });
    expect((await shop.run('items.list', { includeInactive: true }, MANAGER)).map((item) => item.id).sort()).toEqual([old.id, now.id].sort());
  });

  it('hundreds of items list and search', async () => {
    const shop = ledger();
    shop.db.transaction(() => {
      const insert = shop.db.prepare('INSERT INTO items (id, name, category, price, sku, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 0, 0)');
      for (let i = 0; i < 800; i++) insert.run(`itm_bulk${String(i).padStart(8, '0')}`, `เมนู ${i} Menu`, `หมวด ${i % 12}`, 1_000 + i, `SKU${i}`);
    })();
    expect(await shop.run('items.list', {})).toHaveLength(800);
    expect((await shop.run('items.list', { query: 'sku799' })).map((item) => item.price)).toEqual([1_799]);
    expect(await shop.run('items.list', { category: 'หมวด 3' })).toHaveLength(67);
  });
});
