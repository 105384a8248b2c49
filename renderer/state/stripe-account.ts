// What the till says about the Stripe account it charges to: the mode and account in the header, a
// banner while a changed account waits for a manager's approval, and permissions a key lacks.
import type { MessageKey } from '../../shared/i18n/translate';
import type { AppInfo, StripeInfo, StripeMode } from '../../shared/pos-contract';

/** The Stripe block of app.info (null until the till has answered). */
export function stripeStatusOf(info: AppInfo | null): StripeInfo | null {
  return info?.stripe ?? null;
}

export const MODE_KEY: Record<StripeMode, MessageKey> = {
  demo: 'stripe.mode.demo',
  test: 'stripe.mode.test',
  live: 'stripe.mode.live',
};

/** The header's badge word: DEMO, TEST MODE, or the live mode's name. */
export const MODE_BADGE_KEY: Record<StripeMode, MessageKey> = {
  demo: 'app.demoBadge',
  test: 'app.testMode',
  live: 'stripe.mode.live',
};

/** "Baan Kafe Co. · acct_1Abc", the id alone when Stripe gave no name, null when there is no account. */
export function accountText(status: Pick<StripeInfo, 'account' | 'accountName'>): string | null {
  if (status.account === null) return status.accountName;
  return status.accountName ? `${status.accountName} · ${status.account}` : status.account;
}

/** One side of an account change, as words: "Stripe test acct_1Abc". */
export function accountRef(mode: StripeMode, account: string | null, t: (key: MessageKey, vars?: Record<string, string>) => string): string {
  return t('stripe.accountRef', { mode: t(MODE_KEY[mode]), account: account ?? t('stripe.noAccount') });
}
