import { useEffect, useState } from 'react';
import { REFUND_STATUSES } from '../../../shared/manager-types';
import { isStripeTender, isUnverifiedTender } from '../../../shared/tender';
import { flagMessageKey, STATUS_VIEW } from '../../state/cashier-view';
import type { Route } from '../../state/manager-route';
import { REFUND_TONE, refundState, refundedTotal } from '../../state/refund-form';
import { detailSummary, kindLabel, noteText, orderedTimeline, sourceLabel } from '../../state/timeline-view';
import { ErrorNote } from '../../ui/ErrorNote';
import type { T } from '../../ui/translator';
import { useAppStores, useSlice } from '../app-stores-context';
import { TenderBadge } from '../tender/TenderBadge';
import { SaleLines, SaleReceiptCard } from '../receipts/SaleReceipt';
import { RefundDialog } from './RefundDialog';
import { useFormatters } from './use-formatters';
// oxlint-disable-next-line import/no-unassigned-import
import './sale-tenders.css';

function CopyButton({ text, t, testId }: { text: string; t: T; testId?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="copy-btn"
      data-testid={testId}
      aria-label={t('common.copy')}
      onClick={() => {
        void navigator.clipboard
          ?.writeText(text)
          .then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          })
          .catch(() => setCopied(false));
      }}
    >
      {copied ? t('common.copied') : t('common.copy')}
    </button>
  );
}

