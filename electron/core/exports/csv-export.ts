// CSV in UTF-8 with a byte-order mark: without it Excel reads the file as ANSI and Thai turns to junk.
// Each page of rows is encoded record by record into one buffer and written with the stream's
// backpressure. Quoting is RFC 4180's two rules, written here: a general CSV library weighed every
// field against a dozen options and cost more than the rest of the export together
// (bench/daily-report.bench.ts; a test checks our records against csv-stringify's, byte for byte).
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { EXPORT_COLUMNS, exportCells, type ExportRow } from './export-rows';
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

/** A page of rows as CSV records in UTF-8; `capacity` is a first guess of its size in bytes. */
function csvPageBytes(page: readonly ExportRow[], timeZone: string, capacity = 64 * 1024): Buffer {
  const chunk = new Utf8Chunk(capacity);
  for (const row of page) chunk.append(csvRecord(exportCells(row, timeZone)));
  return chunk.bytes();
}

/** The file's first bytes: the BOM and the header record. */
const CSV_HEAD = BOM + csvRecord(EXPORT_COLUMNS);

export async function writeCsv(source: ExportSource, out: Writable): Promise<void> {
  const zone = source.range.timeZone;
  await writeWithBackpressure(out, CSV_HEAD);
  let pageBytes = 64 * 1024;
  for (const page of source.pages) {
    const bytes = csvPageBytes(page, zone, pageBytes);
    pageBytes = Math.max(pageBytes, bytes.length);
    await writeWithBackpressure(out, bytes);
    source.onRows(page.length);
    await yieldToEventLoop();
  }
  out.end();
  await finished(out);
}
