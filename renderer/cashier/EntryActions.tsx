import { entryAsBaht } from '../state/amount-entry';
import { chargeBlock } from '../state/cash-tender';
import { cashierPhase } from '../state/cashier-view';
import type { T } from '../ui/translator';
import { useSlice } from './app-stores-context';
import { Keypad } from './Keypad';
import { useCashier } from './store-context';
import { CashKeys } from './tender/CashKeys';
import { TenderButtons } from './tender/TenderButtons';

/** Whether Stripe is unreachable right now (the payment path's word), so Charge must not pretend. */
export function useStripeOffline(): boolean {
  return useSlice('path', (s) => s.path?.stripe === 'unreachable');
}

/** The right-hand column while typing: keypad, the core's last error, Charge, and the other tenders. */
export function EntryActions({ t }: { t: T }) {
  const entry = useCashier((s) => s.entry);
  const charging = useCashier((s) => s.charging);
  const chargingTender = useCashier((s) => s.chargingTender);
  const cashOpen = useCashier((s) => s.cash !== null);
  const sale = useCashier((s) => s.sale);
  const error = useCashier((s) => s.error);
  const press = useCashier((s) => s.press);
  const charge = useCashier((s) => s.charge);
  const block = chargeBlock(entry, useStripeOffline());
  if (cashOpen) return <CashKeys t={t} />;
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
        className={`btn btn--primary btn--xl charge-button${block ? ' charge-button--blocked' : ''}`}
        data-testid="charge-button"
        // Offline it cannot work at all; under ฿10 a press still explains the minimum next to the amount.
        disabled={phase !== 'entry' || block === 'offline'}
        aria-busy={chargingTender === 'promptpay'}
        aria-describedby={block ? 'charge-blocked' : undefined}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => void charge()}
      >
        {chargingTender === 'promptpay' ? t('cashier.charging') : amount ? t('cashier.chargeAmount', { amount }) : t('cashier.charge')}
      </button>
      <TenderButtons t={t} block={block} disabled={phase !== 'entry'} />
    </section>
  );
}
