// The CSV writer's records against csv-stringify (a well-kept RFC 4180 writer) byte for byte, and its
// formula guard: whatever people type, no cell of the file starts like a formula.
import { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecord, csvSafeCell, writeCsv } from '../../../electron/core/exports/csv-export';
import type { ExportRow } from '../../../electron/core/exports/export-rows';

/** Text with everything that matters to CSV and spreadsheets, Thai, and the full-width formula signs. */
const cellText = fc.string({ unit: fc.constantFrom('a', 'ข', '1', '.', '-', '+', '=', '@', '"', ',', '\r', '\n', '\t', ' ', "'", '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'), maxLength: 8 });
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

describe('CSV records', () => {
  it('are what csv-stringify writes for the same guarded cells, byte for byte', () => {
    fc.assert(
      fc.property(fc.array(cellText, { minLength: 1, maxLength: 6 }), (cells) => {
        // A line break inside a cell is quoted (csv-stringify leaves a lone \n or \r bare once a record
        // delimiter is named, unless told not to: the old export broke such a row in two).
        expect(csvRecord(cells)).toBe(stringify([cells.map(csvSafeCell)], { record_delimiter: 'windows', quote_record_delimiter: true }));
      }),
      { numRuns: 2000 },
    );
    expect(csvRecord(['Table 4\nno ice', 'x'])).toBe('"Table 4\nno ice",x\r\n');
  });

  it('never let a cell start like a formula, and leave plain numbers alone', () => {
    fc.assert(
      fc.property(cellText, (cell) => {
        const plainNumber = /^-?\d+(\.\d+)?$/.test(cell);
        // A plain number is left as it is; anything else comes out not starting like a formula, changed
        // at most by a leading quote.
        expect(csvSafeCell(cell)).toBe(plainNumber || !FORMULA_START.test(cell) ? cell : `'${cell}`);
      }),
      { numRuns: 2000 },
    );
    expect(csvRecord(['=1+2', '-5.00', '-2+3', '\uFF1DSUM(A1)', '@x', 'ข้าว, "พิเศษ"'])).toBe(`'=1+2,-5.00,'-2+3,'\uFF1DSUM(A1),'@x,"ข้าว, ""พิเศษ"""\r\n`);
  });
});

function row(overrides: Partial<ExportRow> = {}): ExportRow {
  return {
    createdAt: Date.parse('2026-03-08T12:00:00+07:00'), saleId: 'sale_unit00000001', status: 'succeeded', tender: 'promptpay', amount: 12_345, refunded: 0,
    description: 'ข้าวผัด', orderRef: null, cashier: null, tillId: 'till-1', source: 'till', paymentIntentId: 'pi_1', paidAt: null,
    flagged: false, mode: 'test', account: null, ...overrides,
  };
}

describe('writing a CSV', () => {
  it('ends with an error, not a hang, when the stream it writes to is closed under it', async () => {
    let firstWrite!: () => void;
    const writing = new Promise<void>((resolve) => (firstWrite = resolve));
    // A reader that takes the first chunk and never asks for more (a download given up half way).
    const out = new Writable({
      highWaterMark: 1,
      write: () => firstWrite(),
    });
    const pages = [[row()], [row({ saleId: 'sale_unit00000002' })]];
    const done = writeCsv({ range: { from: '2026-03-08', to: '2026-03-08', timeZone: 'Asia/Bangkok' }, shopName: 'Shop', days: [], pages, onRows: () => undefined }, out);
    await writing;
    out.destroy();
    await expect(done).rejects.toThrow(/closed/);
  });
});
