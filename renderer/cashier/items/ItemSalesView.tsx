import { useEffect } from 'react';
import { useStore } from 'zustand';
import { PERIOD_PRESETS, daysInRange, orderedRange } from '../../state/business-date';
import { formatDateField } from '../../state/date-field';
import { itemSalesStoreFor, sortedItemRows, type ItemSalesPreset } from '../../state/item-sales-store';
import { DateField } from '../../ui/DateField';
import { ErrorNote } from '../../ui/ErrorNote';
import type { T } from '../../ui/translator';
import { useAppStores } from '../app-stores-context';
import { useFormatters } from '../manager/use-formatters';
// oxlint-disable-next-line import/no-unassigned-import
import './items-manager.css';

const PRESETS: readonly ItemSalesPreset[] = ['today', ...PERIOD_PRESETS];
const PRESET_LABEL: Record<ItemSalesPreset, 'common.today' | 'period.thisWeek' | 'period.lastWeek' | 'period.thisMonth' | 'period.lastMonth'> = {
  today: 'common.today',
  thisWeek: 'period.thisWeek',
  lastWeek: 'period.lastWeek',
  thisMonth: 'period.thisMonth',
  lastMonth: 'period.lastMonth',
};

/** Sales by item over business days: by item or by category, sorted by gross or quantity; the total is the ledger's paid gross. */
export function ItemSalesView({ t }: { t: T }) {
  const stores = useAppStores();
  const store = itemSalesStoreFor(stores.transport, { timeZone: () => stores.zone.getState().timeZone, dayStartHour: () => stores.zone.getState().dayStartHour });
  const s = useStore(store);
  const f = useFormatters();

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  const range = orderedRange(s.from, s.to);
  const shown = s.report && s.report.from === range.from && s.report.to === range.to && !s.problem ? s.report : null;
  const rows = shown ? sortedItemRows(shown.rows, s.sort) : [];
  const categories = shown ? [...shown.byCategory].sort((a, b) => (s.sort === 'gross' ? b.gross - a.gross : b.quantity - a.quantity)) : [];
  const keyed = shown?.rows.find((row) => row.itemId === null && row.name === '') ?? null;

  return (
    <section className="mgr-page" aria-labelledby="itemsales-title" data-testid="itemsales-view">
      <header className="mgr-page__head">
        <h1 className="mgr-page__title" id="itemsales-title">
          {t('items.report.title')}
        </h1>
      </header>
      <p className="subtle">{t('items.report.intro')}</p>
      <div className="period-picker card">
        <div className="segmented period-picker__presets" role="radiogroup" aria-label={t('period.choose')}>
          {PRESETS.map((option) => (
            <button key={option} type="button" role="radio" className={`segmented__opt${s.preset === option ? ' is-active' : ''}`} aria-checked={s.preset === option} data-testid={`itemsales-${option}`} onClick={() => s.choose(option)}>
              {t(PRESET_LABEL[option])}
            </button>
          ))}
        </div>
        <div className="period-picker__dates">
          <label className="field field--inline">
            <span className="field__label">{t('period.from')}</span>
            <DateField t={t} testId="itemsales-from" value={s.from} max={s.today()} onChange={s.setFrom} />
          </label>
          <label className="field field--inline">
            <span className="field__label">{t('period.to')}</span>
            <DateField t={t} testId="itemsales-to" value={s.to} max={s.today()} onChange={s.setTo} />
          </label>
        </div>
      </div>
      <div className="itemsales-controls">
        <div className="segmented" role="radiogroup" aria-label={t('items.report.title')}>
          {(['items', 'categories'] as const).map((view) => (
            <button key={view} type="button" role="radio" className={`segmented__opt${s.view === view ? ' is-active' : ''}`} aria-checked={s.view === view} data-testid={`itemsales-view-${view}`} onClick={() => s.setView(view)}>
              {t(view === 'items' ? 'items.report.byItem' : 'items.report.byCategory')}
            </button>
          ))}
        </div>
        <div className="segmented" role="radiogroup" aria-label={t('items.report.sortBy')}>
          {(['gross', 'quantity'] as const).map((sort) => (
            <button key={sort} type="button" role="radio" className={`segmented__opt${s.sort === sort ? ' is-active' : ''}`} aria-checked={s.sort === sort} data-testid={`itemsales-sort-${sort}`} onClick={() => s.setSort(sort)}>
              {t(sort === 'gross' ? 'items.report.sortGross' : 'items.report.sortQuantity')}
            </button>
          ))}
        </div>
      </div>
      {s.problem ? (
        <p className="error-inline" role="alert">
          {t(s.problem.key, s.problem.vars)}
        </p>
      ) : null}
      <ErrorNote error={s.error} t={t} />
      {!shown ? (
        <p className="empty-state">{s.loading ? t('common.loading') : ''}</p>
      ) : (
        <div className="card list-card">
          <div className="list-card__meta">
            {t('period.range', { from: formatDateField(shown.from, f.lang), to: formatDateField(shown.to, f.lang), days: f.count(daysInRange(shown.from, shown.to)) })} · {shown.timeZone}
          </div>
          {shown.rows.length === 0 ? (
            <p className="empty-state" data-testid="itemsales-empty">
              {t('items.report.empty')}
            </p>
          ) : (
            <table className="data-table data-table--rows" data-testid="itemsales-table">
              <thead>
                <tr>
                  <th scope="col">{t(s.view === 'items' ? 'items.report.col.item' : 'items.report.col.category')}</th>
                  {s.view === 'items' ? <th scope="col">{t('items.report.col.category')}</th> : null}
                  <th scope="col" className="num" aria-sort={s.sort === 'quantity' ? 'descending' : undefined}>
                    {t('items.report.col.quantity')}
                  </th>
                  <th scope="col" className="num" aria-sort={s.sort === 'gross' ? 'descending' : undefined}>
                    {t('items.report.col.gross')}
                  </th>
                  {s.view === 'items' ? (
                    <th scope="col" className="num">
                      {t('items.report.col.sales')}
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {s.view === 'items'
                  ? rows.map((row) => {
                      const noItems = row.itemId === null && row.name === '';
                      return (
                        <tr key={`${row.itemId}|${row.name}`} data-testid="itemsales-row" data-item-id={row.itemId ?? ''} className={noItems ? 'itemsales-keyed' : undefined}>
                          <td className="strong">
                            {noItems ? t('items.report.noItems') : row.name}
                            {row.itemId === null && !noItems ? <span className="subtle"> · {t('items.report.typed')}</span> : null}
                          </td>
                          <td>{noItems ? '' : (row.category ?? t('items.report.uncategorised'))}</td>
                          <td className="num" data-testid="itemsales-quantity">
                            {noItems ? '—' : f.count(row.quantity)}
                          </td>
                          <td className="num" data-testid="itemsales-gross">
                            {f.baht(row.gross)}
                          </td>
                          <td className="num">{f.count(row.sales)}</td>
                        </tr>
                      );
                    })
                  : [
                      ...categories.map((row) => (
                        <tr key={row.category ?? ''} data-testid="itemsales-category">
                          <td className="strong">{row.category ?? t('items.report.uncategorised')}</td>
                          <td className="num">{f.count(row.quantity)}</td>
                          <td className="num">{f.baht(row.gross)}</td>
                        </tr>
                      )),
                      keyed ? (
                        <tr key="keyed" className="itemsales-keyed">
                          <td className="strong">{t('items.report.noItems')}</td>
                          <td className="num">—</td>
                          <td className="num">{f.baht(keyed.gross)}</td>
                        </tr>
                      ) : null,
                    ]}
              </tbody>
              <tfoot>
                <tr className="itemsales-total">
                  <th scope="row">{t('items.report.total')}</th>
                  {s.view === 'items' ? <td /> : null}
                  <td className="num">{f.count(shown.totalQuantity)}</td>
                  <td className="num" data-testid="itemsales-total">
                    {f.baht(shown.totalGross)}
                  </td>
                  {s.view === 'items' ? <td /> : null}
                </tr>
              </tfoot>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
