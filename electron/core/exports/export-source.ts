// What every export format writes: per-day summaries and the sale rows, page by page, into a stream.
import type { Writable } from 'node:stream';
import type { DailyReport } from '../../../shared/manager-types';
import type { ExportRange, ExportRow } from './export-rows';

export interface ExportSource {
  range: ExportRange;
  shopName: string;
  /** One summary per business day of the range (no payment lists). */
  days: DailyReport[];
  /** The sales of the range, oldest first, in pages. */
  pages: Iterable<ExportRow[]>;
  /** Called after each page is written, with the number of rows in it. */
  onRows: (rows: number) => void;
}

export type ExportWriter = (source: ExportSource, out: Writable) => Promise<void>;

/** Lets timers, I/O and progress events run between pages of a long export. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
