import { accountText, MODE_BADGE_KEY, stripeStatusOf } from '../state/stripe-account';
import type { T } from '../ui/translator';
import { useCashier } from './store-context';

/** The header's word on where money goes: the Stripe mode (DEMO, TEST, live) and the account. */
export function StripeAccountChip({ t }: { t: T }) {
  const status = stripeStatusOf(useCashier((s) => s.info));
  if (!status) return null;
  const account = accountText(status);
  return (
    <div className={`stripe-chip stripe-chip--${status.mode}`} data-testid="stripe-account" data-mode={status.mode} title={t('stripe.headerLabel')}>
      <span className={`badge badge--${status.mode}`} data-testid={status.mode === 'demo' ? 'demo-badge' : undefined}>
        {t(MODE_BADGE_KEY[status.mode])}
      </span>
      {account ? (
        <span className="stripe-chip__account" data-testid="stripe-account-name">
          {account}
        </span>
      ) : null}
    </div>
  );
}
