import { formatBaht } from '../../../shared/money';
import { QUICK_NOTES_SATANG, cashSums, checkHandEntry } from '../../state/cash-tender';
import type { T } from '../../ui/translator';
import { useSlice } from '../app-stores-context';
import { Keypad } from '../Keypad';
import { useCashier } from '../store-context';

/** The right-hand column of the cash panel: notes handed over, the keypad for any other sum, Complete. */
export function CashKeys({ t }: { t: T }) {
  const entry = useCashier((s) => s.entry);
  const cash = useCashier((s) => s.cash);
  const charging = useCashier((s) => s.charging);
  const error = useCashier((s) => s.error);
  const press = useCashier((s) => s.press);
  const setTendered = useCashier((s) => s.setTendered);
  const complete = useCashier((s) => s.completeCash);
  // Cash needs an open shift: the refusal says so and opens the header's shift dialog from here.
  const showShift = useSlice('shift', (s) => s.show);
  const check = checkHandEntry(entry);
  if (!cash || !check.ok) return null;
  const sums = cashSums(check.satang, cash.tendered);
  return (
    <section className="entry-actions cash-keys">
      <div className="quick-notes" role="group" aria-label={t('tender.cash.quickLabel')}>
        <button type="button" className="quick-notes__key quick-notes__key--exact" data-testid="cash-exact" disabled={charging} onMouseDown={(event) => event.preventDefault()} onClick={() => setTendered(check.satang)}>
          {t('tender.cash.exact')}
        </button>
        {QUICK_NOTES_SATANG.map((note) => (
          <button
            key={note}
            type="button"
            className="quick-notes__key"
            data-testid={`cash-note-${note / 100}`}
            disabled={charging}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => setTendered(note)}
          >
            ฿{note / 100}
          </button>
        ))}
      </div>
      <Keypad t={t} disabled={charging} onPress={press} groupLabel={t('tender.cash.keypadLabel')} />
      {error ? (
        <div className="core-error tender-error" role="alert" data-testid="core-error">
          <span>{t(error)}</span>
          {error === 'tender.error.noShift' ? (
            <button type="button" className="btn btn--sm btn--primary" data-testid="open-shift-from-cash" onClick={() => showShift({ kind: 'open' })}>
              {t('shift.openAction')}
            </button>
          ) : null}
        </div>
      ) : null}
      <button
        type="button"
        className="btn btn--primary btn--xl charge-button"
        data-testid="cash-complete"
        disabled={!sums.enough || charging}
        aria-busy={charging}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => void complete()}
      >
        {charging ? t('tender.cash.completing') : `${t('tender.cash.complete')} ${formatBaht(check.satang)}`}
      </button>
    </section>
  );
}
