// The history search box: one field for amount, description, order reference and ids.
import { parseBaht } from '../../shared/money';

export type QueryKind = 'empty' | 'amount' | 'paymentIntent' | 'sale' | 'refund' | 'text';

/** What the typed text looks like, so the screen can say what it searched for. */
export function queryKind(text: string): QueryKind {
  const q = text.trim();
  if (q === '') return 'empty';
  if (/^pi_[A-Za-z0-9_]+$/.test(q)) return 'paymentIntent';
  if (/^sale_[A-Za-z0-9]+$/.test(q)) return 'sale';
  if (/^(rfd|re)_[A-Za-z0-9_]+$/.test(q)) return 'refund';
  // The same reading of baht as the keypad's: "12,500" is an amount, "12,50" is just text.
  if (parseBaht(withoutBahtSign(q)).ok) return 'amount';
  return 'text';
}

/** The query sent to sales.search: amounts lose their ฿ sign and thousands separators. */
export function normalizeQuery(text: string): string | undefined {
  const q = text.trim().slice(0, 100);
  if (q === '') return undefined;
  if (queryKind(q) === 'amount') return withoutBahtSign(q).replace(/,/g, '').replace(/\.$/, '');
  return q;
}

function withoutBahtSign(text: string): string {
  return text.replace(/^฿\s*/, '');
}
