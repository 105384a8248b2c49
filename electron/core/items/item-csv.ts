// Item CSV: the export's columns (name,category,price,sku,active) read back by the import. Prices are
// baht as people write them ("45", "45.50", "1,250"), read by the keypad's own parser, never floats.
// An import is planned in full before anything is written: every row is checked, matched to an item
// (by SKU, else by name and category) and any error anywhere means nothing is saved.
import { parse } from 'csv-parse/sync';
import type { Item, ItemImportResult } from '../../../shared/catalog';
import { MAX_CHARGE_SATANG, parseBaht, satangToDecimal } from '../../../shared/money';
import { saveItemInput } from '../../../shared/pos-contract';
import { csvRecord } from '../exports/csv-export';
import { sameFields, type ItemFields } from './item-catalog';
import { foldForSearch, sameNameAndCategory } from './item-search';

export const ITEM_CSV_COLUMNS = ['name', 'category', 'price', 'sku', 'active'] as const;
type Column = (typeof ITEM_CSV_COLUMNS)[number];
const BOM = '\uFEFF';

/** The item list as CSV text: UTF-8 with a BOM (Excel then reads Thai), CRLF, every cell through the formula guard. */
export function itemsCsv(items: readonly Item[]): string {
  let csv = BOM + csvRecord(ITEM_CSV_COLUMNS);
  for (const item of items) {
    csv += csvRecord([item.name, item.category ?? '', satangToDecimal(item.price), item.sku ?? '', item.active ? 'yes' : 'no']);
  }
  return csv;
}

/**
 * The export's formula guard put a ' before text starting like a formula ("-Iced" → "'-Iced"); reading
 * our own file back takes it off again, so an export imports unchanged.
 */
function unguard(cell: string): string {
  return /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) ? cell.slice(1) : cell;
}

const ACTIVE_WORDS = new Map<string, boolean>([
  ['', true], ['yes', true], ['y', true], ['true', true], ['1', true], ['active', true], ['ใช่', true], ['ขาย', true], ['เปิด', true],
  ['no', false], ['n', false], ['false', false], ['0', false], ['inactive', false], ['ไม่', false], ['ไม่ใช่', false], ['ไม่ขาย', false], ['ปิด', false],
]);

/** One row as read: a field absent from the file's header is undefined (an update keeps it). */
interface CsvRow {
  line: number;
  name: string;
  category?: string | null;
  price: number;
  sku?: string | null;
  active?: boolean;
}

export type ImportPlanStep =
  | { kind: 'create'; line: number; fields: ItemFields }
  | { kind: 'update'; line: number; id: string; fields: ItemFields }
  | { kind: 'unchanged'; line: number; id: string };

export interface ImportPlan {
  steps: ImportPlanStep[];
  errors: ItemImportResult['errors'];
}

type Parsed = { record: string[]; info: { lines: number; empty_lines: number } };

function readRecords(csv: string): { records: { line: number; cells: string[] }[] } | { error: { line: number; message: string } } {
  let parsed: Parsed[];
  try {
    parsed = parse(csv, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: false }) as unknown as Parsed[];
  } catch (error) {
    const failure = error as { lines?: number; message?: string };
    return { error: { line: failure.lines ?? 1, message: `the file is not valid CSV (${failure.message ?? 'unreadable'})` } };
  }
  // csv-parse reports the line a record ends on; a record starts after the last one and any blank lines.
  let lastEnd = 0;
  let lastEmpty = 0;
  const records = parsed.map(({ record, info }) => {
    const line = lastEnd + 1 + (info.empty_lines - lastEmpty);
    lastEnd = info.lines;
    lastEmpty = info.empty_lines;
    return { line, cells: record };
  });
  return { records };
}

function readPrice(text: string): { ok: true; satang: number } | { ok: false; message: string } {
  const cleaned = text.trim().replace(/^฿\s*/, '').replace(/\s*(บาท|THB|baht)$/i, '');
  const parsed = parseBaht(cleaned);
  if (!parsed.ok) {
    return { ok: false, message: parsed.problem === 'empty' ? 'price: missing' : `price: "${text.trim()}" is not an amount in baht (like 45 or 45.50)` };
  }
  if (parsed.satang > MAX_CHARGE_SATANG) return { ok: false, message: 'price: above the ฿999,999.99 maximum' };
  return { ok: true, satang: parsed.satang };
}

