import { describe, expect, it } from 'vitest';
import { formatCountdown, isCountdownUrgent, remainingFraction, remainingMs } from '../../../renderer/state/countdown';

describe('QR countdown', () => {
  it('formats as mm:ss, rounding up so 00:00 means time is up', () => {
    expect(formatCountdown(600_000)).toBe('10:00');
    expect(formatCountdown(59_001)).toBe('01:00');
    expect(formatCountdown(59_000)).toBe('00:59');
    expect(formatCountdown(1)).toBe('00:01');
    expect(formatCountdown(0)).toBe('00:00');
    expect(formatCountdown(-5_000)).toBe('00:00');
  });

  it('keeps counting minutes past an hour', () => {
    expect(formatCountdown(75 * 60_000)).toBe('75:00');
  });

  it('never reports negative time and knows when there is no expiry', () => {
    expect(remainingMs(1_000, 5_000)).toBe(0);
    expect(remainingMs(10_000, 4_000)).toBe(6_000);
    expect(remainingMs(null, 4_000)).toBeNull();
  });

  it('turns urgent in the last minute', () => {
    expect(isCountdownUrgent(60_000)).toBe(true);
    expect(isCountdownUrgent(61_000)).toBe(false);
    expect(isCountdownUrgent(null)).toBe(false);
  });

  it('gives the fraction of the QR life left', () => {
    expect(remainingFraction(2_000, 2_000, 500)).toBe(0.75);
    expect(remainingFraction(2_000, 2_000, 5_000)).toBe(0);
    expect(remainingFraction(null, 2_000, 0)).toBeNull();
    expect(remainingFraction(2_000, null, 0)).toBeNull();
    // A New QR on a sale made long ago still starts full.
    expect(remainingFraction(1_000_600_000, 600_000, 1_000_000_000)).toBe(1);
  });
});
