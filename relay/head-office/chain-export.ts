// The chain's sales as CSV or XLSX, a page at a time (keyset pages; a year of a large chain is never in
// memory at once). One row per sale created on the range's business days, every shop and till, with its
// times in its own shop's zone. CSV is UTF-8 with a byte-order mark (Excel reads Thai right) and every
// cell passes a formula guard (cashier names are typed by people); XLSX cells are typed strings.
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { EXPORT_START, type DayRange, type ExportRow, type HeadOfficeStore } from './head-office-store';

export const EXPORT_PAGE = 1000;

export const CHAIN_EXPORT_COLUMNS = [
  'Shop', 'Till', 'Business day', 'Sale id', 'Created (shop time)', 'Paid (shop time)', 'Time zone', 'Cashier', 'Tender', 'Status',
  'Amount (THB)', 'Refunded (THB)', 'Net (THB)', 'Mode',
] as const;

/** Hand-confirmed PromptPay is the cashier's word, not Stripe's: every export says so. */
const TENDER_LABELS = { promptpay: 'PromptPay (Stripe)', cash: 'Cash', promptpay_manual: 'PromptPay confirmed by hand (unverified)' } as const;

export async function* exportPages(store: HeadOfficeStore, range: DayRange, pageSize = EXPORT_PAGE): AsyncGenerator<ExportRow[]> {
  let after = EXPORT_START;
  for (;;) {
    const page = await store.exportPage(range, after, pageSize);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1];
    after = { businessDate: last.businessDate, shopId: last.shopId, tillId: last.tillId, createdAt: last.createdAt, saleId: last.saleId };
  }
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** "2026-03-08 14:05:09" in the sale's own shop zone. */
export function shopTime(epochMs: number, timeZone: string): string {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    zoneFormatters.set(timeZone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(epochMs)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Satang as a decimal string (integer arithmetic: never through floating point). */
export function baht(satang: number): string {
  const sign = satang < 0 ? '-' : '';
  const abs = Math.abs(satang);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A paid sale keeps its amount less its refunds; an unpaid one brought nothing in. */
const netOf = (row: ExportRow) => (row.status === 'succeeded' ? row.amount - row.refunded : 0);

function cells(row: ExportRow): string[] {
  return [
    row.shopId, row.tillId, row.businessDate, row.saleId, shopTime(row.createdAt, row.timeZone),
    row.paidAt === null ? '' : shopTime(row.paidAt, row.timeZone), row.timeZone, row.cashier ?? '', TENDER_LABELS[row.tender], row.status,
    baht(row.amount), baht(row.refunded), baht(netOf(row)), row.mode,
  ];
}

const STARTS_LIKE_FORMULA = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** OWASP's CSV injection guard, then RFC 4180 quoting. */
export function csvField(cell: string): string {
  const safe = STARTS_LIKE_FORMULA.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const csvRecord = (values: readonly string[]) => `${values.map(csvField).join(',')}\r\n`;

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export async function writeChainCsv(store: HeadOfficeStore, range: DayRange, out: Writable): Promise<void> {
  await write(out, `\uFEFF${csvRecord(CHAIN_EXPORT_COLUMNS)}`);
  for await (const page of exportPages(store, range)) await write(out, page.map((row) => csvRecord(cells(row))).join(''));
  out.end();
}

export async function writeChainXlsx(store: HeadOfficeStore, range: DayRange, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Chamra relay (head office)';
  const sheet = workbook.addWorksheet('Sales');
  sheet.columns = CHAIN_EXPORT_COLUMNS.map((header) => ({ header, width: header === 'Sale id' ? 30 : header === 'Tender' ? 40 : 16 }));
  for await (const page of exportPages(store, range)) {
    for (const row of page) {
      const values: (string | number)[] = cells(row);
      // Amounts as numbers in baht (2 decimals), so the sheet can add them up.
      for (const index of [10, 11, 12]) values[index] = Number(values[index]);
      sheet.addRow(values).commit();
    }
  }
  sheet.commit();
  await workbook.commit();
}
