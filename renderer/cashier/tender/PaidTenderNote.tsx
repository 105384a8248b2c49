import { useEffect, useRef } from 'react';
import { formatBaht } from '../../../shared/money';
import type { Sale } from '../../../shared/sale';
import { changeGiven } from '../../state/cash-tender';
import type { T } from '../../ui/translator';
import { useSlice } from '../app-stores-context';
import { EmailReceiptButton } from '../receipts/EmailReceipt';
import { ReceiptButton } from '../receipts/ReceiptButton';
import { useReceiptPrint } from '../receipts/use-receipt-print';
import { useCashier } from '../store-context';

/** A sale paid this long ago or less was paid while the till watched: auto print is for it (not for a reload). */
const JUST_PAID_MS = 30_000;
/**
 * Sales this till has auto-printed: a remount, a re-render or a reload of the page must not print again
 * (kept for the browser tab's session, the last 50).
 */
const AUTO_PRINTED_KEY = 'chamra.receipts.autoPrinted';
function autoPrintedBefore(saleId: string): boolean {
  try {
    const known = JSON.parse(sessionStorage.getItem(AUTO_PRINTED_KEY) ?? '[]') as string[];
    if (known.includes(saleId)) return true;
    sessionStorage.setItem(AUTO_PRINTED_KEY, JSON.stringify([...known, saleId].slice(-50)));
    return false;
  } catch {
    return false;
  }
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement || target instanceof HTMLSelectElement;
}

/**
 * The receipt of a paid sale: printed at once when settings say 'always'; a big Print button when they
 * say 'ask'; a small one for 'never'. The key P prints it (by physical key, so a Thai layout works too).
 */
function PaidReceipt({ t, sale }: { t: T; sale: Sale }) {
  const printing = useReceiptPrint();
  // A manager's change in Settings counts at once; otherwise what the till was told at start.
  const saved = useSlice('settings', (s) => s.settings?.autoPrintReceipt);
  const told = useCashier((s) => s.info?.autoPrintReceipt);
  const mode = saved ?? told ?? 'ask';
  // The latest print function, for the key listener and the auto print (kept out of their dependencies).
  const print = useRef(printing.print);
  useEffect(() => {
    print.current = printing.print;
  }, [printing.print]);

  useEffect(() => {
    if (mode !== 'always' || Date.now() - sale.updatedAt > JUST_PAID_MS || autoPrintedBefore(sale.id)) return;
    void print.current(sale.id);
  }, [mode, sale.id, sale.updatedAt]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.repeat || event.code !== 'KeyP' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTextField(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      void print.current(sale.id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [sale.id]);

  return (
    <ReceiptButton
      t={t}
      printing={printing}
      onPrint={() => void printing.print(sale.id)}
      label={t('receipts.print')}
      prominent={mode === 'ask'}
      keyHint={t('receipts.printKey')}
    />
  );
}

/** On a paid sale: the change to hand back (cash), or that nobody but the cashier confirmed it (by hand); and its receipt. */
export function PaidTenderNote({ t, sale }: { t: T; sale: Sale }) {
  if (sale.status !== 'succeeded') return null;
  const change = changeGiven(sale);
  const receipt = <PaidReceipt t={t} sale={sale} />;
  if (change !== null) {
    return (
      <>
        <div className="paid-change" data-testid="paid-change">
          <p className="paid-change__amount">{t('tender.paid.change', { amount: formatBaht(change) })}</p>
          <p className="paid-change__received">{t('tender.paid.cashReceived', { amount: formatBaht(sale.cashTendered ?? sale.amount) })}</p>
        </div>
        {receipt}
      </>
    );
  }
  if (sale.tender === 'promptpay_manual') {
    return (
      <>
        <div className="unverified-note" data-testid="paid-unverified">
          <strong>⚠ {t('tender.badge.promptpay_manual')}</strong>
          <span>{t('tender.manual.paidNote')}</span>
        </div>
        {receipt}
      </>
    );
  }
  // PromptPay through Stripe: Stripe can also email its receipt to the customer.
  return (
    <div className="receipt-actions-row">
      {receipt}
      <EmailReceiptButton t={t} sale={sale} hotkey />
    </div>
  );
}
