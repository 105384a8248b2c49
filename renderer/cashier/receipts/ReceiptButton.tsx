// The receipt's print button and what came of it (sent to the printer, the dialog opened, a printer's
// refusal). `prominent` makes it the big button a cashier presses for a customer who wants a receipt.
import type { ReceiptPrintResult } from '../../../shared/receipt';
import { ErrorNote } from '../../ui/ErrorNote';
import type { T } from '../../ui/translator';
import type { useReceiptPrint } from './use-receipt-print';

function doneText(t: T, done: ReceiptPrintResult): string {
  if (done.receipt.copy) return t('receipts.reprinted');
  if (done.via === 'printer') return done.printer ? t('receipts.printed', { printer: done.printer }) : t('receipts.printedDefault');
  return t('receipts.printedDefault');
}

export function ReceiptButton({
  t, printing, onPrint, label, prominent = false, keyHint = null, testId = 'receipt-print',
}: {
  t: T;
  printing: ReturnType<typeof useReceiptPrint>;
  onPrint: () => void;
  label: string;
  prominent?: boolean;
  keyHint?: string | null;
  testId?: string;
}) {
  return (
    <div className="receipt-actions">
      <button
        type="button"
        className={`btn ${prominent ? 'btn--primary btn--lg' : 'btn--outline'}`}
        data-testid={testId}
        disabled={printing.busy}
        aria-keyshortcuts={keyHint ?? undefined}
        onClick={onPrint}
      >
        <span aria-hidden="true">🖨 </span>
        {printing.busy ? t('receipts.printing') : label}
        {keyHint ? <kbd className="receipt-actions__key">{keyHint}</kbd> : null}
      </button>
      {printing.done ? (
        <span className="success-note" role="status" data-testid={`${testId}-done`} data-copy={printing.done.receipt.copy} data-via={printing.done.via}>
          {doneText(t, printing.done)} · {printing.done.receipt.receiptNo}
        </span>
      ) : null}
      <ErrorNote error={printing.error} t={t} testId={`${testId}-error`} />
      {printing.portal}
    </div>
  );
}
