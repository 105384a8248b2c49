import { describe, expect, it } from 'vitest';
import { customerStatus, nextFinalSince, RESULT_HOLD_MS } from '../../../renderer/state/customer-view';
import { makeSale } from './fake-transport';

describe('customer display status', () => {
  it('is idle with no sale and shows an awaiting sale as awaiting_payment', () => {
    expect(customerStatus(null, null, 0)).toBe('idle');
    expect(customerStatus(makeSale(), null, 0)).toBe('awaiting_payment');
  });

  it('holds a result screen for ten seconds, then returns to idle', () => {
    const paid = makeSale({ status: 'succeeded' });
    expect(customerStatus(paid, 1_000, 1_000 + RESULT_HOLD_MS - 1)).toBe('succeeded');
    expect(customerStatus(paid, 1_000, 1_000 + RESULT_HOLD_MS)).toBe('idle');
  });

  it('restarts the hold when the final status changes, not when the same status repeats', () => {
    const sale = makeSale();
    const canceled = { ...sale, status: 'canceled' as const };
    const paid = { ...sale, status: 'succeeded' as const };
    expect(nextFinalSince(sale, canceled, null, 100)).toBe(100);
    expect(nextFinalSince(canceled, canceled, 100, 500)).toBe(100);
    expect(nextFinalSince(canceled, paid, 100, 900)).toBe(900);
    expect(nextFinalSince(null, sale, 100, 900)).toBeNull();
  });
});
