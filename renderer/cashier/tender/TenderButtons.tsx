import { CHARGE_BLOCK_KEY, type ChargeBlock } from '../../state/cash-tender';
import { TENDER_KEYS } from '../../state/cashier-keys';
import type { T } from '../../ui/translator';
import { useCashier } from '../store-context';

/**
 * Cash and PromptPay confirmed by hand, next to Charge. When Charge cannot take the sale (Stripe
 * unreachable, under Stripe's ฿10) they say why and become the way to take it.
 */
export function TenderButtons({ t, block, disabled }: { t: T; block: ChargeBlock; disabled: boolean }) {
  const promptPayReady = useCashier((s) => s.info?.promptPayReady ?? false);
  const chargingTender = useCashier((s) => s.chargingTender);
  const openCash = useCashier((s) => s.openCash);
  const chargeManual = useCashier((s) => s.chargeManual);
  const offered = block !== null;
  return (
    <>
      {block ? (
        <p className={`tender-note tender-note--${block}`} id="charge-blocked" role="status" data-testid="charge-blocked" data-reason={block}>
          {t(CHARGE_BLOCK_KEY[block])}
          {promptPayReady ? null : <span className="tender-note__extra"> {t('tender.manualNotReady')}</span>}
        </p>
      ) : null}
      <div className={`tender-row${offered ? ' tender-row--offered' : ''}`}>
        <button
          type="button"
          className={`btn ${offered ? 'btn--primary' : 'btn--tender'} tender-button`}
          data-testid="cash-button"
          disabled={disabled}
          aria-keyshortcuts={TENDER_KEYS.cash}
          onMouseDown={(event) => event.preventDefault()}
          onClick={openCash}
        >
          <span>{t('tender.cash')}</span>
          <kbd className="tender-button__key">{TENDER_KEYS.cash}</kbd>
        </button>
        <button
          type="button"
          className={`btn ${offered ? 'btn--primary' : 'btn--tender'} tender-button`}
          data-testid="manual-qr-button"
          disabled={disabled || !promptPayReady}
          title={promptPayReady ? undefined : t('tender.manualNotReady')}
          aria-busy={chargingTender === 'promptpay_manual'}
          aria-keyshortcuts={TENDER_KEYS.manual}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => void chargeManual()}
        >
          <span>{t('tender.manual')}</span>
          <kbd className="tender-button__key">{TENDER_KEYS.manual}</kbd>
        </button>
      </div>
    </>
  );
}
