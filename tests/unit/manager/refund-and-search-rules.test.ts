import { describe, expect, it } from 'vitest';
import { amountsMatching } from '../../../electron/core/history/sale-search';
import { decideRefundTransition } from '../../../electron/core/refunds/refund-transitions';

describe('refund transitions', () => {
  it('move forward only: requires_action → pending → a final status', () => {
    expect(decideRefundTransition('requires_action', 'pending', true).applied).toBe(true);
    expect(decideRefundTransition('pending', 'succeeded', true).applied).toBe(true);
    expect(decideRefundTransition('pending', 'requires_action', true)).toMatchObject({ applied: false, note: 'stale: requires_action after pending' });
    // Stripe can fail a refund after it succeeded (the bank returned it): that move alone is taken, as a reversal.
    expect(decideRefundTransition('succeeded', 'failed', true)).toMatchObject({ applied: true, reversal: true });
    expect(decideRefundTransition('succeeded', 'pending', true).applied).toBe(false);
    expect(decideRefundTransition('succeeded', 'canceled', true).applied).toBe(false);
    expect(decideRefundTransition('failed', 'succeeded', true).applied).toBe(false);
    expect(decideRefundTransition('canceled', 'failed', true).applied).toBe(false);
    expect(decideRefundTransition('pending', 'failed', true).reversal).toBeUndefined();
    expect(decideRefundTransition('pending', 'pending', true).applied).toBe(false);
  });

  it("take Stripe's first answer, even requires_action, over the local pending placeholder", () => {
    expect(decideRefundTransition('pending', 'requires_action', false).applied).toBe(true);
  });
});

describe('searching by amount', () => {
  it('reads a whole number as baht or satang and a decimal as baht', () => {
    expect(amountsMatching('120')).toEqual([120, 12_000]);
    expect(amountsMatching('120.5')).toEqual([12_050]);
    expect(amountsMatching('1,234.56')).toEqual([123_456]);
    expect(amountsMatching('pad thai')).toEqual([]);
  });

  it('reads commas only as thousands separators, like the keypad: "12,50" finds no amount, never ฿12.50', () => {
    expect(amountsMatching('12,500')).toEqual([1_250_000]);
    expect(amountsMatching('12,50')).toEqual([]);
    expect(amountsMatching('1,2,3')).toEqual([]);
  });
});
