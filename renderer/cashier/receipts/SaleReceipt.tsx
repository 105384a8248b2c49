// A sale's ticket lines and its receipt in the sale's detail: the receipt number, Reprint (a COPY,
// audited by the core), its PDF in Thai or English, and the receipt itself as it prints.
import { useEffect, useState } from 'react';
import { formatReceiptNo } from '../../../shared/i18n/receipts-text';
import type { Lang } from '../../../shared/i18n/translate';
import type { Receipt, ReceiptLang, ReceiptPaper } from '../../../shared/receipt';
import type { Sale } from '../../../shared/sale';
import { shownError, type ShownError } from '../../state/auth-error';
import { ErrorNote } from '../../ui/ErrorNote';
import { ReceiptView } from '../../ui/receipt/ReceiptView';
import type { T } from '../../ui/translator';
import { useAppStores, useSlice } from '../app-stores-context';
import { useFormatters } from '../manager/use-formatters';
import { EmailReceiptButton } from './EmailReceipt';
import { ReceiptButton } from './ReceiptButton';
import { useReceiptPrint } from './use-receipt-print';

/** The ticket as sold: name, quantity, unit price and amount; or that it was keyed in as an amount. */
export function SaleLines({ t, sale }: { t: T; sale: Sale }) {
  const f = useFormatters();
  const lines = sale.lines ?? [];
  return (
    <div className="detail-lines" data-testid="detail-lines" data-count={lines.length}>
      <h2 className="section-title">{t('receipts.lines')}</h2>
      {lines.length === 0 ? (
        <p className="subtle">{t('receipts.noLines')}</p>
      ) : (
        <table className="data-table detail-lines__table">
          <thead>
            <tr>
              <th scope="col">{t('receipts.col.item')}</th>
              <th scope="col" className="num">{t('receipts.col.quantity')}</th>
              <th scope="col" className="num">{t('receipts.col.unitPrice')}</th>
              <th scope="col" className="num">{t('receipts.col.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, index) => (
              <tr key={index} data-testid="detail-line">
                <td>{line.name}</td>
                <td className="num">{f.count(line.quantity)}</td>
                <td className="num">{f.baht(line.unitPrice)}</td>
                <td className="num">{f.baht(line.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function SaleReceiptCard({ t, sale }: { t: T; sale: Sale }) {
  const stores = useAppStores();
  const f = useFormatters();
  const printing = useReceiptPrint();
  const loadedPaper = useSlice('settings', (s) => s.settings?.receiptPaper);
  const loadedLang = useSlice('settings', (s) => s.settings?.receiptLanguage);
  const [asked, setAsked] = useState<{ paper: ReceiptPaper; lang: ReceiptLang } | null>(null);
  const paper: ReceiptPaper = loadedPaper ?? asked?.paper ?? '80';
  // The receipt as it prints: in the shop's receipt language, not the screen's.
  const paperLang: ReceiptLang = loadedLang ?? asked?.lang ?? 'th';
  const [receipt, setReceipt] = useState<Receipt | null>(null);

  useEffect(() => {
    if (loadedPaper) return;
    let live = true;
    // The shop's paper and receipt language, so the receipt here and its reprint are as wide as the roll (this is a manager's screen).
    void stores.transport.call('settings.get', {}).then((result) => {
      if (live && result.ok) setAsked({ paper: result.value.receiptPaper, lang: result.value.receiptLanguage });
    });
    return () => {
      live = false;
    };
  }, [stores, loadedPaper]);
  const [pdf, setPdf] = useState<{ busy: boolean; saved: string | null; error: ShownError | null }>({ busy: false, saved: null, error: null });

  useEffect(() => {
    let live = true;
    // The receipt as a reprint would print it (marked COPY): this screen never issues an original.
    void stores.transport.call('receipts.get', { saleId: sale.id, copy: true }).then((result) => {
      if (live && result.ok) setReceipt(result.value);
    });
    return () => {
      live = false;
    };
  }, [stores, sale.id]);

  const savePdf = async (lang: Lang): Promise<void> => {
    setPdf({ busy: true, saved: null, error: null });
    const result = await stores.transport.call('receipts.pdf', { saleId: sale.id, copy: true, lang, paper });
    if (!result.ok) {
      setPdf({ busy: false, saved: null, error: shownError(result.error) });
      return;
    }
    const file = result.value;
    // A browser is handed the file in the answer; the desktop has saved it in the exports folder.
    if (file.downloadUrl) {
      const link = document.createElement('a');
      link.href = file.downloadUrl;
      link.download = file.fileName;
      link.click();
    }
    setPdf({ busy: false, saved: file.fileName, error: null });
  };

  return (
    <div className="card receipt-card" aria-labelledby="receipt-title" data-testid="detail-receipt">
      <div className="section-head">
        <h2 className="section-title" id="receipt-title">
          {t('receipts.preview')}
          {sale.receiptNo !== null ? (
            <span className="subtle" data-testid="detail-receipt-no">
              {' '}
              · {t('receipts.number')} {formatReceiptNo(sale.tillId, sale.receiptNo)}
            </span>
          ) : null}
        </h2>
        <div className="receipt-card__buttons">
          <button type="button" className="btn btn--sm btn--outline" data-testid="receipt-pdf" disabled={pdf.busy} onClick={() => void savePdf(f.lang)}>
            ⤓ {t('receipts.pdf')}
          </button>
          <ReceiptButton t={t} printing={printing} onPrint={() => void printing.print(sale.id, true, paper)} label={t('receipts.reprint')} testId="receipt-reprint" />
          <EmailReceiptButton t={t} sale={sale} small />
        </div>
      </div>
      {pdf.saved ? (
        <p className="success-note" role="status" data-testid="receipt-pdf-saved">
          {t('receipts.pdfSaved', { file: pdf.saved })}
        </p>
      ) : null}
      <ErrorNote error={pdf.error} t={t} testId="receipt-pdf-error" />
      {receipt ? (
        <div className="receipt-slip">
          <ReceiptView receipt={receipt} lang={paperLang} paper={paper} label={t('receipts.preview')} />
        </div>
      ) : null}
    </div>
  );
}
