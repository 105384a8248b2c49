// CSV in UTF-8 with a byte-order mark: without it Excel reads the file as ANSI and Thai turns to junk.
// Each page of rows is encoded record by record into one buffer and written with the stream's
// backpressure. Quoting is RFC 4180's two rules, written here: a general CSV library weighed every
// field against a dozen options and cost more than the rest of the export together
// (bench/daily-report.bench.ts; a test checks our records against csv-stringify's, byte for byte).
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { satangToDecimal } from '../../../shared/money';
import { localDateTime } from '../reports/business-day';
import { EXPORT_COLUMNS, ExportPages, toRawExportRow, type JoinedExportPages, type JoinedExportRow, type RawExportRow } from './export-rows';
import { yieldToEventLoop, type ExportSource } from './export-source';

const BOM = '\uFEFF';
/** = + - @, tab, CR, and the full-width = + - @ some spreadsheets (Apple Numbers) read as them. */
const FORMULA_FIRST_CHARACTERS = '=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20';
const STARTS_LIKE_FORMULA = new RegExp(`^[${FORMULA_FIRST_CHARACTERS}]`);
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;
/** Either of the two: most cells have neither, and one test tells. */
const NEEDS_CARE = new RegExp(`^[${FORMULA_FIRST_CHARACTERS}]|[",\\r\\n]`);

/**
 * A cell made safe for spreadsheets opening a CSV (OWASP, CSV injection): text starting like a
 * formula gets a leading single quote. Plain numbers (a negative amount) are left as they are. Only
 * for CSV: XLSX cells are typed strings already.
 */
