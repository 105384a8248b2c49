import { entryAsBaht } from '../state/amount-entry';
import { cashierPhase } from '../state/cashier-view';
import type { T } from '../ui/translator';
import { Keypad } from './Keypad';
import { useCashier } from './store-context';

/** The right-hand column while typing: keypad, the core's last error, and Charge. */
export function EntryActions({ t }: { t: T }) {
  const entry = useCashier((s) => s.entry);
  const charging = useCashier((s) => s.charging);
  const sale = useCashier((s) => s.sale);
  const error = useCashier((s) => s.error);
  const press = useCashier((s) => s.press);
  const charge = useCashier((s) => s.charge);
  const phase = cashierPhase(sale, charging);
  const amount = entryAsBaht(entry, 'th-TH');

  return (
    <section className="entry-actions">
      <Keypad t={t} disabled={phase !== 'entry'} onPress={press} />
      {error ? (
        <p className="core-error" role="alert" data-testid="core-error">
          {t(error)}
        </p>
      ) : null}
      <button
        type="button"
        className="btn btn--primary btn--xl charge-button"
        data-testid="charge-button"
        disabled={phase !== 'entry'}
        aria-busy={charging}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => void charge()}
      >
        {charging ? t('cashier.charging') : amount ? t('cashier.chargeAmount', { amount }) : t('cashier.charge')}
      </button>
    </section>
  );
}
