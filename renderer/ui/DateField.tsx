import { useEffect, useState } from 'react';
import { dateFieldPattern, formatDateField, parseDateField } from '../state/date-field';
import type { T } from './translator';

/**
 * A business-day field in the screen's format (dd/mm/Buddhist-era year in Thai, dd/mm/yyyy in
 * English), instead of the browser's date input, which follows the computer's locale. A day that is
 * not real or is after `max` changes nothing and is marked.
 */
export function DateField({ value, max, onChange, t, testId, labelledBy }: { value: string; max?: string; onChange: (iso: string) => void; t: T; testId: string; labelledBy?: string }) {
  const lang = t.lang ?? 'en';
  const [draft, setDraft] = useState(() => formatDateField(value, lang));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    setDraft(formatDateField(value, lang));
    setInvalid(false);
  }, [value, lang]);

  const commit = (): void => {
    const iso = parseDateField(draft, lang);
    if (iso === null || (max !== undefined && iso > max)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setDraft(formatDateField(iso, lang));
    if (iso !== value) onChange(iso);
  };

  return (
    <input
      className={`field__input date-field${invalid ? ' is-invalid' : ''}`}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      data-testid={testId}
      data-value={value}
      aria-labelledby={labelledBy}
      aria-invalid={invalid}
      aria-description={invalid ? t('date.invalid', { pattern: dateFieldPattern(lang) }) : undefined}
      title={dateFieldPattern(lang)}
      placeholder={dateFieldPattern(lang)}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
      }}
    />
  );
}
