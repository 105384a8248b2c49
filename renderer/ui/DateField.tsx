import { useState } from 'react';
import { dateFieldPattern, formatDateField, parseDateField } from '../state/date-field';
import type { T } from './translator';

interface Editing {
  /** What the field showed when typing began: a new value or language from outside ends the edit. */
  base: string;
  text: string;
  invalid: boolean;
}

/**
 * A business-day field in the screen's format (dd/mm/Buddhist-era year in Thai, dd/mm/yyyy in
 * English), instead of the browser's date input, which follows the computer's locale. A day that is
 * not real or is after `max` changes nothing and is marked.
 */
export function DateField({ value, max, onChange, t, testId }: { value: string; max?: string; onChange: (iso: string) => void; t: T; testId: string }) {
  const lang = t.lang ?? 'en';
  const shown = formatDateField(value, lang);
  const [editing, setEditing] = useState<Editing | null>(null);
  const current = editing && editing.base === shown ? editing : null;
  const text = current ? current.text : shown;
  const invalid = current?.invalid ?? false;

  const commit = (): void => {
    if (!current) return;
    const iso = parseDateField(current.text, lang);
    if (iso === null || (max !== undefined && iso > max)) {
      setEditing({ ...current, invalid: true });
      return;
    }
    setEditing(null);
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
      aria-invalid={invalid}
      aria-description={invalid ? t('date.invalid', { pattern: dateFieldPattern(lang) }) : undefined}
      title={dateFieldPattern(lang)}
      placeholder={dateFieldPattern(lang)}
      value={text}
      onChange={(event) => setEditing({ base: shown, text: event.target.value, invalid: false })}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
      }}
    />
  );
}