export function csvSafeCell(cell: string): string {
  return STARTS_LIKE_FORMULA.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/**
 * A cell as it goes into the file: through the formula guard, then quoted as RFC 4180 says (inner
 * quotes doubled) when it holds a comma, quote or line break. Most cells need neither: one test.
 */
function csvField(cell: string): string {
  if (!NEEDS_CARE.test(cell)) return cell;
  const safe = csvSafeCell(cell);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * One CSV record with its CRLF. Description, order reference and cashier name are typed by people:
 * every cell passes the formula guard, so none can become a formula.
 */
export function csvRecord(cells: readonly string[]): string {
  let record = csvField(cells[0]);
  for (let i = 1; i < cells.length; i++) record += `,${csvField(cells[i])}`;
  return `${record}\r\n`;
}

/**
 * UTF-8 bytes gathered from many short strings. Encoding each record as it comes is several times
 * faster than joining a page into one long string and encoding that.
 */
class Utf8Chunk {
  private buffer: Buffer;
  private length = 0;

  constructor(capacity: number) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  append(text: string): void {
    // One UTF-16 code unit is at most 3 bytes of UTF-8.
    if (this.length + text.length * 3 > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + text.length * 3));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** Writes with backpressure; a stream closed under it (a download given up) ends the export, never hangs it. */
async function writeWithBackpressure(out: Writable, chunk: string | Buffer): Promise<void> {
  if (out.destroyed) throw new Error('the export stream was closed');
  if (out.write(chunk)) return;
  const stop = new AbortController();
  try {
    await Promise.race([
      once(out, 'drain', { signal: stop.signal }),
      once(out, 'close', { signal: stop.signal }).then(() => {
        throw new Error('the export stream was closed');
      }),
    ]);
  } finally {
    stop.abort();
  }
}

/** A cell that may be empty (null). */
const optionalField = (cell: string | null) => (cell === null ? '' : csvField(cell));

/**
 * A sale's CSV record (EXPORT_COLUMNS) with its CRLF, built as one string: dates, amounts and the
 * flag are made here and need no quoting; every other cell passes csvField. `tail` is the mode and
 * account cells with the CRLF, the same for a whole export from the ledger.
 */
function saleRecord(row: RawExportRow, timeZone: string, tail: string): string {
  const paid = row[2] === 'succeeded';
  const paidAt = row[12];
  return `${localDateTime(row[0], timeZone)},${csvField(row[1])},${csvField(row[2])},${csvField(row[3])},${satangToDecimal(row[4])},${satangToDecimal(row[5])},${
    satangToDecimal(paid ? row[4] - row[5] : 0)},${optionalField(row[6])},${optionalField(row[7])},${optionalField(row[8])},${csvField(row[9])},${
    csvField(row[10])},${optionalField(row[11])},${paidAt === null ? '' : localDateTime(paidAt, timeZone)},${row[13] === 1 ? 'yes' : ''}${tail}`;
}

const recordTail = (mode: string | null, account: string | null) => `,${optionalField(mode)},${optionalField(account)}\r\n`;

/**
 * `n` cells joined by commas (a run of the joined query) that are already as the CSV writes them: none
 * holds a quote, comma or line break, none starts like a formula. One linear match per run; anything
 * else takes the cell-by-cell path.
 */
const plainCells = (n: number) => new RegExp(`^(?![${FORMULA_FIRST_CHARACTERS}])[^,"\\r\\n]*(?:,(?![${FORMULA_FIRST_CHARACTERS}])[^,"\\r\\n]*){${n - 1}}$`);
const PLAIN_HEAD = plainCells(3);
const PLAIN_REST = plainCells(6);

/** satangToDecimal's text, made with less work for the amounts that are not negative (all but a ledger's mistakes). */
function baht(satang: number): string {
  if (satang < 0 || !Number.isSafeInteger(satang)) return satangToDecimal(satang);
  const cents = satang % 100;
  return `${(satang - cents) / 100}${cents < 10 ? '.0' : '.'}${cents}`;
}

/**
 * A sale's CSV record from the joined query: its two runs of text cells used as they are when they are
 * plain (nearly always), otherwise the record of its cells (saleRecord), so both write the same bytes.
 */
function joinedRecord(row: JoinedExportRow, pages: JoinedExportPages, timeZone: string, tail: string): string {
  const [createdAt, head, amount, refunded, rest, paidAt, flagged] = row;
  if (!PLAIN_HEAD.test(head) || !PLAIN_REST.test(rest)) return saleRecord(pages.cells(row), timeZone, tail);
  // refunded < 0: a sale not paid, with nothing refunded and no net.
  const money = refunded < 0 ? `${baht(amount)},0.00,0.00` : `${baht(amount)},${baht(refunded)},${baht(amount - refunded)}`;
  return `${localDateTime(createdAt, timeZone)},${head},${money},${rest},${paidAt === null ? '' : localDateTime(paidAt, timeZone)},${flagged === 1 ? 'yes' : ''}${tail}`;
}

/** A page of sales as CSV records in UTF-8; `capacity` is a first guess of its size in bytes. */
function recordsBytes(rows: number, record: (i: number) => string, capacity: number): Buffer {
  const chunk = new Utf8Chunk(capacity);
  // Records encoded a few dozen at a time: one call into the encoder per record cost more than the joining.
  let batch = '';
  for (let i = 0; i < rows; i++) {
    batch += record(i);
    if ((i & 31) === 31) {
      chunk.append(batch);
      batch = '';
    }
  }
  if (batch) chunk.append(batch);
  return chunk.bytes();
}

/**
 * The source's pages as CSV bytes with their row counts: from the ledger through the joined query (the
 * million-row path); otherwise (rows given, tests) record by record from each row's cells.
 */
function* csvPages(pages: ExportSource['pages'], timeZone: string): Generator<{ rows: number; bytes: (capacity: number) => Buffer }> {
  if (pages instanceof ExportPages) {
    const joined = pages.joined();
    const tail = recordTail(pages.scope.mode, pages.scope.account);
    for (const rows of joined) yield { rows: rows.length, bytes: (capacity) => recordsBytes(rows.length, (i) => joinedRecord(rows[i], joined, timeZone, tail), capacity) };
    return;
  }
  for (const page of pages) {
    yield {
      rows: page.length,
      bytes: (capacity) => recordsBytes(page.length, (i) => saleRecord(toRawExportRow(page[i]), timeZone, recordTail(page[i].mode, page[i].account)), capacity),
    };
  }
}

/** The file's first bytes: the BOM and the header record. */
const CSV_HEAD = BOM + csvRecord(EXPORT_COLUMNS);

export async function writeCsv(source: ExportSource, out: Writable): Promise<void> {
  const zone = source.range.timeZone;
  await writeWithBackpressure(out, CSV_HEAD);
  let pageBytes = 64 * 1024;
  // The next page is made while the last one is being written (one page ahead at most).
  let writing: Promise<void> = Promise.resolve();
  for (const page of csvPages(source.pages, zone)) {
    // A quarter more than the biggest page so far: a page rarely outgrows its buffer (and copies it).
    const bytes = page.bytes(pageBytes + (pageBytes >> 2));
    pageBytes = Math.max(pageBytes, bytes.length);
    await writing;
    writing = writeWithBackpressure(out, bytes);
    // Marked as handled until awaited: a stream closed meanwhile fails the export at the next await.
    writing.catch(() => undefined);
    source.onRows(page.rows);
    await yieldToEventLoop();
  }
  await writing;
  out.end();
  await finished(out);
}
