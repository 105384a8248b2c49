import { memo } from 'react';
import type { Sale } from '../../shared/sale';
import { formatBaht } from '../../shared/money';
import { formatShopTime } from '../state/business-date';
import { STATUS_VIEW } from '../state/cashier-view';
import type { T } from '../ui/translator';
import { useFormatters } from './manager/use-formatters';
import { useCashier } from './store-context';
import { TenderBadge } from './tender/TenderBadge';

export function RecentSales({ t }: { t: T }) {
  const recent = useCashier((s) => s.recent);
  const currentId = useCashier((s) => s.sale?.id ?? null);
  // The shop's zone and a 24 h clock, as History and the reports show them (not the computer's zone).
  const f = useFormatters();
  return (
    <section className="card recent" aria-labelledby="recent-title">
      <h2 className="recent__title" id="recent-title">
        {t('cashier.recentTitle')}
      </h2>
      {recent.length === 0 ? (
        <p className="recent__empty">{t('cashier.recentEmpty')}</p>
      ) : (
        // It scrolls on its own: focusable so the keyboard can scroll it too.
        <ul className="recent__list" data-testid="recent-sales" tabIndex={0} aria-labelledby="recent-title">
          {recent.map((sale) => (
            <RecentRow key={sale.id} sale={sale} current={sale.id === currentId} t={t} locale={f.locale} timeZone={f.timeZone} />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * One row, drawn again only when its sale (or the language, zone or current sale) changes: a charge
 * updates one sale, and the till should not redo the other rows while the customer's QR is on its way.
 */
const RecentRow = memo(function RecentRow({ sale, current, t, locale, timeZone }: { sale: Sale; current: boolean; t: T; locale: string; timeZone: string }) {
  return (
    <li className={`recent__row${current ? ' is-current' : ''}`} data-sale-id={sale.id} data-tender={sale.tender}>
      <span className="recent__time">{formatShopTime(sale.createdAt, locale, timeZone)}</span>
      <span className="recent__what">
        <span className="recent__desc">{sale.description ?? sale.orderRef ?? '—'}</span>
        <TenderBadge t={t} tender={sale.tender} />
      </span>
      <span className="recent__amount">{formatBaht(sale.amount, locale)}</span>
      <span className={`chip chip--${STATUS_VIEW[sale.status].tone}`}>
        {sale.flagged ? '⚠ ' : ''}
        {t(STATUS_VIEW[sale.status].titleKey)}
      </span>
    </li>
  );
});
