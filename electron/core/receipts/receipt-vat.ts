// VAT included in a price (Thailand: 7%), in integer satang. The VAT is the amount × 7/107 rounded to
// the nearest satang (107 is odd, so amount × 7 / 107 never falls exactly on a half: no tie rule is
// needed); the value before VAT is what is left, so the two always add up to the amount paid.
export const THAI_VAT_PERCENT = 7;

export interface VatIncluded {
  ratePercent: number;
  vatAmount: number;
  netAmount: number;
}

export function vatIncluded(amount: number, ratePercent = THAI_VAT_PERCENT): VatIncluded {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`an amount is a whole, non-negative number of satang (got ${amount})`);
  // round(amount × r / (100 + r)) in integers: floor((2 × amount × r + (100 + r)) / (2 × (100 + r))).
  const base = 100 + ratePercent;
  const vatAmount = Math.floor((2 * amount * ratePercent + base) / (2 * base));
  return { ratePercent, vatAmount, netAmount: amount - vatAmount };
}
