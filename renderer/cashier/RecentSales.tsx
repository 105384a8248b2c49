import { formatBaht } from '../../shared/money';
import { LOCALE_FOR } from '../../shared/i18n/translate';
import { STATUS_VIEW } from '../state/cashier-view';
import type { T } from '../ui/translator';
import { useCashier } from './store-context';

export function RecentSales({ t }: { t: T }) {
  const recent = useCashier((s) => s.recent);
  const lang = useCashier((s) => s.lang);
  const currentId = useCashier((s) => s.sale?.id ?? null);
  const time = new Intl.DateTimeFormat(LOCALE_FOR[lang], { hour: '2-digit', minute: '2-digit' });
  return (
    <section className="card recent" aria-labelledby="recent-title">
      <h2 className="recent__title" id="recent-title">
        {t('cashier.recentTitle')}
      </h2>
      {recent.length === 0 ? (
        <p className="recent__empty">{t('cashier.recentEmpty')}</p>
      ) : (
        <ul className="recent__list" data-testid="recent-sales">
          {recent.map((sale) => (
            <li key={sale.id} className={`recent__row${sale.id === currentId ? ' is-current' : ''}`} data-sale-id={sale.id}>
              <span className="recent__time">{time.format(sale.createdAt)}</span>
              <span className="recent__desc">{sale.description ?? sale.orderRef ?? '—'}</span>
              <span className="recent__amount">{formatBaht(sale.amount)}</span>
              <span className={`chip chip--${STATUS_VIEW[sale.status].tone}`}>
                {sale.flagged ? '⚠ ' : ''}
                {t(STATUS_VIEW[sale.status].titleKey)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