export function SaleDetailView({ t, saleId, go }: { t: T; saleId: string; go: (route: Route) => void }) {
  const stores = useAppStores();
  const detail = useSlice('detail', (s) => (s.saleId === saleId ? s.detail : null));
  const loading = useSlice('detail', (s) => s.loading);
  const error = useSlice('detail', (s) => s.error);
  const refundOpen = useSlice('detail', (s) => s.refund !== null);
  const lastRefundId = useSlice('detail', (s) => s.lastRefundId);
  const openRefund = useSlice('detail', (s) => s.openRefund);
  const f = useFormatters();

  useEffect(() => {
    void stores.detail.getState().open(saleId);
  }, [stores, saleId]);

  const startRefund = async (): Promise<void> => {
    // A cashier asks a manager first, so nobody types a refund only to be refused at the end.
    if (!stores.auth.getState().isManager()) {
      const granted = await stores.auth.getState().requestElevation('refunds.create');
      if (!granted) return;
    }
    openRefund();
  };

  if (!detail) {
    return (
      <section className="mgr-page" data-testid="sale-detail">
        <button type="button" className="back-link" onClick={() => go({ name: 'history' })}>
          ← {t('detail.back')}
        </button>
        {error ? <ErrorNote error={error} t={t} /> : <p className="empty-state">{loading ? t('common.loading') : ''}</p>}
      </section>
    );
  }

  const { sale, refunds, refundable, timeline } = detail;
  const view = STATUS_VIEW[sale.status];
  const flagKey = flagMessageKey(sale);
  const refunded = refundedTotal(refunds);
  const refundedState = refundState(sale.amount, refunded);
  const canRefund = sale.status === 'succeeded' && refundable > 0;

  return (
    <section className="mgr-page" aria-labelledby="detail-title" data-testid="sale-detail" data-sale-id={sale.id} data-status={sale.status} data-refundable={refundable}>
      <button type="button" className="back-link" data-testid="detail-back" onClick={() => go({ name: 'history' })}>
        ← {t('detail.back')}
      </button>
      <div className="detail-grid">
        <div className="card detail-summary">
          <div className="detail-summary__top">
            <div>
              <h1 className="detail-summary__amount" id="detail-title" data-testid="detail-amount">
                {f.baht(sale.amount)}
              </h1>
              <p className="detail-summary__desc">{sale.description ?? t('detail.noDescription')}</p>
            </div>
            <span className={`chip chip--lg chip--${view.tone}`} data-testid="detail-status">
              {t(view.titleKey)}
            </span>
          </div>
          {refundedState !== 'none' ? (
            <p className="refund-state" data-testid="detail-refund-state" data-state={refundedState}>
              {refundedState === 'full' ? t('refund.state.full') : t('refund.state.partial', { refunded: f.baht(refunded), amount: f.baht(sale.amount) })}
            </p>
          ) : null}
          {isUnverifiedTender(sale.tender) && sale.status === 'succeeded' ? (
            <div className="flag-warning" role="note" data-testid="detail-unverified">
              <strong className="flag-warning__title">⚠ {t('tender.badge.promptpay_manual')}</strong>
              <span>{detail.confirmedBy ? t('detail.unverified', { name: detail.confirmedBy }) : t('detail.unverifiedUnnamed')}</span>
            </div>
          ) : null}
          {flagKey ? (
            <div className="flag-warning" role="alert" data-testid="detail-flagged">
              <strong className="flag-warning__title">⚠ {t('cashier.flag.title')}</strong>
              <span>{t(flagKey)}</span>
              {sale.flagReason ? <span className="subtle">{sale.flagReason}</span> : null}
            </div>
          ) : null}
          <dl className="facts">
            <dt>{t('detail.tender')}</dt>
            <dd data-testid="detail-tender" data-tender={sale.tender}>
              <TenderBadge t={t} tender={sale.tender} />
              {isStripeTender(sale.tender) && sale.status === 'succeeded' ? <span className="subtle"> · {t('detail.verified')}</span> : null}
            </dd>
            {sale.tender === 'cash' && sale.cashTendered !== null ? (
              <>
                <dt>{t('detail.cashReceived')}</dt>
                <dd className="num" data-testid="detail-cash-received">
                  {f.baht(sale.cashTendered)}
                </dd>
                <dt>{t('detail.change')}</dt>
                <dd className="num" data-testid="detail-change">
                  {f.baht(sale.cashTendered - sale.amount)}
                </dd>
              </>
            ) : null}
            <dt>{t('detail.cashier')}</dt>
            <dd>{sale.cashier ?? (sale.source === 'api' ? t('history.viaApi') : '—')}</dd>
            <dt>{t('detail.till')}</dt>
            <dd>{sale.tillId}</dd>
            {isStripeTender(sale.tender) ? (
              <>
                <dt>{t('detail.pi')}</dt>
                <dd className="facts__id">
                  {sale.paymentIntentId ? (
                    <>
                      <code data-testid="detail-pi">{sale.paymentIntentId}</code>
                      <CopyButton text={sale.paymentIntentId} t={t} testId="copy-pi" />
                    </>
                  ) : (
                    '—'
                  )}
                </dd>
              </>
            ) : null}
            <dt>{t('detail.saleId')}</dt>
            <dd className="facts__id">
              <code>{sale.id}</code>
            </dd>
            {sale.orderRef ? (
              <>
                <dt>{t('detail.orderRef')}</dt>
                <dd>{sale.orderRef}</dd>
              </>
            ) : null}
            <dt>{t('detail.created')}</dt>
            <dd>{f.dateTime(sale.createdAt)}</dd>
            <dt>{t('detail.updated')}</dt>
            <dd>{f.dateTime(sale.updatedAt)}</dd>
            {sale.failureCode ? (
              <>
                <dt>{t('detail.failure')}</dt>
                <dd>
                  <code>{sale.failureCode}</code>
                </dd>
              </>
            ) : null}
          </dl>
        </div>

        <div className="card detail-refunds" aria-labelledby="refunds-title">
          <div className="section-head">
            <h2 className="section-title" id="refunds-title">
              {t('detail.refunds')}
            </h2>
            <button type="button" className="btn btn--danger-outline" data-testid="refund-button" disabled={!canRefund} onClick={() => void startRefund()}>
              {t('refund.button')}
            </button>
          </div>
          <div className="refund-totals">
            <span>
              {t('detail.refunded')} <strong data-testid="detail-refunded">{f.baht(refunded)}</strong>
            </span>
            <span>
              {t('detail.refundable')} <strong data-testid="detail-refundable">{f.baht(refundable)}</strong>
            </span>
          </div>
          {!canRefund ? <p className="subtle">{sale.status !== 'succeeded' ? t('refund.error.notPaid') : t('refund.error.nothingLeft')}</p> : null}
          {lastRefundId ? (
            <p className="success-note" role="status" data-testid="refund-created">
              {isStripeTender(sale.tender) ? t('refund.created') : t('refund.hand.created')}
            </p>
          ) : null}
          {refunds.length === 0 ? (
            <p className="subtle">{t('detail.noRefunds')}</p>
          ) : (
            <ul className="refund-list" data-testid="refund-list">
              {refunds.map((refund) => (
                <li key={refund.id} className="refund-row" data-testid="refund-row" data-refund-id={refund.id} data-status={refund.status}>
                  <div className="refund-row__main">
                    <strong className="num">{f.baht(refund.amount)}</strong>
                    <span className={`chip chip--${REFUND_TONE[refund.status]}`} data-testid="refund-status">
                      {t(`refund.status.${refund.status}`)}
                    </span>
                  </div>
                  <div className="refund-row__meta">
                    {f.dateTime(refund.createdAt)}
                    {refund.requestedBy ? ` · ${refund.requestedBy}` : ''}
                    {refund.email ? ` · ${refund.email}` : ''}
                    {refund.reason ? ` · ${t(`refund.reason.${refund.reason}`)}` : ''}
                  </div>
                  <div className="refund-row__meta">
                    {sale.tender !== 'promptpay' && refund.status === 'succeeded' ? t(`refund.hand.statusHelp.${sale.tender}`) : t(`refund.statusHelp.${refund.status}`)}
                  </div>
                  {refund.stripeRefundId ? <code className="refund-row__id">{refund.stripeRefundId}</code> : null}
                  {refund.failureReason ? <span className="error-inline">{refund.failureReason}</span> : null}
                </li>
              ))}
            </ul>
          )}
          <p className="legend" aria-hidden="true">
            {REFUND_STATUSES.map((s) => (
              <span key={s} className={`chip chip--sm chip--${REFUND_TONE[s]}`}>
                {t(`refund.status.${s}`)}
              </span>
            ))}
          </p>
        </div>
      </div>

      {/* Below the refunds, so a long ticket never pushes Refund off a small till's screen. */}
      {sale.lines && sale.lines.length > 0 ? (
        <div className="card">
          <SaleLines t={t} sale={sale} />
        </div>
      ) : null}
      {sale.status === 'succeeded' ? <SaleReceiptCard t={t} sale={sale} /> : null}

      <div className="card" aria-labelledby="timeline-title">
        <h2 className="section-title" id="timeline-title">
          {t('detail.timeline')}
        </h2>
        <ol className="timeline" data-testid="timeline">
          {orderedTimeline(timeline).map((entry, index) => {
            const who = sourceLabel(entry.source);
            const summary = detailSummary(entry.detail, f.baht);
            const what = kindLabel(entry.kind);
            const why = noteText(entry.note, entry.kind, t, f.baht);
            return (
              <li key={index} className={`timeline__item${entry.applied ? '' : ' is-ignored'}`} data-testid="timeline-entry" data-applied={entry.applied}>
                <span className="timeline__time mono-num">{f.time(entry.at, true)}</span>
                <span className="timeline__dot" aria-hidden="true" />
                <div className="timeline__body">
                  <div className="timeline__line">
                    <strong className="timeline__who">{'key' in who ? t(who.key) : who.text}</strong>
                    <span className="timeline__kind" data-kind={entry.kind}>
                      {'key' in what ? t(what.key) : what.text}
                    </span>
                    {/* "Preparing QR…" is a Stripe sale's first step; a hand sale's creation shows no move. */}
                    {entry.toStatus && entry.fromStatus !== entry.toStatus && (isStripeTender(sale.tender) || entry.toStatus !== 'created') ? (
                      <span className="timeline__move">
                        {entry.fromStatus && (isStripeTender(sale.tender) || entry.fromStatus !== 'created') ? `${t(STATUS_VIEW[entry.fromStatus].titleKey)} → ` : ''}
                        {t(STATUS_VIEW[entry.toStatus].titleKey)}
                      </span>
                    ) : null}
                    {!entry.applied ? <span className="chip chip--sm">{t('timeline.ignored')}</span> : null}
                  </div>
                  {why ? (
                    <div className="timeline__detail timeline__note" data-testid="timeline-note" data-code={entry.note?.code}>
                      {why}
                    </div>
                  ) : null}
                  {summary ? <div className="timeline__detail mono">{summary}</div> : null}
                </div>
              </li>
            );
          })}
        </ol>
        <p className="legend">{t('timeline.legend')}</p>
      </div>
      {refundOpen ? <RefundDialog t={t} /> : null}
    </section>
  );
}
