// The history search box: one field for amount, description, order reference and ids.
export type QueryKind = 'empty' | 'amount' | 'paymentIntent' | 'sale' | 'refund' | 'text';

/** What the typed text looks like, so the screen can say what it searched for. */
export function queryKind(text: string): QueryKind {
  const q = text.trim();
  if (q === '') return 'empty';
  if (/^pi_[A-Za-z0-9_]+$/.test(q)) return 'paymentIntent';
  if (/^sale_[A-Za-z0-9]+$/.test(q)) return 'sale';
  if (/^(rfd|re)_[A-Za-z0-9_]+$/.test(q)) return 'refund';
  if (/^฿?\s*\d{1,3}(,\d{3})*(\.\d{1,2})?$|^฿?\s*\d+(\.\d{1,2})?$/.test(q)) return 'amount';
  return 'text';
}

/** The query sent to sales.search: amounts lose their ฿ sign and thousands separators. */
export function normalizeQuery(text: string): string | undefined {
  const q = text.trim().slice(0, 100);
  if (q === '') return undefined;
  if (queryKind(q) === 'amount') return q.replace(/[฿,\s]/g, '');
  return q;
}
