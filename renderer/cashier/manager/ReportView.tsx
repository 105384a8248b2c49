import { useEffect } from 'react';
import type { ExportFormat } from '../../../shared/manager-types';
import { formatBusinessDate } from '../../state/business-date';
import type { Route } from '../../state/manager-route';
import { refundState } from '../../state/refund-form';
import { isApiRow } from '../../state/report-store';
import { DateField } from '../../ui/DateField';
import { ErrorNote } from '../../ui/ErrorNote';
import type { T } from '../../ui/translator';
import { useAppStores, useSlice } from '../app-stores-context';
import { HourChart } from './HourChart';
import { useFormatters } from './use-formatters';

const FORMATS: ExportFormat[] = ['csv', 'xlsx', 'pdf'];

export function ReportView({ t, go }: { t: T; go: (route: Route) => void }) {
  const stores = useAppStores();
  const date = useSlice('report', (s) => s.date);
  const report = useSlice('report', (s) => s.report);
  const loading = useSlice('report', (s) => s.loading);
  const error = useSlice('report', (s) => s.error);
  const setDate = useSlice('report', (s) => s.setDate);
  const load = useSlice('report', (s) => s.load);
  const starting = useSlice('exports', (s) => s.starting);
  const today = useSlice('history', (s) => s.today);
  const f = useFormatters();

  useEffect(() => {
    void load();
  }, [load]);

  const exportDay = async (format: ExportFormat): Promise<void> => {
    const job = await stores.exports.getState().start({ day: date, format });
    if (job) go({ name: 'exports' });
  };

  const shown = report && report.date === date ? report : null;
  const failedCount = shown ? shown.byStatus.failed.count : 0;
  return (
    <section className="mgr-page" aria-labelledby="report-title" data-testid="report-view">
      <header className="mgr-page__head">
        <h1 className="mgr-page__title" id="report-title">
          {t('report.title')}
        </h1>
        <div className="mgr-page__tools">
          <label className="field field--inline">
            <span className="field__label">{t('common.businessDay')}</span>
            <DateField t={t} testId="report-date" value={date} max={today()} onChange={setDate} />
          </label>
          <div className="btn-group" role="group" aria-label={t('report.export')}>
            {FORMATS.map((format) => (
              <button key={format} type="button" className="btn btn--sm btn--outline" data-testid={`report-export-${format}`} disabled={starting} onClick={() => void exportDay(format)}>
                ⤓ {format.toUpperCase()}
              </button>
            ))}
          </div>
        </div>
      </header>
      <ErrorNote error={error} t={t} />
      {!shown ? (
        <p className="empty-state">{loading ? t('common.loading') : ''}</p>
      ) : (
        <>
          <p className="subtle report-range">
            {formatBusinessDate(shown.date, f.locale)} · {shown.timeZone} · {t('report.generated', { time: f.dateTime(shown.generatedAt) })}
          </p>
          <div className="kpis" data-testid="report-kpis">
            <div className="kpi kpi--success" data-testid="kpi-paid">
              <span className="kpi__label">{t('report.paid')}</span>
              <strong className="kpi__value">{f.baht(shown.paid.amount)}</strong>
              <span className="kpi__sub">{t('report.salesCount', { count: shown.paid.count })}</span>
            </div>
            <div className="kpi kpi--warning" data-testid="kpi-refunded">
              <span className="kpi__label">{t('report.refunded')}</span>
              <strong className="kpi__value">{f.baht(shown.refunded.amount)}</strong>
              <span className="kpi__sub">{t('report.refundsCount', { count: shown.refunded.count })}</span>
            </div>
            <div className="kpi kpi--brand" data-testid="kpi-net">
              <span className="kpi__label">{t('report.net')}</span>
              <strong className="kpi__value">{f.baht(shown.net)}</strong>
              <span className="kpi__sub">{t('report.netHelp')}</span>
            </div>
            <div className="kpi kpi--muted" data-testid="kpi-unpaid">
              <span className="kpi__label">{t('report.notPaid')}</span>
              <strong className="kpi__value kpi__value--small">
                {t('report.unpaidCounts', { failed: failedCount, expired: shown.byStatus.expired.count, canceled: shown.byStatus.canceled.count })
                  .split(' · ')
                  .map((part) => (
                    <span key={part} className="kpi__line">
                      {part}
                    </span>
                  ))}
              </strong>
              <span className="kpi__sub">{t('report.awaitingCount', { count: shown.byStatus.awaiting_payment.count + shown.byStatus.created.count })}</span>
            </div>
          </div>
          <div className="report-grid">
            <div className="card">
              <h2 className="section-title">{t('report.byHour')}</h2>
              <HourChart byHour={shown.byHour} t={t} baht={f.baht} />
            </div>
            <div className="card">
              <h2 className="section-title">{t('report.byCashier')}</h2>
              {shown.byCashier.length === 0 ? (
                <p className="subtle">{t('report.noSales')}</p>
              ) : (
                <table className="data-table" data-testid="report-by-cashier">
                  <thead>
                    <tr>
                      <th scope="col">{t('history.col.cashier')}</th>
                      <th scope="col" className="num">
                        {t('report.count')}
                      </th>
                      <th scope="col" className="num">
                        {t('report.amount')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.byCashier.map((row) => (
                      <tr key={row.cashierId ?? row.name}>
                        <td data-testid="report-cashier-name">{isApiRow(row) ? t('history.viaApi') : row.name}</td>
                        <td className="num">{f.count(row.count)}</td>
                        <td className="num strong">{f.baht(row.amount)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          </div>
          <div className="card">
            <h2 className="section-title">{t('report.payments')}</h2>
            {shown.payments.length === 0 ? (
              <p className="subtle">{t('report.noSales')}</p>
            ) : (
              <table className="data-table data-table--rows" data-testid="report-payments">
                <thead>
                  <tr>
                    <th scope="col">{t('history.col.time')}</th>
                    <th scope="col" className="num">
                      {t('history.col.amount')}
                    </th>
                    <th scope="col" className="num">
                      {t('report.refundedCol')}
                    </th>
                    <th scope="col">{t('history.col.description')}</th>
                    <th scope="col">{t('history.col.cashier')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.payments.map((payment) => (
                    <tr
                      key={payment.saleId}
                      className="row-link"
                      tabIndex={0}
                      data-testid="report-payment-row"
                      data-sale-id={payment.saleId}
                      onClick={() => go({ name: 'sale', saleId: payment.saleId })}
                      onKeyDown={(event) => {
                        if (event.key === 'Enter') go({ name: 'sale', saleId: payment.saleId });
                      }}
                    >
                      <td className="mono-num">{f.time(payment.paidAt)}</td>
                      <td className="num strong">{f.baht(payment.amount)}</td>
                      <td className="num" data-refund-state={refundState(payment.amount, payment.refunded)}>
                        {payment.refunded > 0 ? f.baht(payment.refunded) : '—'}
                        {refundState(payment.amount, payment.refunded) === 'partial' ? <span className="subtle"> · {t('refund.state.partialShort')}</span> : null}
                      </td>
                      <td className="ellipsis">
                        {payment.flagged ? '⚠ ' : ''}
                        {payment.description ?? payment.orderRef ?? '—'}
                      </td>
                      <td className="ellipsis">{payment.cashier ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </>
      )}
    </section>
  );
}
