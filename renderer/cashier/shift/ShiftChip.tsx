// The till's shift in the header: "No shift — Open shift", or the open shift with its expected cash,
// live from shift.updated. Tapping it opens the shift's dialogs.
import { useEffect } from 'react';
import type { T } from '../../ui/translator';
import { useSlice } from '../app-stores-context';
import { useFormatters } from '../manager/use-formatters';
// The shift screens' stylesheet, loaded with the header that every signed-in screen has (Vite bundles it).
// oxlint-disable-next-line import/no-unassigned-import
import './shift.css';

export function ShiftChip({ t }: { t: T }) {
  const loaded = useSlice('shift', (s) => s.loaded);
  const shift = useSlice('shift', (s) => s.shift);
  const show = useSlice('shift', (s) => s.show);
  const load = useSlice('shift', (s) => s.load);
  const f = useFormatters();
  useEffect(() => {
    void load();
  }, [load]);
  if (!loaded) return null;
  if (!shift) {
    return (
      <button
        type="button"
        className="shift-chip shift-chip--none"
        data-testid="shift-chip"
        data-state="none"
        aria-label={`${t('shift.none')}: ${t('shift.openAction')}`}
        onClick={() => show({ kind: 'open' })}
      >
        <span className="shift-chip__dot" aria-hidden="true" />
        <span className="shift-chip__wide">{t('shift.none')}</span>
        <strong className="shift-chip__action">{t('shift.openAction')}</strong>
      </button>
    );
  }
  const vars = { number: shift.number, time: f.time(shift.openedAt), amount: f.baht(shift.cash.expected) };
  return (
    <button
      type="button"
      className="shift-chip"
      data-testid="shift-chip"
      data-state="open"
      data-number={shift.number}
      data-expected={shift.cash.expected}
      aria-label={t('shift.chipLabel', vars)}
      title={t('shift.chipLabel', vars)}
      onClick={() => show({ kind: 'panel' })}
    >
      <span className="shift-chip__dot" aria-hidden="true" />
      {/* Narrow tills show the shift's number and expected cash; wide ones also say since when. */}
      <span className="shift-chip__wide">{t('shift.chip', vars)}</span>
      <span className="shift-chip__narrow shift-chip__number">{t('shift.chipShort', vars)}</span>
      <strong className="shift-chip__amount">
        <span className="shift-chip__wide">{t('shift.chipExpected', vars)}</span>
        <span className="shift-chip__narrow">{vars.amount}</span>
      </strong>
    </button>
  );
}
