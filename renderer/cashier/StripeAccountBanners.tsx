import { accountRef, stripeStatusOf } from '../state/stripe-account';
import { isCompletePin } from '../state/pin-entry';
import { ErrorNote } from '../ui/ErrorNote';
import { Modal } from '../ui/Modal';
import type { T } from '../ui/translator';
import { usePinKeyboard } from '../ui/use-pin-keyboard';
import { useSlice } from './app-stores-context';
import { PinDots, PinPad } from './auth/PinPad';
import { useCashier } from './store-context';

/**
 * Said before anyone charges: a changed Stripe account (or mode) pauses charging until a manager
 * approves it here, and a key without the permissions the till needs is named.
 */
export function StripeAccountBanners({ t }: { t: T }) {
  const status = stripeStatusOf(useCashier((s) => s.info));
  const openDialog = useSlice('stripeApproval', (s) => s.openDialog);
  if (!status) return null;
  const change = status.pendingChange;
  return (
    <>
      {change ? (
        <div className="connection-banner connection-banner--warn stripe-banner" role="alert" data-testid="stripe-change-banner">
          <span>{t('stripe.pendingChange', { from: accountRef(change.fromMode, change.fromAccount, t), to: accountRef(change.toMode, change.toAccount, t) })}</span>
          <button type="button" className="btn btn--sm stripe-banner__action" data-testid="stripe-approve-button" onClick={openDialog}>
            {t('stripe.approve')}
          </button>
        </div>
      ) : null}
      {status.missingPermissions.length > 0 ? (
        <div className="connection-banner connection-banner--warn" role="alert" data-testid="stripe-permissions-banner">
          {t('stripe.missingPermissions', { list: status.missingPermissions.join(', ') })}
        </div>
      ) : null}
      {change ? <StripeApprovalDialog t={t} to={accountRef(change.toMode, change.toAccount, t)} /> : null}
    </>
  );
}

function StripeApprovalDialog({ t, to }: { t: T; to: string }) {
  const open = useSlice('stripeApproval', (s) => s.open);
  const pin = useSlice('stripeApproval', (s) => s.pin);
  const busy = useSlice('stripeApproval', (s) => s.busy);
  const error = useSlice('stripeApproval', (s) => s.error);
  const press = useSlice('stripeApproval', (s) => s.press);
  const submit = useSlice('stripeApproval', (s) => s.submit);
  const close = useSlice('stripeApproval', (s) => s.close);
  usePinKeyboard(open, press, () => void submit(), { escapeClears: false });
  if (!open) return null;
  return (
    <Modal title={t('stripe.approveTitle')} onClose={close} testId="stripe-approve-dialog" className="modal--pin" closeLabel={t('common.close')} busy={busy}>
      <p className="modal__lead">{t('stripe.approveLead', { to })}</p>
      <PinDots length={pin.length} invalid={error !== null} label={t('auth.pinTyped', { count: pin.length })} testId="stripe-approve-dots" />
      <ErrorNote error={error} t={t} testId="stripe-approve-error" />
      <PinPad t={t} disabled={busy} onPress={press} testPrefix="stripe-approve" />
      <div className="modal__actions">
        <button type="button" className="btn btn--muted-soft btn--lg" onClick={close} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="btn btn--primary btn--lg"
          data-testid="stripe-approve-submit"
          disabled={busy || !isCompletePin(pin)}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => void submit()}
        >
          {t('stripe.approveSubmit')}
        </button>
      </div>
    </Modal>
  );
}