/** Reads and checks every row; each problem names its line (the header is line 1). */
export function readItemCsv(csv: string): { rows: CsvRow[]; errors: ItemImportResult['errors'] } {
  const read = readRecords(csv);
  if ('error' in read) return { rows: [], errors: [read.error] };
  const [header, ...body] = read.records;
  if (!header) return { rows: [], errors: [{ line: 1, message: `the file has no header; the first line must be ${ITEM_CSV_COLUMNS.join(',')}` }] };
  const columns = header.cells.map((cell) => cell.trim().toLowerCase());
  const index = new Map<Column, number>();
  const errors: ItemImportResult['errors'] = [];
  columns.forEach((column, i) => {
    if (!(ITEM_CSV_COLUMNS as readonly string[]).includes(column)) errors.push({ line: 1, message: `unknown column "${header.cells[i]}"; the columns are ${ITEM_CSV_COLUMNS.join(', ')}` });
    else if (index.has(column as Column)) errors.push({ line: 1, message: `column "${column}" appears twice` });
    else index.set(column as Column, i);
  });
  for (const required of ['name', 'price'] as const) if (!index.has(required)) errors.push({ line: 1, message: `the header has no "${required}" column` });
  if (errors.length > 0) return { rows: [], errors };

  const rows: CsvRow[] = [];
  for (const { line, cells } of body) {
    if (cells.length !== columns.length) {
      errors.push({ line, message: `${cells.length} cells where the header has ${columns.length} (a comma in a name needs the name in "quotes")` });
      continue;
    }
    const cell = (column: Column): string | undefined => (index.has(column) ? unguard(cells[index.get(column)!]).trim() : undefined);
    const problems: string[] = [];
    const price = readPrice(cell('price') ?? '');
    if (!price.ok) problems.push(price.message);
    const activeText = cell('active');
    const active = activeText === undefined ? undefined : ACTIVE_WORDS.get(foldForSearch(activeText));
    if (activeText !== undefined && active === undefined) problems.push(`active: "${activeText}" is not yes or no`);
    const category = cell('category');
    const sku = cell('sku');
    // The same rules as a save from the screen (name length, SKU length…), from the contract's schema.
    const checked = saveItemInput.safeParse({ name: cell('name') ?? '', price: price.ok ? price.satang : 0, category: category || null, sku: sku || null });
    if (!checked.success) for (const issue of checked.error.issues) problems.push(`${issue.path.join('.') || 'row'}: ${issue.message}`);
    if (problems.length > 0 || !price.ok || !checked.success) {
      errors.push({ line, message: problems.join('; ') });
      continue;
    }
    rows.push({
      line,
      name: checked.data.name,
      price: price.satang,
      ...(category === undefined ? {} : { category: checked.data.category ?? null }),
      ...(sku === undefined ? {} : { sku: checked.data.sku ?? null }),
      ...(active === undefined ? {} : { active }),
    });
  }
  if (body.length === 0) errors.push({ line: 2, message: 'the file has a header but no items' });
  return { rows, errors };
}

/**
 * Matches each row to an item: by SKU when the row has one, else by name and category among items
 * without an SKU (an item with another SKU is another item). Two rows for one item are an error.
 * A field the file has no column for, or an empty SKU cell on a row matched by name, keeps its value.
 */
export function planItemImport(rows: readonly CsvRow[], existing: readonly Item[]): ImportPlan {
  const errors: ItemImportResult['errors'] = [];
  const steps: ImportPlanStep[] = [];
  const bySku = new Map(existing.filter((item) => item.sku !== null).map((item) => [item.sku!, item]));
  const skuLine = new Map<string, number>();
  const itemLine = new Map<string, number>();
  const newNameLine: { row: CsvRow; category: string | null }[] = [];
  for (const row of rows) {
    if (row.sku) {
      const first = skuLine.get(row.sku);
      if (first !== undefined) {
        errors.push({ line: row.line, message: `sku: ${row.sku} is already on line ${first}` });
        continue;
      }
      skuLine.set(row.sku, row.line);
    }
    const category = row.category === undefined ? null : row.category;
    const match = (row.sku ? bySku.get(row.sku) : undefined)
      ?? existing.find((item) => item.sku === null && sameNameAndCategory(item, { name: row.name, category }));
    if (match) {
      const first = itemLine.get(match.id);
      if (first !== undefined) {
        errors.push({ line: row.line, message: `"${row.name}" is the same item as line ${first}` });
        continue;
      }
      itemLine.set(match.id, row.line);
      const fields: ItemFields = {
        name: row.name,
        category: row.category === undefined ? match.category : row.category,
        price: row.price,
        sku: row.sku ? row.sku : match.sku,
        active: row.active === undefined ? match.active : row.active,
      };
      steps.push(sameFields(match, fields) ? { kind: 'unchanged', line: row.line, id: match.id } : { kind: 'update', line: row.line, id: match.id, fields });
      continue;
    }
    if (!row.sku) {
      const twin = newNameLine.find((other) => sameNameAndCategory({ name: other.row.name, category: other.category }, { name: row.name, category }));
      if (twin) {
        errors.push({ line: row.line, message: `"${row.name}" is already on line ${twin.row.line} (give each an SKU to keep both)` });
        continue;
      }
      newNameLine.push({ row, category });
    }
    steps.push({ kind: 'create', line: row.line, fields: { name: row.name, category, price: row.price, sku: row.sku ?? null, active: row.active ?? true } });
  }
  return { steps, errors };
}
