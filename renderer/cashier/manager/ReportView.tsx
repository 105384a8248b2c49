import { useEffect } from 'react';
import type { ExportFormat, ReportTotals } from '../../../shared/manager-types';
import type { Tender } from '../../../shared/tender';
import { formatBusinessDate } from '../../state/business-date';
import type { Route } from '../../state/manager-route';
import { refundState } from '../../state/refund-form';
import { isApiRow, paymentTender, reportDayStartHour, stripePayout, tenderRows, type TenderRow } from '../../state/report-store';
import { DateField } from '../../ui/DateField';
import { ErrorNote } from '../../ui/ErrorNote';
import type { T } from '../../ui/translator';
import { useAppStores, useSlice } from '../app-stores-context';
import { HourChart } from './HourChart';
import { useFormatters } from './use-formatters';

const FORMATS: ExportFormat[] = ['csv', 'xlsx', 'pdf'];

type Formatters = ReturnType<typeof useFormatters>;

/** How far a tender's money can be trusted, said next to it every time. */
export function TenderTrust({ row, t }: { row: Pick<TenderRow, 'verifiedBy'>; t: T }) {
  if (row.verifiedBy === 'stripe')
    return (
      <span className="chip chip--success chip--sm" data-trust="stripe">
        ✓ {t('report.tender.verified')}
      </span>
    );
  if (row.verifiedBy === 'cashier')
    return (
      <span className="chip chip--warning chip--sm" data-trust="unverified">
        ⚠ {t('report.tender.unverified')}
      </span>
    );
  return null;
}

export const TENDER_LABEL: Record<Tender, 'report.tender.promptpay' | 'report.tender.cash' | 'report.tender.promptpay_manual'> = {
  promptpay: 'report.tender.promptpay',
  cash: 'report.tender.cash',
  promptpay_manual: 'report.tender.promptpay_manual',
};

/** Paid, refunded and net per tender, the hand-confirmed PromptPay marked unverified. */
export function TenderTable({ totals, t, f }: { totals: ReportTotals; t: T; f: Formatters }) {
  return (
    <table className="data-table tender-table" data-testid="report-tenders">
      <thead>
        <tr>
          <th scope="col">{t('report.col.tender')}</th>
          <th scope="col" className="num">
            {t('report.count')}
          </th>
          <th scope="col" className="num">
            {t('report.col.gross')}
          </th>
          <th scope="col" className="num">
            {t('report.refundedCol')}
          </th>
          <th scope="col" className="num">
            {t('report.net')}
          </th>
        </tr>
      </thead>
      <tbody>
        {tenderRows(totals).map((row) => (
          <tr key={row.tender} data-testid="report-tender-row" data-tender={row.tender} data-net={row.net} className={row.verifiedBy === 'cashier' ? 'is-unverified' : undefined}>
            <th scope="row">
              <div className="tender-table__name">
                <span>{t(TENDER_LABEL[row.tender])}</span>
                <TenderTrust row={row} t={t} />
              </div>
            </th>
            <td className="num">{f.count(row.count)}</td>
            <td className="num">{f.baht(row.gross)}</td>
            <td className="num">{row.refunded > 0 ? f.baht(row.refunded) : '—'}</td>
            <td className="num strong" data-testid="report-tender-net">
              {f.baht(row.net)}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('report.total')}</th>
          <td className="num">{f.count(totals.paid.count)}</td>
          <td className="num">{f.baht(totals.paid.amount)}</td>
          <td className="num">{totals.refunded.amount > 0 ? f.baht(totals.refunded.amount) : '—'}</td>
          <td className="num strong">{f.baht(totals.net)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** PromptPay's net, Stripe's fees and what Stripe pays out; says when some fees are not known yet. */
export function StripePayout({ totals, t, f }: { totals: ReportTotals; t: T; f: Formatters }) {
  const payout = stripePayout(totals);
  return (
    <div className="card stripe-payout" data-testid="report-stripe">
      <h2 className="section-title">{t('report.stripe.title')}</h2>
      <dl className="payout-list">
        <div>
          <dt>{t('report.stripe.net')}</dt>
          <dd>{f.baht(payout.net)}</dd>
        </div>
        <div>
          <dt>{t('report.stripe.fees')}</dt>
          <dd data-testid="report-stripe-fees">{payout.fees > 0 ? `− ${f.baht(payout.fees)}` : f.baht(0)}</dd>
        </div>
        <div className="payout-list__total">
          <dt>{t('report.stripe.payout')}</dt>
          <dd data-testid="report-stripe-payout">{f.baht(payout.payout)}</dd>
        </div>
      </dl>
      {payout.feesUnknown > 0 ? (
        <p className="info-note" data-testid="report-fees-unknown">
          {t('report.stripe.feesUnknown', { count: f.count(payout.feesUnknown) })}
        </p>
      ) : null}
    </div>
  );
}

function PaymentTenderCell({ tender, t }: { tender: Tender; t: T }) {
  return (
    <td data-testid="report-payment-tender" data-tender={tender}>
      {t(TENDER_SHORT[tender])}
      {tender === 'promptpay_manual' ? <span className="chip chip--warning chip--sm tender-flag">⚠ {t('report.tender.unverifiedShort')}</span> : null}
    </td>
  );
}

export const TENDER_SHORT: Record<Tender, 'report.tender.short.promptpay' | 'report.tender.short.cash' | 'report.tender.short.promptpay_manual'> = {
  promptpay: 'report.tender.short.promptpay',
  cash: 'report.tender.short.cash',
  promptpay_manual: 'report.tender.short.promptpay_manual',
};

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
              <span className="kpi__sub" data-testid="kpi-refunds-paid-out">
                {t('report.refundsPaidOut', { amount: f.baht(shown.refundsPaidOut.amount) })}
              </span>
              <span className={`kpi__sub${shown.refundsWaiting.count > 0 ? ' kpi__sub--warn' : ''}`} data-testid="kpi-refunds-waiting">
                {t('report.refundsWaiting', { amount: f.baht(shown.refundsWaiting.amount) })}
              </span>
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
              <h2 className="section-title">{t('report.byTender')}</h2>
              <TenderTable totals={shown} t={t} f={f} />
            </div>
            <StripePayout totals={shown} t={t} f={f} />
          </div>
          <div className="report-grid">
            <div className="card">
              <h2 className="section-title">{t('report.byHour')}</h2>
              <HourChart byHour={shown.byHour} startHour={reportDayStartHour(shown)} t={t} baht={f.baht} />
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
                    <th scope="col">{t('report.col.tender')}</th>
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
                      <PaymentTenderCell tender={paymentTender(payment)} t={t} />
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
