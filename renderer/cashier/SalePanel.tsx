import { formatBaht } from '../../shared/money';
import { formatCountdown, isCountdownUrgent, remainingMs } from '../state/countdown';
import { canRenew, cashierPhase, endedReason, flagMessageKey, STATUS_VIEW } from '../state/cashier-view';
import { QrCode } from '../ui/QrCode';
import { StatusIcon } from '../ui/StatusIcon';
import type { T } from '../ui/translator';
import { useNow } from '../ui/use-now';
import { ArmedButton } from './ArmedButton';
import { DemoPanel } from './DemoPanel';
import { ManualQrPanel } from './tender/ManualQrPanel';
import { PaidTenderNote } from './tender/PaidTenderNote';
import { useCashier } from './store-context';

/** The right-hand column while a sale is under way or just finished. */
export function SalePanel({ t }: { t: T }) {
  const sale = useCashier((s) => s.sale);
  const pending = useCashier((s) => s.pending);
  const error = useCashier((s) => s.error);
  const cancel = useCashier((s) => s.cancel);
  const newSale = useCashier((s) => s.newSale);
  const renew = useCashier((s) => s.renew);
  const phase = cashierPhase(sale, false);
  const awaiting = phase === 'awaiting';
  // A hand-confirmed PromptPay sale has its own panel (the shop's QR, no countdown, confirmed by hand).
  const byHand = sale?.tender === 'promptpay_manual';
  const now = useNow(500, awaiting && !byHand);
  if (!sale) return null;
  if (awaiting && byHand) return <ManualQrPanel t={t} sale={sale} />;

  const view = STATUS_VIEW[sale.status];
  const left = remainingMs(sale.qrExpiresAt, now);
  const flagKey = flagMessageKey(sale);
  const renewable = canRenew(sale);
  const ended = endedReason(sale);

  return (
    <section
      className={`card sale-panel sale-panel--${view.tone}${awaiting ? '' : ' sale-panel--final'}`}
      data-testid="sale-status"
      data-status={sale.status}
      data-sale-id={sale.id}
      data-payment-intent-id={sale.paymentIntentId ?? ''}
      data-tender={sale.tender}
      aria-live="polite"
    >
      {flagKey ? (
        <div className="flag-warning" role="alert" data-testid="sale-flagged">
          <strong className="flag-warning__title">⚠ {t('cashier.flag.title')}</strong>
          <span>{t(flagKey)}</span>
        </div>
      ) : null}

      <div className="sale-panel__head">
        {awaiting ? <span className="spinner" aria-hidden="true" /> : <StatusIcon status={sale.status} className="sale-panel__icon" />}
        <div>
          <h2 className="sale-panel__title">{t(view.titleKey)}</h2>
          <div className="sale-panel__amount">{formatBaht(sale.amount)}</div>
        </div>
      </div>

      {awaiting ? (
        <div className="sale-panel__waiting">
          <div className="sale-panel__qr-frame">
            {/* The customer display's SVG QR: drawn in the same render as the sale (a PNG was encoded, then decoded, while the display painted). */}
            {sale.qrData ? (
              <QrCode className="sale-panel__qr" testId="cashier-qr" data={sale.qrData} label={t('cashier.qrAlt')} />
            ) : (
              <div className="sale-panel__qr sale-panel__qr--pending" />
            )}
          </div>
          <div className="sale-panel__wait-text">
            {left !== null ? (
              <p className={`countdown${isCountdownUrgent(left) ? ' countdown--urgent' : ''}`} data-testid="cashier-countdown">
                {t('cashier.expiresIn', { time: formatCountdown(left) })}
              </p>
            ) : null}
            <p className="sale-panel__detail">{t(view.detailKey)}</p>
          </div>
        </div>
      ) : (
        <>
          <PaidTenderNote t={t} sale={sale} />
          {ended ? (
            <p className="sale-panel__reason" data-testid="sale-ended-reason" data-failure-code={sale.failureCode ?? ''}>
              {t(ended.key, { code: ended.code ?? '' })}
            </p>
          ) : null}
          <p className="sale-panel__detail">{t(renewable ? 'cashier.detail.renewable' : view.detailKey)}</p>
        </>
      )}

      {error ? (
        <p className="core-error" role="alert" data-testid="core-error">
          {t(error)}
        </p>
      ) : null}

      <div className="sale-panel__actions">
        {awaiting ? <DemoPanel t={t} /> : null}
        {awaiting ? (
          <button
            key="cancel"
            type="button"
            className="btn btn--danger-outline btn--lg"
            data-testid="cancel-button"
            disabled={pending !== null}
            onClick={() => void cancel()}
          >
            {pending === 'cancel' ? t('cashier.canceling') : t('cashier.cancel')}
          </button>
        ) : renewable ? (
          <>
            <ArmedButton
              key="new-qr"
              className="btn btn--primary btn--xl"
              testId="new-qr-button"
              label={pending === 'renew' ? t('cashier.renewing') : t('cashier.newQr')}
              disabled={pending !== null}
              onClick={() => void renew()}
            />
            <ArmedButton key="new-sale" className="btn btn--muted-soft btn--lg" testId="new-sale-button" label={t('cashier.newSale')} disabled={pending !== null} onClick={newSale} />
          </>
        ) : (
          <ArmedButton key="new-sale" className="btn btn--primary btn--xl" testId="new-sale-button" label={t('cashier.newSale')} disabled={false} onClick={newSale} />
        )}
      </div>

      <p className="sale-panel__ref">{t('cashier.saleRef', { id: sale.id })}</p>
    </section>
  );
}
