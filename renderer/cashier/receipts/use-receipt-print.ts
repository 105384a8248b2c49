// Printing a paid sale's receipt from a screen: the core prints it (desktop: silently to the shop's
// printer) or answers via 'dialog' (browser), and then this screen opens the print dialog with it.
// The core decides original or COPY (one original per sale) and audits it.
import { useCallback, useState, type ReactPortal } from 'react';
import type { ReceiptPaper, ReceiptPrintResult } from '../../../shared/receipt';
import { shownError, type ShownError } from '../../state/auth-error';
import { useReceiptPrintDialog } from '../../ui/receipt/print-receipt';
import { useAppStores } from '../app-stores-context';

export interface ReceiptPrintState {
  busy: boolean;
  done: ReceiptPrintResult | null;
  error: ShownError | null;
}

export function useReceiptPrint(): ReceiptPrintState & { print: (saleId: string, copy?: boolean, paper?: ReceiptPaper) => Promise<void>; portal: ReactPortal | null } {
  const stores = useAppStores();
  const { print: printDialog, portal } = useReceiptPrintDialog();
  const [state, setState] = useState<ReceiptPrintState>({ busy: false, done: null, error: null });
  const print = useCallback(
    async (saleId: string, copy = false, knownPaper?: ReceiptPaper) => {
      setState({ busy: true, done: null, error: null });
      const result = await stores.transport.call('receipts.print', copy ? { saleId, copy } : { saleId });
      if (!result.ok) {
        // A printer's refusal is worded as one; the core's own words go underneath on English screens.
        const error = result.error.field === 'printer' ? { key: 'receipts.error' as const, detail: result.error.message } : shownError(result.error);
        setState({ busy: false, done: null, error });
        return;
      }
      if (result.value.via === 'dialog') {
        // The shop's roll width and receipt language come with the answer, so the browser prints what the
        // desktop would (the caller may ask for another width, e.g. a preview's).
        const paper: ReceiptPaper = knownPaper ?? result.value.paper;
        printDialog({ receipt: result.value.receipt, paper, lang: result.value.lang });
      }
      setState({ busy: false, done: result.value, error: null });
    },
    [stores, printDialog],
  );
  return { ...state, print, portal };
}
