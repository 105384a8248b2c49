import { formatBaht } from '../../../shared/money';
import type { Sale } from '../../../shared/sale';
import type { T } from '../../ui/translator';
import { QrCode } from '../../ui/QrCode';
import { ArmedButton } from '../ArmedButton';
import { useCashier } from '../store-context';

/**
 * A hand-confirmed PromptPay sale awaiting payment: the shop's own QR with the amount, and a plain
 * warning that nothing but the cashier's look at the bank's notification confirms it.
 */
export function ManualQrPanel({ t, sale }: { t: T; sale: Sale }) {
  const pending = useCashier((s) => s.pending);
  const error = useCashier((s) => s.error);
  const confirm = useCashier((s) => s.confirmManual);
  const cancel = useCashier((s) => s.cancel);
  return (
    <section
      className="card sale-panel sale-panel--waiting manual-qr"
      data-testid="sale-status"
      data-status={sale.status}
      data-sale-id={sale.id}
      data-payment-intent-id=""
      data-tender={sale.tender}
      aria-live="polite"
    >
      <div className="sale-panel__head">
        <div>
          <h2 className="sale-panel__title">{t('tender.manual.title')}</h2>
          <div className="sale-panel__amount" data-testid="manual-amount">
            {formatBaht(sale.amount)}
          </div>
        </div>
      </div>
      <div className="manual-qr__body">
        <div className="sale-panel__qr-frame">
          {sale.qrData ? (
            <QrCode className="manual-qr__qr" testId="manual-qr" data={sale.qrData} label={t('tender.manual.qrAlt')} />
          ) : (
            <div className="manual-qr__qr sale-panel__qr--pending" />
          )}
        </div>
        <div className="unverified-note unverified-note--strong" data-testid="manual-unverified">
          <strong>⚠ {t('tender.manual.unverified')}</strong>
          <span>{t('tender.manual.check')}</span>
          <span className="unverified-note__detail">{t('tender.manual.detail')}</span>
        </div>
      </div>
      {error ? (
        <p className="core-error" role="alert" data-testid="core-error">
          {t(error)}
        </p>
      ) : null}
      <div className="sale-panel__actions">
        {/* Armed: a double tap on "PromptPay (confirm by hand)" must not confirm the payment unseen. */}
        <ArmedButton
          className="btn btn--primary btn--xl"
          testId="confirm-manual-button"
          label={pending === 'confirm' ? t('tender.manual.confirming') : t('tender.manual.confirm')}
          disabled={pending !== null}
          onClick={() => void confirm()}
        />
        <button type="button" className="btn btn--danger-outline btn--lg" data-testid="cancel-button" disabled={pending !== null} onClick={() => void cancel()}>
          {pending === 'cancel' ? t('cashier.canceling') : t('cashier.cancel')}
        </button>
      </div>
      <p className="sale-panel__ref">{t('cashier.saleRef', { id: sale.id })}</p>
    </section>
  );
}
