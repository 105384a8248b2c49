import { describe, expect, it } from 'vitest';
import { formatDateField, parseDateField } from '../../../renderer/state/date-field';

describe('business-day field', () => {
  it('shows dd/mm/yyyy, with the Buddhist-era year on Thai screens', () => {
    expect(formatDateField('2026-12-02', 'th')).toBe('02/12/2569');
    expect(formatDateField('2026-12-02', 'en')).toBe('02/12/2026');
  });

  it('reads what was shown back, and short days and months', () => {
    expect(parseDateField('02/12/2569', 'th')).toBe('2026-12-02');
    expect(parseDateField('2/12/2026', 'en')).toBe('2026-12-02');
    expect(parseDateField('2.1.2569', 'en')).toBe('2026-01-02');
    expect(parseDateField('2026-12-02', 'th')).toBe('2026-12-02');
  });

  it('refuses days that do not exist and text that is not a date', () => {
    expect(parseDateField('31/02/2026', 'en')).toBeNull();
    expect(parseDateField('29/02/2567', 'th')).toBe('2024-02-29');
    expect(parseDateField('29/02/2568', 'th')).toBeNull();
    expect(parseDateField('12/2026', 'en')).toBeNull();
    expect(parseDateField('', 'th')).toBeNull();
  });
});
