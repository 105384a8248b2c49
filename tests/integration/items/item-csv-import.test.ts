// Item CSV import and export on a real ledger: awkward files (Thai, a BOM, quotes, bad prices, duplicate
// SKUs) are all or nothing with line numbers, a dry run saves nothing, and an export reads back unchanged.
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { openItemLedger, type ItemLedger } from './item-ledger';

const ledgers: ItemLedger[] = [];
afterEach(() => {
  for (const opened of ledgers.splice(0)) opened.close();
});
function ledger(): ItemLedger {
  const opened = openItemLedger();
  ledgers.push(opened);
  return opened;
}
const BOM = '\uFEFF';

describe('items.import', () => {
  it('reads a Thai file with a BOM, quotes, CRLF, baht prices and a blank line; a dry run saves nothing', async () => {
    const shop = ledger();
    const csv = `${BOM}name,category,price,sku,active\r\n`
      + 'ข้าวมันไก่,อาหาร,45,,yes\r\n'
      + '"ชาไทย ""พิเศษ"", หวานน้อย",เครื่องดื่ม,45.50,TEA-TH,\r\n'
      + '\r\n'
      + '"Cake,\nchocolate",Bakery,"1,250",CK-1,no\r\n'
      + 'น้ำเปล่า,,฿10,,ใช่\r\n';
    const dry = await shop.run('items.import', { csv, dryRun: true });
    expect(dry).toEqual({ created: 4, updated: 0, unchanged: 0, errors: [], saved: false });
    expect(await shop.run('items.list', { includeInactive: true })).toEqual([]);
    expect(shop.audit('items.imported')).toEqual([]);

    const saved = await shop.run('items.import', { csv });
    expect(saved).toEqual({ created: 4, updated: 0, unchanged: 0, errors: [], saved: true });
    const items = await shop.run('items.list', { includeInactive: true });
    expect(items.map(({ name, category, price, sku, active }) => ({ name, category, price, sku, active }))).toEqual(expect.arrayContaining([
      { name: 'ข้าวมันไก่', category: 'อาหาร', price: 4_500, sku: null, active: true },
      { name: 'ชาไทย "พิเศษ", หวานน้อย', category: 'เครื่องดื่ม', price: 4_550, sku: 'TEA-TH', active: true },
      { name: 'Cake,\nchocolate', category: 'Bakery', price: 125_000, sku: 'CK-1', active: false },
      { name: 'น้ำเปล่า', category: null, price: 1_000, sku: null, active: true },
    ]));
    expect(shop.audit('items.imported')).toEqual([{ actor: 'Manager Mali', detail: { created: 4, updated: 0, unchanged: 0, rows: 4 } }]);
  });

  it('saves nothing when any row is wrong, and names every bad line', async () => {
    const shop = ledger();
    await shop.run('items.save', { name: 'Espresso', price: 5_000, sku: 'ESP' });
    const csv = 'name,category,price,sku,active\n'
      + 'Americano,Coffee,55,AME,yes\n'        // 2: fine
      + 'Latte,Coffee,55.555,LAT,yes\n'         // 3: three decimals
      + 'Mocha,Coffee,12,50,MOC,yes\n'          // 4: an unquoted comma: one cell too many
      + ',Coffee,40,,yes\n'                     // 5: no name
      + 'Cappuccino,Coffee,abc,CAP,yes\n'       // 6: not a price
      + 'Flat white,Coffee,60,AME,yes\n'        // 7: AME again
      + 'Tea,Tea,30,,maybe\n'                   // 8: active?
      + 'Americano,Coffee,-5,,yes\n';           // 9: negative price
    const result = await shop.run('items.import', { csv });
    expect(result.saved).toBe(false);
    expect(result.errors.map((error) => error.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(result.errors.find((error) => error.line === 7)?.message).toMatch(/AME.*line 2/);
    expect(result.errors.find((error) => error.line === 3)?.message).toMatch(/price/);
    expect(result.errors.find((error) => error.line === 8)?.message).toMatch(/active/);
    // Nothing of the good rows either.
    expect((await shop.run('items.list', {})).map((item) => item.name)).toEqual(['Espresso']);
    expect(shop.audit('items.imported')).toEqual([]);
  });

  it('refuses a file without the columns it needs, an unknown column, a broken quote, and a header alone', async () => {
    const shop = ledger();
    expect((await shop.run('items.import', { csv: 'title,price\nLatte,50\n' })).errors).toEqual([
      { line: 1, message: expect.stringContaining('unknown column "title"') },
      { line: 1, message: expect.stringContaining('"name"') },
    ]);
    expect((await shop.run('items.import', { csv: 'name,price\n"Latte,50\nMocha,60\n' })).errors[0]).toMatchObject({ message: expect.stringContaining('not valid CSV') });
    expect((await shop.run('items.import', { csv: `${BOM}name,price\r\n` })).errors).toEqual([{ line: 2, message: expect.stringContaining('no items') }]);
    expect(await shop.run('items.list', {})).toEqual([]);
  });

  it('matches rows by SKU, else by name and category; unchanged rows are counted, not written', async () => {
    const shop = ledger();
    const espresso = await shop.run('items.save', { name: 'Espresso', category: 'Coffee', price: 5_000, sku: 'ESP' });
    const tea = await shop.run('items.save', { name: 'Thai tea', category: 'Tea', price: 4_000 });
    const cake = await shop.run('items.save', { name: 'Cake', category: 'Bakery', price: 6_000 });
    shop.clock.now += 5_000;
    const csv = 'name,category,price,sku\n'
      + 'Espresso (double),Coffee,65,ESP\n'     // by SKU: renamed, dearer
      + 'THAI TEA,tea,40,\n'                    // by name and category, case aside: unchanged price… but renamed
      + 'Cake,Bakery,60,\n'                     // unchanged
      + 'Cake,Drinks,60,\n';                    // another category: a new item
    const result = await shop.run('items.import', { csv });
    expect(result).toEqual({ created: 1, updated: 2, unchanged: 1, errors: [], saved: true });
    const byId = new Map((await shop.run('items.list', { includeInactive: true })).map((item) => [item.id, item]));
    expect(byId.get(espresso.id)).toMatchObject({ name: 'Espresso (double)', price: 6_500, sku: 'ESP' });
    expect(byId.get(tea.id)).toMatchObject({ name: 'THAI TEA', category: 'tea', price: 4_000 });
    expect(byId.get(cake.id)).toEqual(cake);
    expect(byId.size).toBe(4);
    // Two rows for one item, found by name: refused.
    const twice = await shop.run('items.import', { csv: 'name,category,price\nCake,Bakery,61\ncake,bakery,62\n' });
    expect(twice.saved).toBe(false);
    expect(twice.errors).toEqual([{ line: 3, message: expect.stringContaining('line 2') }]);
  });

  it('a file without an active column keeps what is on sale as it is', async () => {
    const shop = ledger();
    const old = await shop.run('items.save', { name: 'Old blend', price: 4_000, sku: 'OLD', active: false });
    await shop.run('items.import', { csv: 'name,price,sku\nOld blend,42,OLD\n' });
    expect((await shop.run('items.list', { includeInactive: true }))[0]).toMatchObject({ id: old.id, price: 4_200, active: false });
  });
});

describe('items.export', () => {
  it('writes UTF-8 with a BOM, guards formulas, and imports back unchanged', async () => {
    const shop = ledger();
    const made = [
      await shop.run('items.save', { name: 'ข้าวผัด "พิเศษ", ไข่ดาว', category: 'อาหาร', price: 6_550, sku: 'FR-1' }),
      await shop.run('items.save', { name: '=HYPERLINK("http://evil")', category: '+cmd', price: 100 }),
      await shop.run('items.save', { name: '-Iced', category: '@home', price: 0, sku: '-5', active: false }),
      await shop.run('items.save', { name: 'Plain', price: 99_999_999 }),
    ];
    const exported = await shop.run('items.export', {});
    expect(exported.fileName).toBe('items-2026-01-15.csv');
    expect(exported.csv.startsWith(BOM)).toBe(true);
    const records = parse(exported.csv, { bom: true }) as string[][];
    expect(records[0]).toEqual(['name', 'category', 'price', 'sku', 'active']);
    const cells = records.slice(1).flat();
    expect(cells.filter((cell) => /^[=+@-]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell))).toEqual([]);
    expect(records.find((row) => row[0] === 'Plain')).toEqual(['Plain', '', '999999.99', '', 'yes']);
    expect(shop.audit('items.exported')).toEqual([{ actor: 'Manager Mali', detail: { items: 4 } }]);

    // Read back into the same shop: every row is its item, unchanged.
    expect(await shop.run('items.import', { csv: exported.csv, dryRun: true })).toEqual({ created: 0, updated: 0, unchanged: 4, errors: [], saved: false });
    // And into an empty shop: the same items.
    const other = ledger();
    expect(await other.run('items.import', { csv: exported.csv })).toMatchObject({ created: 4, saved: true });
    const strip = ({ name, category, price, sku, active }: (typeof made)[number]) => ({ name, category, price, sku, active });
    expect((await other.run('items.list', { includeInactive: true })).map(strip).sort((a, b) => a.name.localeCompare(b.name)))
      .toEqual(made.map(strip).sort((a, b) => a.name.localeCompare(b.name)));
  });
});
