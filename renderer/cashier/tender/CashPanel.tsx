import { formatBaht } from '../../../shared/money';
import { displayEntry } from '../../state/amount-entry';
import { cashSums, checkHandEntry } from '../../state/cash-tender';
import type { T } from '../../ui/translator';
import { useCashier } from '../store-context';

/** The left-hand column of the cash panel: what is due, the cash received, and the change, large. */
export function CashPanel({ t }: { t: T }) {
  const entry = useCashier((s) => s.entry);
  const cash = useCashier((s) => s.cash);
  const charging = useCashier((s) => s.charging);
  const closeCash = useCashier((s) => s.closeCash);
  const check = checkHandEntry(entry);
  if (!cash || !check.ok) return null;
  const sums = cashSums(check.satang, cash.tendered);
  return (
    <section className="card cash-panel" aria-labelledby="cash-title" data-testid="cash-panel">
      <h2 className="cash-panel__title" id="cash-title">
        {t('tender.cash.title')}
      </h2>
      <div className="cash-panel__row">
        <span className="cash-panel__label">{t('tender.cash.due')}</span>
        <span className="cash-panel__due" data-testid="cash-due">
          {formatBaht(check.satang)}
        </span>
      </div>
      <div className="cash-panel__row">
        <span className="cash-panel__label" id="cash-received-label">
          {t('tender.cash.tendered')}
        </span>
        <output className={`cash-panel__received${cash.tendered === '' ? ' is-empty' : ''}`} data-testid="cash-tendered" aria-labelledby="cash-received-label" aria-live="polite">
          ฿{displayEntry(cash.tendered)}
        </output>
      </div>
      <div className={`cash-panel__change${sums.enough ? '' : ' is-short'}`} data-testid="cash-change" data-enough={sums.enough} aria-live="polite">
        {sums.enough ? (
          <>
            <span className="cash-panel__change-label">{t('tender.cash.change')}</span>
            <span className="cash-panel__change-amount">{formatBaht(sums.change)}</span>
          </>
        ) : (
          <span className="cash-panel__short">{t('tender.cash.short', { amount: formatBaht(sums.short) })}</span>
        )}
      </div>
      <p className="cash-panel__hint">{t('tender.cash.hint')}</p>
      <button type="button" className="btn btn--muted-soft btn--sm cash-panel__back" data-testid="cash-back" disabled={charging} onClick={closeCash}>
        {t('tender.cash.back')}
      </button>
    </section>
  );
}
