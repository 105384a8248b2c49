// Every error a screen shows comes from its code, in the screen's language.
import type { MessageKey } from '../../shared/i18n/translate';
import type { PosErrorBody } from '../../shared/pos-error';
import type { TransportErrorBody } from '../transport/renderer-transport';

export function errorMessageKey(error: PosErrorBody | TransportErrorBody): MessageKey {
  if ('unreachable' in error && error.unreachable) return 'error.till_unreachable';
  // Charges are refused while a backup is restored: a conflict with the till, not with a sale.
  if (error.code === 'conflict' && error.field === 'maintenance') return 'error.restore_in_progress';
  // Charges wait on the Stripe account (a change for a manager to approve, a missing permission, a first check).
  if (error.code === 'conflict' && error.field === 'stripe_account') return 'error.stripe_account';
  return `error.${error.code}`;
}
