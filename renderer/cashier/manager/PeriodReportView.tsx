import { useEffect } from 'react';
import type { PeriodReportDay, ReportTotals } from '../../../shared/manager-types';
import { TENDERS } from '../../../shared/tender';
import { PERIOD_PRESETS, daysInRange, formatBusinessDate, orderedRange, type PeriodPreset } from '../../state/business-date';
import { formatDateField } from '../../state/date-field';
import type { Route } from '../../state/manager-route';
import { bestDay, periodBars } from '../../state/period-report-store';
import { DateField } from '../../ui/DateField';
import { ErrorNote } from '../../ui/ErrorNote';
import type { T } from '../../ui/translator';
import { useAppStores, useSlice } from '../app-stores-context';
import { StripePayout, TENDER_SHORT, TenderTable } from './ReportView';
import { useFormatters } from './use-formatters';

const PRESET_LABEL: Record<PeriodPreset, 'period.thisWeek' | 'period.lastWeek' | 'period.thisMonth' | 'period.lastMonth'> = {
  thisWeek: 'period.thisWeek',
  lastWeek: 'period.lastWeek',
  thisMonth: 'period.thisMonth',
  lastMonth: 'period.lastMonth',
};

/** A row per business day of a week, a month or a range: sales, paid, refunded, net, a bar; totals below. */
export function PeriodReportView({ t, go }: { t: T; go: (route: Route) => void }) {
  const stores = useAppStores();
  const preset = useSlice('period', (s) => s.preset);
  const from = useSlice('period', (s) => s.from);
  const to = useSlice('period', (s) => s.to);
  const report = useSlice('period', (s) => s.report);
  const loading = useSlice('period', (s) => s.loading);
  const error = useSlice('period', (s) => s.error);
  const problem = useSlice('period', (s) => s.problem);
  const showTenders = useSlice('period', (s) => s.showTenders);
  const choose = useSlice('period', (s) => s.choose);
  const setFrom = useSlice('period', (s) => s.setFrom);
  const setTo = useSlice('period', (s) => s.setTo);
  const toggleTenders = useSlice('period', (s) => s.toggleTenders);
  const load = useSlice('period', (s) => s.load);
  const today = useSlice('period', (s) => s.today);
  const f = useFormatters();

  useEffect(() => {
    void load();
  }, [load]);

  const range = orderedRange(from, to);
  const shown = report && report.from === range.from && report.to === range.to && !problem ? report : null;
  const dayLabel = (date: string): string => {
    const weekday = formatBusinessDate(date, f.locale).split(/[\s,]+/)[0];
    return `${weekday} ${formatDateField(date, f.lang)}`;
  };
  const exportRange = (): void => {
    const exports = stores.exports.getState();
    exports.setMode('range');
    exports.setFrom(range.from);
    exports.setTo(range.to);
    go({ name: 'exports' });
  };

  return (
    <section className="mgr-page" aria-labelledby="period-title" data-testid="period-view">
      <header className="mgr-page__head">
        <h1 className="mgr-page__title" id="period-title">
          {t('period.title')}
        </h1>
        <div className="mgr-page__tools">
          <button type="button" className="btn btn--sm btn--outline" data-testid="period-export" onClick={exportRange}>
            ⤓ {t('period.export')}
          </button>
        </div>
      </header>
      <div className="period-picker card">
        <div className="segmented period-picker__presets" role="radiogroup" aria-label={t('period.choose')}>
          {PERIOD_PRESETS.map((option) => (
            <button
              key={option}
              type="button"
              role="radio"
              className={`segmented__opt${preset === option ? ' is-active' : ''}`}
              aria-checked={preset === option}
              data-testid={`period-${option}`}
              onClick={() => choose(option)}
            >
              {t(PRESET_LABEL[option])}
            </button>
          ))}
        </div>
        <div className="period-picker__dates">
          <label className="field field--inline">
            <span className="field__label">{t('period.from')}</span>
            <DateField t={t} testId="period-from" value={from} max={today()} onChange={setFrom} />
          </label>
          <label className="field field--inline">
            <span className="field__label">{t('period.to')}</span>
            <DateField t={t} testId="period-to" value={to} max={today()} onChange={setTo} />
          </label>
        </div>
      </div>
      {problem ? (
        <p className="error-inline" role="alert" data-testid="period-problem">
          {t(problem.key, problem.vars)}
        </p>
      ) : null}
      <ErrorNote error={error} t={t} />
      {!shown ? (
        <p className="empty-state">{loading ? t('common.loading') : ''}</p>
      ) : (
        <>
          <p className="subtle report-range" data-testid="period-range">
            {t('period.range', { from: formatDateField(shown.from, f.lang), to: formatDateField(shown.to, f.lang), days: f.count(daysInRange(shown.from, shown.to)) })} · {shown.timeZone}
            {bestDay(shown.days) ? ` · ${t('period.bestDay', { date: dayLabel(bestDay(shown.days)!) })}` : ''}
          </p>
          <div className="kpis" data-testid="period-kpis">
            <div className="kpi kpi--success">
              <span className="kpi__label">{t('report.paid')}</span>
              <strong className="kpi__value" data-testid="period-paid">
                {f.baht(shown.totals.paid.amount)}
              </strong>
              <span className="kpi__sub">{t('report.salesCount', { count: f.count(shown.totals.paid.count) })}</span>
            </div>
            <div className="kpi kpi--warning">
              <span className="kpi__label">{t('report.refunded')}</span>
              <strong className="kpi__value">{f.baht(shown.totals.refunded.amount)}</strong>
              <span className="kpi__sub">{t('report.refundsPaidOut', { amount: f.baht(shown.totals.refundsPaidOut.amount) })}</span>
              <span className={`kpi__sub${shown.totals.refundsWaiting.count > 0 ? ' kpi__sub--warn' : ''}`}>{t('report.refundsWaiting', { amount: f.baht(shown.totals.refundsWaiting.amount) })}</span>
            </div>
            <div className="kpi kpi--brand">
              <span className="kpi__label">{t('report.net')}</span>
              <strong className="kpi__value" data-testid="period-net">
                {f.baht(shown.totals.net)}
              </strong>
              <span className="kpi__sub">{t('report.netHelp')}</span>
            </div>
            <div className="kpi kpi--muted">
              <span className="kpi__label">{t('report.stripe.payout')}</span>
              <strong className="kpi__value">{f.baht(shown.totals.stripeNetPayout)}</strong>
              <span className="kpi__sub">
                {t('report.stripe.fees')} {f.baht(shown.totals.stripeFees)}
              </span>
            </div>
          </div>
          <div className="card">
            <div className="section-head">
              <h2 className="section-title">{t('period.col.bar')}</h2>
              <button type="button" className="btn btn--sm btn--muted-soft" aria-expanded={showTenders} data-testid="period-tenders-toggle" onClick={toggleTenders}>
                {showTenders ? t('period.hideTenders') : t('period.showTenders')}
              </button>
            </div>
            <div className="period-scroll" tabIndex={0} role="region" aria-label={t('period.title')}>
              <PeriodTable days={shown.days} totals={shown.totals} showTenders={showTenders} t={t} dayLabel={dayLabel} go={go} />
            </div>
            {shown.totals.paid.count === 0 ? <p className="subtle">{t('period.noSales')}</p> : null}
          </div>
          <div className="report-grid">
            <div className="card">
              <h2 className="section-title">{t('report.byTender')}</h2>
              <TenderTable totals={shown.totals} t={t} f={f} />
            </div>
            <StripePayout totals={shown.totals} t={t} f={f} />
          </div>
        </>
      )}
    </section>
  );
}

