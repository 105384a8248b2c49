// A receipt worded in one language, as rows: the one place that decides what a receipt says. The
// core's PDF, the desktop's silent print (HTML) and the screen's ReceiptView each only lay these rows
// out, so all three show the same facts. Thai receipts date in the Buddhist era (Intl's buddhist
// calendar), as Thai shops and the Revenue Department write them. Amounts are exact (integer satang).
// A receipt in both languages says each thing in Thai, then " / " and its English; an English tax
// invoice keeps the Thai legal heading (ใบกำกับภาษีอย่างย่อ, Revenue Code §86/4) with its English beside it.
import type { Receipt, ReceiptLang, ReceiptPaper } from '../receipt';
import { satangToDecimal } from '../money';
import { translate } from './translate';

export type ReceiptRow =
  /** The shop's name, large. */
  | { kind: 'title'; text: string }
  | { kind: 'center'; text: string; strong?: boolean; testId?: string }
  | { kind: 'pair'; label: string; value: string; strong?: boolean; testId?: string }
  /** A ticket line: name, "2 × 45.00" when more than one, and its amount. */
  | { kind: 'item'; name: string; detail: string | null; amount: string }
  | { kind: 'rule' };

/** Thermal paper width and the width printed on it (the head cannot reach the edges), in mm. */
export const RECEIPT_PAPER_MM: Record<ReceiptPaper, { paper: number; printable: number }> = {
  '58': { paper: 58, printable: 48 },
  '80': { paper: 80, printable: 72 },
};

/**
 * How a receipt number is printed: the till (the POS machine the number series belongs to), a dash and
 * the till's running number in six digits, e.g. "till-1-000042". A Thai abbreviated tax invoice carries
 * a running number per POS machine; six digits read like the receipt books Thai shops know (000001…),
 * and a number past 999999 simply grows a digit. The number itself is the ledger's (migration 011).
 */
export function formatReceiptNo(tillId: string, receiptNo: number): string {
  return `${tillId}-${String(receiptNo).padStart(6, '0')}`;
}

