// VAT 7% included, in integer satang: the VAT is the amount × 7/107 rounded to the nearest satang, and
// VAT + value before VAT is always exactly the amount paid.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vatIncluded } from '../../../electron/core/receipts/receipt-vat';
import { MAX_CHARGE_SATANG } from '../../../shared/money';

describe('VAT included', () => {
  it('is worked out as a Thai shop does it on known prices', () => {
    expect(vatIncluded(10_700)).toEqual({ ratePercent: 7, vatAmount: 700, netAmount: 10_000 }); // ฿107 = ฿100 + ฿7
    expect(vatIncluded(18_500)).toEqual({ ratePercent: 7, vatAmount: 1_210, netAmount: 17_290 }); // 1210.28 → 1210
    expect(vatIncluded(4_500)).toEqual({ ratePercent: 7, vatAmount: 294, netAmount: 4_206 }); // 294.39 → 294
    expect(vatIncluded(1_000)).toEqual({ ratePercent: 7, vatAmount: 65, netAmount: 935 }); // 65.42 → 65
    expect(vatIncluded(8)).toEqual({ ratePercent: 7, vatAmount: 1, netAmount: 7 }); // 0.523 → 1 (rounds up past the half)
    expect(vatIncluded(7)).toEqual({ ratePercent: 7, vatAmount: 0, netAmount: 7 }); // 0.457 → 0
    expect(vatIncluded(0)).toEqual({ ratePercent: 7, vatAmount: 0, netAmount: 0 });
  });

  it('is round(amount × 7 / 107) for every amount a till takes, and adds up to the amount (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_CHARGE_SATANG * 10 }), (amount) => {
        const { vatAmount, netAmount } = vatIncluded(amount);
        expect(Number.isInteger(vatAmount) && Number.isInteger(netAmount)).toBe(true);
        expect(vatAmount + netAmount).toBe(amount);
        // Exact rational check, no floating point: |107 × vat − 7 × amount| < 107 / 2.
        expect(Math.abs(107 * vatAmount - 7 * amount) * 2).toBeLessThan(107);
      }),
      { numRuns: 5_000 },
    );
  });

  it('refuses what is not a whole number of satang', () => {
    expect(() => vatIncluded(10.5)).toThrow(RangeError);
    expect(() => vatIncluded(-1)).toThrow(RangeError);
  });
});
