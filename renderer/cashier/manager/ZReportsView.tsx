// Z reports: close a business day (the numbered, unchangeable report of this till's day), the list of
// closed days, and one Z report to read, print or download.
import { useEffect } from 'react';
import type { ZReport } from '../../../shared/manager-types';
import type { ShownError } from '../../state/auth-error';
import { formatBusinessDate } from '../../state/business-date';
import { DateField } from '../../ui/DateField';
import { ErrorNote } from '../../ui/ErrorNote';
import type { T } from '../../ui/translator';
import { useSlice } from '../app-stores-context';
import { overShortTone } from '../shift/cash-entry';
import { OverShort } from '../shift/OverShort';
import { CashLines } from '../shift/ShiftDialogs';
import { TenderTable } from './ReportView';
import { useFormatters } from './use-formatters';

type Formatters = ReturnType<typeof useFormatters>;

export function ZReportsView({ t }: { t: T }) {
  const reports = useSlice('zreports', (s) => s.reports);
  const loading = useSlice('zreports', (s) => s.loading);
  const error = useSlice('zreports', (s) => s.error);
  const date = useSlice('zreports', (s) => s.date);
  const closing = useSlice('zreports', (s) => s.closing);
  const closeError = useSlice('zreports', (s) => s.closeError);
  const shown = useSlice('zreports', (s) => s.shown);
  const opening = useSlice('zreports', (s) => s.opening);
  const { load, setDate, closeDay, show, hide } = useSlice('zreports', (s) => s);
  const today = useSlice('history', (s) => s.today);
  const f = useFormatters();

  useEffect(() => {
    void load();
  }, [load]);

  if (shown) return <ZReportDoc t={t} z={shown} f={f} onBack={hide} error={error} />;
  return (
    <section className="mgr-page" aria-labelledby="z-title" data-testid="zreports-view">
      <header className="mgr-page__head">
        <h1 className="mgr-page__title" id="z-title">
          {t('z.title')}
        </h1>
        <div className="mgr-page__tools">
          <label className="field field--inline">
            <span className="field__label">{t('common.businessDay')}</span>
            <DateField t={t} testId="z-date" value={date} max={today()} onChange={setDate} />
          </label>
          <button type="button" className="btn btn--primary" data-testid="z-close-day" disabled={closing} onClick={() => void closeDay()}>
            {closing ? t('z.closing') : t('z.closeDay')}
          </button>
        </div>
      </header>
      <p className="subtle">{t('z.closeLead')}</p>
      <ErrorNote error={closeError} t={t} testId="z-close-error" />
      <ErrorNote error={error} t={t} />
      <div className="card list-card">
        {reports.length === 0 ? (
          <p className="empty-state" data-testid="z-empty">
            {loading ? t('common.loading') : t('z.empty')}
          </p>
        ) : (
          <div className="z-list" tabIndex={0} aria-label={t('z.title')}>
            <table className="data-table data-table--rows" data-testid="z-list">
              <thead>
                <tr>
                  <th scope="col">{t('z.col.number')}</th>
                  <th scope="col">{t('z.col.date')}</th>
                  <th scope="col">{t('z.col.till')}</th>
                  <th scope="col" className="num">
                    {t('z.col.net')}
                  </th>
                  <th scope="col">{t('z.col.by')}</th>
                  <th scope="col">{t('z.col.at')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('z.view')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {reports.map((z) => (
                  <tr key={z.id} data-testid="z-row" data-number={z.number}>
                    <td className="strong">#{z.number}</td>
                    <td>{formatBusinessDate(z.date, f.locale)}</td>
                    <td>{z.tillId}</td>
                    <td className="num strong">{f.baht(z.net)}</td>
                    <td>{z.createdBy ?? '—'}</td>
                    <td>{f.dateTime(z.createdAt)}</td>
                    <td className="num">
                      <button type="button" className="btn btn--sm btn--outline" data-testid="z-view" disabled={opening === z.id} onClick={() => void show(z.id)}>
                        {t('z.view')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}

/** One Z report as a document: what the screen shows is what prints (the print stylesheet keeps only this). */
function ZReportDoc({ t, z, f, onBack, error }: { t: T; z: ZReport; f: Formatters; onBack: () => void; error: ShownError | null }) {
  const pdf = useSlice('zreports', (s) => s.pdf);
  const pdfBusy = useSlice('zreports', (s) => s.pdfBusy);
  const makePdf = useSlice('zreports', (s) => s.makePdf);
  const downloadPdf = async (): Promise<void> => {
    const file = await makePdf(f.lang);
    // The browser fetches the file from the till with this session; the desktop has saved it already.
    if (!file?.downloadUrl) return;
    const link = document.createElement('a');
    link.href = file.downloadUrl;
    link.download = file.fileName;
    link.click();
  };
  return (
    <section className="mgr-page zr-doc" aria-labelledby="zr-title" data-testid="z-report" data-number={z.number} data-date={z.date}>
      <div className="zr-doc__actions">
        <button type="button" className="btn btn--sm btn--outline" data-testid="z-back" onClick={onBack}>
          {t('z.back')}
        </button>
        <span className="zr-doc__buttons">
          <button type="button" className="btn btn--sm btn--outline" data-testid="z-pdf" disabled={pdfBusy} onClick={() => void downloadPdf()}>
            ⤓ {t('z.pdf')}
          </button>
          <button type="button" className="btn btn--sm btn--primary" data-testid="z-print" onClick={() => window.print()}>
            {t('z.print')}
          </button>
        </span>
      </div>
      <ErrorNote error={error} t={t} />
      {pdf?.filePath ? (
        <p className="subtle zr-doc__saved" data-testid="z-pdf-saved">
          {t('export.savedTo')} <code>{pdf.filePath}</code>
        </p>
      ) : null}
      <header className="zr-doc__head">
        <h1 className="mgr-page__title" id="zr-title">
          {t('z.number', { number: z.number })}
        </h1>
        <p className="zr-doc__meta">{t('z.meta', { shop: z.shopName, till: z.tillId, date: formatBusinessDate(z.date, f.locale) })}</p>
        <p className="subtle">
          {t('z.range', { from: f.dateTime(z.startsAt), to: f.dateTime(z.endsAt), zone: z.timeZone })} · {t('z.createdBy', { time: f.dateTime(z.createdAt), name: z.createdBy ?? '—' })}
        </p>
      </header>
      <div className="kpis zr-doc__kpis">
        <div className="kpi kpi--success">
          <span className="kpi__label">{t('z.kpi.paid')}</span>
          <strong className="kpi__value">{f.baht(z.paid.amount)}</strong>
          <span className="kpi__sub">{t('report.salesCount', { count: z.paid.count })}</span>
        </div>
        <div className="kpi kpi--warning">
          <span className="kpi__label">{t('z.kpi.refunded')}</span>
          <strong className="kpi__value">{f.baht(z.refunded.amount)}</strong>
          <span className="kpi__sub">{t('report.refundsCount', { count: z.refunded.count })}</span>
        </div>
        <div className="kpi kpi--brand" data-testid="z-net" data-amount={z.net}>
          <span className="kpi__label">{t('z.kpi.net')}</span>
          <strong className="kpi__value">{f.baht(z.net)}</strong>
          <span className="kpi__sub">{t('report.netHelp')}</span>
        </div>
      </div>
      <div className="card">
        <h2 className="section-title">{t('z.tenders')}</h2>
        <TenderTable totals={z} t={t} f={f} />
      </div>
      <div className="zr-doc__grid">
        <div className="card">
          <h2 className="section-title">{t('z.stripe')}</h2>
          <dl className="cash-lines">
            <div className="cash-lines__row">
              <dt>{t('z.tender.promptpay')}</dt>
              <dd>{f.baht(z.tenders.promptpay.net)}</dd>
            </div>
            <div className="cash-lines__row" data-testid="z-stripe-fees" data-amount={z.stripeFees}>
              <dt>{t('z.stripeFees')}</dt>
              <dd>
                <span className="cash-lines__sign" aria-hidden="true">
                  −
                </span>
                {f.baht(z.stripeFees)}
              </dd>
            </div>
            <div className="cash-lines__row cash-lines__row--total" data-testid="z-stripe-net" data-amount={z.stripeNetPayout}>
              <dt>{t('z.stripeNet')}</dt>
              <dd>{f.baht(z.stripeNetPayout)}</dd>
            </div>
          </dl>
          {z.stripeFeesUnknown > 0 ? <p className="subtle">{t('z.stripeFeesUnknown', { count: z.stripeFeesUnknown })}</p> : null}
          <h2 className="section-title zr-doc__subhead">{t('z.refunds')}</h2>
          <dl className="cash-lines" data-testid="z-refunds">
            <div className="cash-lines__row" data-testid="z-refunds-paid-out" data-amount={z.refundsPaidOut.amount}>
              <dt>
                {t('z.refundsPaidOut')} ({f.count(z.refundsPaidOut.count)})
              </dt>
              <dd>{f.baht(z.refundsPaidOut.amount)}</dd>
            </div>
            <div className="cash-lines__row" data-testid="z-refunds-waiting" data-amount={z.refundsWaiting.amount}>
              <dt>
                {t('z.refundsWaiting')} ({f.count(z.refundsWaiting.count)})
              </dt>
              <dd>{f.baht(z.refundsWaiting.amount)}</dd>
            </div>
          </dl>
        </div>
        <div className="card">
          <h2 className="section-title">{t('z.cash')}</h2>
          <CashLines t={t} cash={z.cash} f={f} counted={z.countedCash} />
          <div className="zr-doc__over-short">
            <OverShort t={t} f={f} expected={z.cash.expected} counted={z.countedCash} overShort={z.overShort} />
          </div>
        </div>
      </div>
      <div className="card">
        <h2 className="section-title">{t('z.shifts')}</h2>
        {z.shifts.length === 0 ? (
          <p className="subtle">{t('z.noShifts')}</p>
        ) : (
          <table className="data-table" data-testid="z-shifts">
            <thead>
              <tr>
                <th scope="col">{t('z.col.shift')}</th>
                <th scope="col">{t('z.col.opened')}</th>
                <th scope="col">{t('z.col.closed')}</th>
                <th scope="col" className="num">
                  {t('z.col.expected')}
                </th>
                <th scope="col" className="num">
                  {t('z.col.counted')}
                </th>
                <th scope="col" className="num">
                  {t('z.col.overShort')}
                </th>
              </tr>
            </thead>
            <tbody>
              {z.shifts.map((shift) => {
                const overShort = shift.overShort ?? 0;
                return (
                  <tr key={shift.id} data-testid="z-shift-row" data-number={shift.number}>
                    <td className="strong">{shift.number}</td>
                    <td>
                      {f.time(shift.openedAt)} · {shift.openedBy ?? '—'}
                    </td>
                    <td>
                      {shift.closedAt === null ? '—' : f.time(shift.closedAt)} · {shift.closedBy ?? '—'}
                    </td>
                    <td className="num">{f.baht(shift.cash.expected)}</td>
                    <td className="num">{shift.countedCash === null ? '—' : f.baht(shift.countedCash)}</td>
                    <td className={`num strong zr-doc__os zr-doc__os--${overShortTone(overShort)}`} data-testid="z-shift-over-short" data-amount={overShort}>
                      {overShort > 0 ? '+' : overShort < 0 ? '−' : ''}
                      {f.baht(Math.abs(overShort))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