/** 123450 satang → "1,234.50": exact, grouped, no currency sign (receipts print figures in columns). */
export function receiptFigure(satang: number): string {
  const negative = satang < 0;
  const [whole, fraction] = satangToDecimal(Math.abs(satang)).split('.');
  return `${negative ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** dd/mm/yyyy HH:MM in the shop's zone; the year in the Buddhist era on Thai and two-language receipts (2026 → 2569), Gregorian on English ones. */
export function receiptDate(at: number, timeZone: string, lang: ReceiptLang): string {
  const locale = lang === 'en' ? 'en-GB' : 'th-TH-u-ca-buddhist';
  const key = `${locale}|${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', numberingSystem: 'latn' });
    dateFormats.set(key, format);
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => format.formatToParts(at).find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}

type Key = Parameters<typeof translate>[1];

/** Words on a receipt in `lang`; in 'both', the Thai and then the English (once when they read the same). */
function receiptWords(lang: ReceiptLang): (key: Key, vars?: Record<string, string | number>) => string {
  if (lang !== 'both') return (key, vars) => translate(lang, key, vars);
  return (key, vars) => {
    const th = translate('th', key, vars);
    const en = translate('en', key, vars);
    return th === en ? th : `${th} / ${en}`;
  };
}

/** The document's heading: a tax invoice's Thai legal name is printed whatever the language, English beside it. */
function kindText(kind: Receipt['kind'], lang: ReceiptLang): string {
  const key = `receipts.kind.${kind}` as const;
  if (lang === 'th') return translate('th', key);
  if (lang === 'en' && kind === 'receipt') return translate('en', key);
  return `${translate('th', key)} / ${translate('en', key)}`;
}

/** Every row of `receipt` in `lang` (Thai, English or both), top to bottom. */
export function receiptRows(receipt: Receipt, lang: ReceiptLang): ReceiptRow[] {
  const t = receiptWords(lang);
  const rows: ReceiptRow[] = [{ kind: 'title', text: receipt.shop.name }];
  for (const line of (receipt.shop.address ?? '').split(/\r?\n/)) if (line.trim()) rows.push({ kind: 'center', text: line.trim() });
  if (receipt.shop.taxId) {
    // Both languages: the 13 digits once, after both words for them.
    const text = lang === 'both' ? `${translate('th', 'receipts.taxIdLabel')} / ${translate('en', 'receipts.taxIdLabel')} ${receipt.shop.taxId}` : t('receipts.taxId', { taxId: receipt.shop.taxId });
    rows.push({ kind: 'center', text, testId: 'receipt-tax-id' });
  }
  if (receipt.shop.branch) rows.push({ kind: 'center', text: receipt.shop.branch === '00000' ? t('receipts.headOffice') : t('receipts.branch', { branch: receipt.shop.branch }) });
  rows.push({ kind: 'rule' });
  rows.push({ kind: 'center', text: kindText(receipt.kind, lang), strong: true, testId: 'receipt-kind' });
  // The Thai words already carry "(VAT Included)": in both languages they say it once.
  if (receipt.vat) rows.push({ kind: 'center', text: translate(lang === 'en' ? 'en' : 'th', 'receipts.vatIncluded') });
  if (receipt.copy) rows.push({ kind: 'center', text: `*** ${t('receipts.copy')} ***`, strong: true, testId: 'receipt-copy' });
  rows.push({ kind: 'pair', label: t('receipts.no'), value: receipt.receiptNo, testId: 'receipt-no' });
  rows.push({ kind: 'pair', label: t('receipts.date'), value: receiptDate(receipt.paidAt, receipt.timeZone, lang), testId: 'receipt-date' });
  rows.push({ kind: 'pair', label: t('receipts.till'), value: receipt.tillId });
  if (receipt.cashier) rows.push({ kind: 'pair', label: t('receipts.cashier'), value: receipt.cashier });
  rows.push({ kind: 'rule' });
  if (receipt.lines.length > 0) {
    for (const line of receipt.lines) {
      rows.push({
        kind: 'item',
        name: line.name,
        detail: line.quantity > 1 ? t('receipts.lineDetail', { quantity: line.quantity, unitPrice: receiptFigure(line.unitPrice) }) : null,
        amount: receiptFigure(line.amount),
      });
    }
  } else {
    rows.push({ kind: 'item', name: receipt.description ?? t('receipts.sale'), detail: null, amount: receiptFigure(receipt.amount) });
  }
  rows.push({ kind: 'rule' });
  rows.push({ kind: 'pair', label: t('receipts.total'), value: receiptFigure(receipt.amount), strong: true, testId: 'receipt-total' });
  if (receipt.vat) {
    rows.push({ kind: 'pair', label: t('receipts.beforeVat'), value: receiptFigure(receipt.vat.netAmount), testId: 'receipt-net' });
    rows.push({ kind: 'pair', label: t('receipts.vat', { rate: receipt.vat.ratePercent }), value: receiptFigure(receipt.vat.vatAmount), testId: 'receipt-vat' });
  }
  rows.push({ kind: 'rule' });
  rows.push({ kind: 'pair', label: t('receipts.paidBy'), value: t(`receipts.tender.${receipt.tender}`) });
  if (receipt.cashTendered !== null) rows.push({ kind: 'pair', label: t('receipts.cashReceived'), value: receiptFigure(receipt.cashTendered) });
  if (receipt.change !== null) rows.push({ kind: 'pair', label: t('receipts.change'), value: receiptFigure(receipt.change), testId: 'receipt-change' });
  if (receipt.paymentIntentId) rows.push({ kind: 'pair', label: t('receipts.reference'), value: receipt.paymentIntentId, testId: 'receipt-reference' });
  if (receipt.refunded > 0) rows.push({ kind: 'pair', label: t('receipts.refunded'), value: receiptFigure(receipt.refunded), testId: 'receipt-refunded' });
  rows.push({ kind: 'rule' });
  rows.push({ kind: 'center', text: t('receipts.thanks') });
  return rows;
}
