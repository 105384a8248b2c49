/** Stripe's fee arithmetic in integer satang: rounding half up, configuration parsing. */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feeScheduleFromEnv, feeScheduleJson, percentToBasisPoints, stripeFeeSatang } from '../../stripe-sim/fees';

const amount = fc.integer({ min: 0, max: 99_999_999 }); // up to Stripe's THB maximum
const schedule = fc.record({ percentBasisPoints: fc.integer({ min: 0, max: 10_000 }), fixedSatang: fc.integer({ min: 0, max: 1_000_000 }) });

describe('stripeFeeSatang', () => {
  it('is the percentage rounded half up to the satang, plus the fixed part (checked with exact BigInt arithmetic)', () => {
    fc.assert(
      fc.property(amount, schedule, (a, s) => {
        const fee = stripeFeeSatang(a, s);
        expect(Number.isInteger(fee)).toBe(true);
        // percentage part p = a·bp/10000; half up means p − ½ < fee − fixed ≤ p + ½, i.e. in units of 1/20000:
        const scaled = BigInt(fee - s.fixedSatang) * 20_000n;
        const exact = BigInt(a) * BigInt(s.percentBasisPoints) * 2n;
        expect(scaled > exact - 10_000n && scaled <= exact + 10_000n).toBe(true);
      }),
    );
  });

  it('rounds every exact half up (amount × rate ending in half a satang)', () => {
    // (100·odd) × (50·odd) basis points = 5000·odd / 10000 = k + ½ satang.
    const odd = (max: number) => fc.integer({ min: 0, max }).map((n) => 2 * n + 1);
    fc.assert(
      fc.property(odd(499_999), odd(99), fc.integer({ min: 0, max: 1_000_000 }), (a, r, fixed) => {
        const halves = { percentBasisPoints: 50 * r, fixedSatang: fixed };
        const percentPart = (100 * a * 50 * r) / 10_000; // exactly k + 0.5
        expect(stripeFeeSatang(100 * a, halves)).toBe(percentPart + 0.5 + fixed);
      }),
    );
  });

  it('rounds exact halves up and never goes down when the amount grows', () => {
    // 1.65 % of 10,030 = 165.495 → 165; of 10,000 = 165; 1.5 % of 100 satang = 1.5 → 2.
    expect(stripeFeeSatang(10_030, { percentBasisPoints: 165, fixedSatang: 0 })).toBe(165);
    expect(stripeFeeSatang(100, { percentBasisPoints: 150, fixedSatang: 0 })).toBe(2);
    expect(stripeFeeSatang(12_550, { percentBasisPoints: 165, fixedSatang: 0 })).toBe(207);
    expect(stripeFeeSatang(10_000, { percentBasisPoints: 365, fixedSatang: 1_000 })).toBe(1_365);
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 1_000 }), schedule, (a, more, s) => {
        expect(stripeFeeSatang(a + more, s)).toBeGreaterThanOrEqual(stripeFeeSatang(a, s));
      }),
    );
  });

  it('refuses amounts that are not whole satang', () => {
    expect(() => stripeFeeSatang(10.5, { percentBasisPoints: 165, fixedSatang: 0 })).toThrow(/non-integer or negative/);
    expect(() => stripeFeeSatang(-1, { percentBasisPoints: 165, fixedSatang: 0 })).toThrow(/non-integer or negative/);
  });
});

describe('fee configuration', () => {
  it('SIM_FEE_PERCENT reads exactly what /_sim/fees shows as percent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => {
        const { percent } = feeScheduleJson({ percentBasisPoints: bp, fixedSatang: 0 });
        expect(percentToBasisPoints(percent)).toBe(bp);
      }),
    );
    expect(percentToBasisPoints('1.65')).toBe(165);
    expect(percentToBasisPoints('2')).toBe(200);
    expect(percentToBasisPoints('3.5')).toBe(350);
    for (const bad of ['1.655', '-1', '101', 'abc', '', '1,65']) expect(() => percentToBasisPoints(bad)).toThrow(/SIM_FEE_PERCENT/);
  });

  it('env: both unset (or empty) means no override; either one sets the schedule', () => {
    expect(feeScheduleFromEnv({})).toBeNull();
    expect(feeScheduleFromEnv({ SIM_FEE_PERCENT: '', SIM_FEE_FIXED_SATANG: ' ' })).toBeNull();
    expect(feeScheduleFromEnv({ SIM_FEE_PERCENT: '2.9' })).toEqual({ percentBasisPoints: 290, fixedSatang: 0 });
    expect(feeScheduleFromEnv({ SIM_FEE_FIXED_SATANG: '1000' })).toEqual({ percentBasisPoints: 165, fixedSatang: 1_000 });
    expect(() => feeScheduleFromEnv({ SIM_FEE_FIXED_SATANG: '10.5' })).toThrow(/SIM_FEE_FIXED_SATANG/);
    expect(() => feeScheduleFromEnv({ SIM_FEE_FIXED_SATANG: '99999999' })).toThrow(/SIM_FEE_FIXED_SATANG/);
  });
});
