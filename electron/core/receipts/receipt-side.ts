// Receipts and abbreviated tax invoices of paid sales: built from the ledger, printed (desktop: silently
// to the chosen printer through the shell's port; browser: the screen's print dialog) or saved as PDF.
//
// One original per sale: the first receipt printed (or saved as PDF) is the original; every later one
// is marked สำเนา / COPY and audited as `receipt.reprinted`, whatever the caller asked, because a second
// "original" tax invoice for one sale is what the Revenue Department's rules forbid. A print that
// failed at the printer issued nothing, so the next one is still the original.
//
// Paper prints in the shop's receipt language (Settings: Thai, the default, English, or both): the
// desktop's silent print has no screen language to follow. A tax invoice keeps its Thai heading in every
// language (receipts-text.ts). PDFs come in whichever language the manager asks for.
// Stripe's emailed receipt is receipt-email.ts's (receipts.email).
import fs from 'node:fs';
import path from 'node:path';
import { PosError } from '../../../shared/pos-error';
import type { PrinterInfo, Receipt, ReceiptLang, ReceiptPaper } from '../../../shared/receipt';
import type { PosHandlers } from '../api/pos-dispatch';
import type { AuditLog } from '../ledger/audit-log';
import { ownerOnlyFolder, type LedgerDb } from '../ledger/open-ledger';
import type { SalesRepository } from '../ledger/sales-repository';
import type { CallContext } from '../pos-core-types';
import type { SettingsStore } from '../settings/settings-store';
import type { StripeGateway } from '../stripe/stripe-gateway';
import { ReceiptBuilder } from './receipt-builder';
import { createReceiptEmailHandler } from './receipt-email';
import { receiptFileName, receiptPdfBytes, writeReceiptPdf } from './receipt-pdf';

export type ReceiptOperation = 'receipts.get' | 'receipts.print' | 'receipts.pdf' | 'receipts.email' | 'printers.list';

/** What the desktop shell lends the core for printing; absent in browser mode. */
export interface ReceiptPrinterPort {
  list(): Promise<PrinterInfo[]>;
  /** Prints silently to `printer` (null = the system default); resolves when the job was handed over. */
  print(receipt: Receipt, options: { printer: string | null; paper: '58' | '80'; lang: ReceiptLang }): Promise<void>;
}

export interface ReceiptSideOptions {
  db: LedgerDb;
  audit: AuditLog;
  repository: SalesRepository;
  settings: SettingsStore;
  tillId: string;
  /** Stripe, for its emailed receipt (receipts.email). */
  gateway: StripeGateway;
  printer?: ReceiptPrinterPort;
  /** Where the desktop saves receipt PDFs (the exports folder). */
  exportDir: string;
}

export interface ReceiptSide {
  handlers: Pick<PosHandlers, ReceiptOperation>;
}

const ISSUED_ACTIONS = ['receipt.printed', 'receipt.pdf', 'receipt.reprinted'] as const;

export function createReceiptSide(options: ReceiptSideOptions): ReceiptSide {
  const { db, audit, settings, printer } = options;
  const builder = new ReceiptBuilder(db, options.repository, settings);
  const issuedStmt = db.prepare(`SELECT 1 FROM audit_log WHERE sale_id = ? AND action IN (${ISSUED_ACTIONS.map(() => '?').join(', ')}) LIMIT 1`);
  /** Originals being printed right now: a second request meanwhile gets a copy. */
  const issuing = new Set<string>();
  const actor = (context: CallContext) => context.cashier ?? null;
  const emailReceipt = createReceiptEmailHandler({ repository: options.repository, gateway: options.gateway, audit });

  /** The receipt to issue: the original the first time, a COPY ever after (or when asked for one). */
  const toIssue = (saleId: string, askedCopy: boolean): Receipt => {
    const receipt = builder.build(saleId, askedCopy);
    if (receipt.copy) return receipt;
    const issued = issuing.has(saleId) || issuedStmt.get(saleId, ...ISSUED_ACTIONS) !== undefined;
    return issued ? { ...receipt, copy: true } : receipt;
  };

  const record = (receipt: Receipt, context: CallContext, how: Record<string, unknown>, original: 'receipt.printed' | 'receipt.pdf') => {
    audit.record({
      actor: actor(context),
      action: receipt.copy ? 'receipt.reprinted' : original,
      saleId: receipt.saleId,
      detail: { receiptNo: receipt.receiptNo, kind: receipt.kind, ...how },
    });
  };

  const handlers: ReceiptSide['handlers'] = {
    'receipts.get': (input) => builder.build(input.saleId, input.copy ?? false),
    'receipts.print': async (input, context) => {
      const receipt = toIssue(input.saleId, input.copy ?? false);
      const { receiptPaper: paper, receiptLanguage: lang } = settings.get();
      if (!printer) {
        // Browser mode: the screen lays the receipt out and opens the print dialog itself.
        record(receipt, context, { via: 'dialog', paper, lang }, 'receipt.printed');
        return { printed: false, via: 'dialog', printer: null, paper, lang, receipt };
      }
      const printerName = settings.get().receiptPrinter;
      if (!receipt.copy) issuing.add(receipt.saleId);
      try {
        await printer.print(receipt, { printer: printerName, paper, lang });
      } catch (error) {
        const why = error instanceof Error ? error.message.slice(0, 200) : 'the printer did not take the job';
        throw new PosError('conflict', `The receipt was not printed (${why}). Check the printer, then print again.`, 'printer');
      } finally {
        issuing.delete(receipt.saleId);
      }
      record(receipt, context, { via: 'printer', printer: printerName, paper, lang }, 'receipt.printed');
      return { printed: true, via: 'printer', printer: printerName, paper, lang, receipt };
    },
    'receipts.pdf': async (input, context) => {
      const receipt = toIssue(input.saleId, input.copy ?? false);
      const lang: ReceiptLang = input.lang ?? settings.get().receiptLanguage;
      const paper: ReceiptPaper = input.paper ?? settings.get().receiptPaper;
      const fileName = receiptFileName(receipt, lang, paper);
      if (context.transport !== 'ipc') {
        // A browser gets the file in the answer to its own call (a data: URL), so only the session that
        // asked ever holds it, and nothing is left on the till to fetch later.
        const bytes = await receiptPdfBytes(receipt, lang, paper);
        record(receipt, context, { pdf: fileName }, 'receipt.pdf');
        return { fileName, filePath: null, downloadUrl: `data:application/pdf;base64,${bytes.toString('base64')}` };
      }
      // The desktop keeps it in the exports folder, as it does a Z report's PDF.
      ownerOnlyFolder(options.exportDir);
      const file = path.join(options.exportDir, fileName);
      const part = `${file}.part`;
      await writeReceiptPdf(receipt, lang, paper, fs.createWriteStream(part, { mode: 0o600 }));
      fs.renameSync(part, file);
      record(receipt, context, { pdf: fileName }, 'receipt.pdf');
      return { fileName, filePath: file, downloadUrl: null };
    },
    'receipts.email': emailReceipt,
    'printers.list': async () => (printer ? printer.list() : []),
  };
  return { handlers };
}
