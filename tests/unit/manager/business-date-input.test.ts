// Regression: the business-day schema let through days that do not exist ("2026-02-31"), which a
// Date then rolled into March, so the report covered the 3rd of March instead of refusing.
import { describe, expect, it } from 'vitest';
import { businessDate, dailyReportInput, exportInput, searchSalesInput } from '../../../shared/pos-contract';

describe('a business date in the contract', () => {
  it('accepts only days that exist, leap days included', () => {
    for (const day of ['2026-01-31', '2026-02-28', '2024-02-29', '2000-02-29', '2026-04-30', '2026-12-31']) {
      expect(businessDate.safeParse(day).success, day).toBe(true);
    }
    for (const day of ['2026-02-29', '2026-02-30', '2026-02-31', '1900-02-29', '2026-04-31', '2026-06-31', '2026-09-31', '2026-11-31']) {
      const parsed = businessDate.safeParse(day);
      expect(parsed.success, day).toBe(false);
      expect(parsed.error?.issues[0].message, day).toMatch(/no such day/);
    }
  });

  it('still refuses malformed text with the format message first', () => {
    for (const text of ['2026-13-01', '2026-2-01', '26-02-01', '2026-02-01T00:00', '']) {
      const parsed = businessDate.safeParse(text);
      expect(parsed.success, text).toBe(false);
      expect(parsed.error?.issues[0].message, text).toBe('a date is YYYY-MM-DD');
    }
  });

  it('guards every operation that takes a day', () => {
    expect(dailyReportInput.safeParse({ date: '2026-02-31' }).success).toBe(false);
    expect(exportInput.safeParse({ from: '2026-02-01', to: '2026-02-31', format: 'csv' }).success).toBe(false);
    expect(searchSalesInput.safeParse({ from: '2026-02-31', to: '2026-03-01' }).success).toBe(false);
    expect(dailyReportInput.safeParse({ date: '2026-03-03' }).success).toBe(true);
  });
});
