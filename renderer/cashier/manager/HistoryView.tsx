import { useEffect } from 'react';
import { SALE_STATUSES, type SaleStatus } from '../../../shared/sale-status';
import { TENDERS, type Tender } from '../../../shared/tender';
import { TENDER_BADGE_KEY } from '../../state/cash-tender';
import type { Sale } from '../../../shared/sale';
import { linesHint } from '../../state/item-ticket';
import { STATUS_VIEW } from '../../state/cashier-view';
import { refundState } from '../../state/refund-form';
import type { Route } from '../../state/manager-route';
import { queryKind } from '../../state/search-query';
import { DateField } from '../../ui/DateField';
import { ErrorNote } from '../../ui/ErrorNote';
import type { T } from '../../ui/translator';
import { TenderBadge } from '../tender/TenderBadge';
import { useSlice } from '../app-stores-context';
import { useFormatters } from './use-formatters';
// oxlint-disable-next-line import/no-unassigned-import
import './sale-tenders.css';

/** What a ticket sold, in brief ("Latte ×2, Cake +1 more"); nothing for an amount keyed in. */
function LinesHint({ t, lines }: { t: T; lines: Sale['lines'] }) {
  const hint = linesHint(lines ?? []);
  if (!hint) return null;
  return (
    <span className="subtle" data-testid="history-lines">
      {' '}
      {hint.names}
      {hint.more > 0 ? ` ${t('items.hintMore', { count: hint.more })}` : ''}
    </span>
  );
}

/** "Partly refunded ฿x" or "Refunded" under a sale's status; nothing when nothing went back. */
function RefundMark({ t, amount, refunded, baht }: { t: T; amount: number; refunded: number; baht: (satang: number) => string }) {
  const state = refundState(amount, refunded);
  if (state === 'none') return null;
  return (
    <div className="refund-mark subtle" data-testid="history-refunded" data-state={state}>
      {state === 'full' ? t('history.refundedFull') : t('history.refundedPartly', { amount: baht(refunded) })}
    </div>
  );
}

export function HistoryView({ t, go }: { t: T; go: (route: Route) => void }) {
  const date = useSlice('history', (s) => s.date);
  const query = useSlice('history', (s) => s.query);
  const status = useSlice('history', (s) => s.status);
  const tender = useSlice('history', (s) => s.tender);
  const sales = useSlice('history', (s) => s.sales);
  const nextCursor = useSlice('history', (s) => s.nextCursor);
  const loading = useSlice('history', (s) => s.loading);
  const loadingMore = useSlice('history', (s) => s.loadingMore);
  const error = useSlice('history', (s) => s.error);
  const shown = useSlice('history', (s) => s.shown);
  const setDate = useSlice('history', (s) => s.setDate);
  const setQuery = useSlice('history', (s) => s.setQuery);
  const setStatus = useSlice('history', (s) => s.setStatus);
  const setTender = useSlice('history', (s) => s.setTender);
  const search = useSlice('history', (s) => s.search);
  const loadMore = useSlice('history', (s) => s.loadMore);
  const today = useSlice('history', (s) => s.today);
  const f = useFormatters();

  useEffect(() => {
    void search();
  }, [search]);

  const kind = shown ? queryKind(shown.query) : 'empty';
  return (
    <section className="mgr-page" aria-labelledby="history-title" data-testid="history-view">
      <header className="mgr-page__head">
        <h1 className="mgr-page__title" id="history-title">
          {t('history.title')}
        </h1>
      </header>
      <form
        className="toolbar card history-toolbar"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <label className="field field--date">
          <span className="field__label">{t('common.businessDay')}</span>
          <span className="date-stepper">
            <DateField t={t} testId="history-date" value={date} max={today()} onChange={setDate} />
            <button type="button" className="btn btn--sm btn--muted-soft" data-testid="history-today" onClick={() => setDate(today())}>
              {t('common.today')}
            </button>
          </span>
        </label>
        <label className="field field--grow history-search-field">
          <span className="field__label">{t('history.search')}</span>
          <input
            className="field__input"
            type="search"
            data-testid="history-search"
            autoComplete="off"
            placeholder={t('history.searchPlaceholder')}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </label>
        <label className="field history-filter">
          <span className="field__label">{t('history.status')}</span>
          <select className="field__input" data-testid="history-status" value={status} onChange={(event) => setStatus(event.target.value as SaleStatus | '')}>
            <option value="">{t('history.allStatuses')}</option>
            {SALE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(STATUS_VIEW[s].titleKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field history-filter">
          <span className="field__label">{t('history.tender')}</span>
          <select className="field__input" data-testid="history-tender" value={tender} onChange={(event) => setTender(event.target.value as Tender | '')}>
            <option value="">{t('history.allTenders')}</option>
            {TENDERS.map((option) => (
              <option key={option} value={option}>
                {t(TENDER_BADGE_KEY[option])}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn--primary toolbar__submit" data-testid="history-search-button">
          {t('history.searchButton')}
        </button>
      </form>
      <ErrorNote error={error} t={t} />
      <div className="card list-card">
        <div className="list-card__meta" aria-live="polite">
          {loading ? t('common.loading') : shown ? t(kind === 'empty' ? 'history.countDay' : `history.count.${kind}`, { count: sales.length, more: nextCursor ? '+' : '', query: shown.query }) : null}
        </div>
        {sales.length === 0 && !loading ? (
          <p className="empty-state" data-testid="history-empty">
            {t('history.empty')}
          </p>
        ) : (
          <table className="data-table data-table--rows" data-testid="history-list">
            <thead>
              <tr>
                <th scope="col">{t('history.col.time')}</th>
                <th scope="col" className="num">
                  {t('history.col.amount')}
                </th>
                <th scope="col">{t('history.col.description')}</th>
                <th scope="col">{t('history.col.tender')}</th>
                <th scope="col">{t('history.col.cashier')}</th>
                <th scope="col">{t('history.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {sales.map((sale) => (
                <tr
                  key={sale.id}
                  className="row-link"
                  data-testid="history-row"
                  data-sale-id={sale.id}
                  data-payment-intent-id={sale.paymentIntentId ?? ''}
                  tabIndex={0}
                  onClick={() => go({ name: 'sale', saleId: sale.id })}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      go({ name: 'sale', saleId: sale.id });
                    }
                  }}
                >
                  <td className="mono-num">{f.time(sale.createdAt)}</td>
                  <td className="num strong">{f.baht(sale.amount)}</td>
                  <td className="ellipsis">
                    {sale.description ?? (sale.lines?.length ? '' : '—')}
                    {sale.orderRef ? <span className="subtle"> · {sale.orderRef}</span> : null}
                    <LinesHint t={t} lines={sale.lines} />
                  </td>
                  <td className="history-tender-cell">
                    <TenderBadge t={t} tender={sale.tender} />
                  </td>
                  <td className="ellipsis">{sale.cashier ?? (sale.source === 'api' ? t('history.viaApi') : '—')}</td>
                  <td>
                    <span className={`chip chip--${STATUS_VIEW[sale.status].tone}`}>
                      {sale.flagged ? '⚠ ' : ''}
                      {t(STATUS_VIEW[sale.status].titleKey)}
                    </span>
                    <RefundMark t={t} amount={sale.amount} refunded={sale.refunded ?? 0} baht={f.baht} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {nextCursor ? (
          <button type="button" className="btn btn--muted-soft list-card__more" data-testid="history-more" disabled={loadingMore} onClick={() => void loadMore()}>
            {loadingMore ? t('common.loading') : t('history.more')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
