// CSV in UTF-8 with a byte-order mark: without it Excel reads the file as ANSI and Thai turns to junk.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { csvSafeCell, EXPORT_COLUMNS, exportCells } from './export-rows';
import { yieldToEventLoop, type ExportSource } from './export-source';

export async function writeCsv(source: ExportSource, out: Writable): Promise<void> {
  const csv = stringify({ bom: true, header: true, columns: [...EXPORT_COLUMNS], record_delimiter: 'windows' });
  csv.pipe(out);
  for (const page of source.pages) {
    for (const row of page) {
      // Description, order reference and cashier name are typed by people: never let one become a formula.
      if (!csv.write(exportCells(row, source.range.timeZone).map(csvSafeCell))) await once(csv, 'drain');
    }
    source.onRows(page.length);
    await yieldToEventLoop();
  }
  csv.end();
  await finished(out);
}
