// Receipts and abbreviated tax invoices of paid sales: built from the ledger, printed (desktop: silently
// to the chosen printer through the shell's port; browser: the screen's print dialog) or saved as PDF.
import { PosError } from '../../../shared/pos-error';
import type { PrinterInfo, Receipt } from '../../../shared/receipt';
import type { PosHandlers } from '../api/pos-dispatch';
import type { AuditLog } from '../ledger/audit-log';
import type { LedgerDb } from '../ledger/open-ledger';
import type { SalesRepository } from '../ledger/sales-repository';
import type { SettingsStore } from '../settings/settings-store';

export type ReceiptOperation = 'receipts.get' | 'receipts.print' | 'receipts.pdf' | 'printers.list';

/** What the desktop shell lends the core for printing; absent in browser mode. */
export interface ReceiptPrinterPort {
  list(): Promise<PrinterInfo[]>;
  /** Prints silently to `printer` (null = the system default); resolves when the job was handed over. */
  print(receipt: Receipt, options: { printer: string | null; paper: '58' | '80'; lang: 'th' | 'en' }): Promise<void>;
}

export interface ReceiptSideOptions {
  db: LedgerDb;
  audit: AuditLog;
  repository: SalesRepository;
  settings: SettingsStore;
  tillId: string;
  printer?: ReceiptPrinterPort;
  /** Where the desktop saves receipt PDFs (the exports folder). */
  exportDir: string;
}

export interface ReceiptSide {
  handlers: Pick<PosHandlers, ReceiptOperation>;
}

export function createReceiptSide(_options: ReceiptSideOptions): ReceiptSide {
  const notYet = (): never => {
    throw new PosError('conflict', 'Receipts are not available yet.');
  };
  return {
    handlers: { 'receipts.get': notYet, 'receipts.print': notYet, 'receipts.pdf': notYet, 'printers.list': () => [] },
  };
}