function PeriodTable({
  days,
  totals,
  showTenders,
  t,
  dayLabel,
  go,
}: {
  days: PeriodReportDay[];
  totals: ReportTotals;
  showTenders: boolean;
  t: T;
  dayLabel: (date: string) => string;
  go: (route: Route) => void;
}) {
  const f = useFormatters();
  const setReportDate = useSlice('report', (s) => s.setDate);
  const bars = periodBars(days);
  const openDay = (date: string): void => {
    setReportDate(date);
    go({ name: 'report' });
  };
  return (
    <table className="data-table period-table" data-testid="period-table">
      <thead>
        <tr>
          <th scope="col">{t('period.col.day')}</th>
          <th scope="col" className="num">
            {t('report.count')}
          </th>
          <th scope="col" className="num">
            {t('report.paid')}
          </th>
          <th scope="col" className="num">
            {t('report.refundedCol')}
          </th>
          <th scope="col" className="num">
            {t('report.net')}
          </th>
          {showTenders
            ? TENDERS.map((tender) => (
                <th key={tender} scope="col" className="num" data-testid="period-tender-col">
                  {t(TENDER_SHORT[tender])}
                </th>
              ))
            : null}
          <th scope="col" className="period-table__bar-col">
            <span className="visually-hidden">{t('period.col.bar')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {days.map((day, index) => (
          <tr
            key={day.date}
            className={`row-link${day.paid.count === 0 && day.refunded.count === 0 ? ' is-quiet' : ''}`}
            tabIndex={0}
            data-testid="period-day"
            data-date={day.date}
            onClick={() => openDay(day.date)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') openDay(day.date);
            }}
          >
            <td className="nowrap">{dayLabel(day.date)}</td>
            <td className="num">{f.count(day.paid.count)}</td>
            <td className="num">{f.baht(day.paid.amount)}</td>
            <td className="num">{day.refunded.amount > 0 ? f.baht(day.refunded.amount) : '—'}</td>
            <td className="num strong" data-testid="period-day-net">
              {f.baht(day.net)}
            </td>
            {showTenders
              ? TENDERS.map((tender) => (
                  <td key={tender} className="num" data-tender={tender}>
                    {day.tenders[tender].net !== 0 ? f.baht(day.tenders[tender].net) : '—'}
                  </td>
                ))
              : null}
            <td className="period-table__bar-col" aria-hidden="true">
              <svg className="period-bar" width="100%" height="14" data-share={bars[index].share.toFixed(3)}>
                {bars[index].share > 0 ? <rect className={`period-bar__fill${bars[index].negative ? ' is-negative' : ''}`} x={0} y={1} height={12} rx={3} width={`${Math.max(1, bars[index].share * 100).toFixed(1)}%`} /> : null}
              </svg>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-testid="period-total">
          <th scope="row">{t('report.total')}</th>
          <td className="num">{f.count(totals.paid.count)}</td>
          <td className="num">{f.baht(totals.paid.amount)}</td>
          <td className="num">{totals.refunded.amount > 0 ? f.baht(totals.refunded.amount) : '—'}</td>
          <td className="num strong" data-testid="period-total-net">
            {f.baht(totals.net)}
          </td>
          {showTenders
            ? TENDERS.map((tender) => (
                <td key={tender} className="num">
                  {f.baht(totals.tenders[tender].net)}
                </td>
              ))
            : null}
          <td />
        </tr>
      </tfoot>
    </table>
  );
}
