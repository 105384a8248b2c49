// What a PIN screen says when the core refuses: a translated headline chosen by the error code, and
// the facts the core sends as fields (tries left, when a lock ends) in the screen's language. A lockout
// is its own code (rate_limited), so it gets its own headline.
import type { MessageKey } from '../../shared/i18n/translate';
import type { PosErrorBody } from '../../shared/pos-error';
import type { TransportErrorBody } from '../transport/renderer-transport';
import { DEFAULT_TIME_ZONE, formatShopTime } from './business-date';
import { errorMessageKey } from './error-message';

export interface ShownError {
  key: MessageKey;
  /** The core's message (English), shown smaller under the translated one on English screens; null when it adds nothing. */
  detail: string | null;
  /** The fact the core sent as a field (tries left, locked until), translated on every screen. */
  fact?: { key: MessageKey; vars: Record<string, string | number> };
}

const PIN_KEYS: Partial<Record<PosErrorBody['code'], MessageKey>> = {
  unauthorized: 'auth.error.wrongPin',
  forbidden: 'auth.error.wrongPin',
  rate_limited: 'auth.error.locked',
  invalid_input: 'auth.pinLength',
  conflict: 'auth.error.conflict',
  not_found: 'auth.error.notFound',
};

/**
 * Errors from auth.signIn / auth.elevate / auth.setupOwner. A lock's end is shown in `timeZone` (the
 * shop's, as the core words it in its English message), 24 h.
 */
export function pinErrorFor(error: PosErrorBody | TransportErrorBody, timeZone: string = DEFAULT_TIME_ZONE): ShownError {
  if ('unreachable' in error && error.unreachable) return { key: 'error.till_unreachable', detail: null };
  const detail = detailOf(error);
  const fact = pinFactOf(error, timeZone);
  return fact ? { key: pinErrorKey(error), detail, fact } : { key: pinErrorKey(error), detail };
}

/** Tries left or a lock's end, from the refusal's `details` (never from its English words). */
export function pinFactOf(error: PosErrorBody, timeZone: string = DEFAULT_TIME_ZONE): ShownError['fact'] | null {
  const { triesLeft, lockedUntil } = error.details ?? {};
  if (typeof triesLeft === 'number' && Number.isInteger(triesLeft) && triesLeft > 0) {
    return triesLeft === 1 ? { key: 'auth.error.oneTryLeft', vars: {} } : { key: 'auth.error.triesLeft', vars: { count: triesLeft } };
  }
  if (typeof lockedUntil === 'number' && Number.isFinite(lockedUntil)) {
    return { key: 'auth.error.lockedUntil', vars: { time: formatShopTime(lockedUntil, 'en-GB', timeZone) } };
  }
  return null;
}

function pinErrorKey(error: PosErrorBody): MessageKey {
  if (error.code === 'unauthorized' || error.code === 'forbidden') {
    if (error.field === 'cashierId') return 'auth.error.notFound';
  }
  return PIN_KEYS[error.code] ?? errorMessageKey(error);
}

/** An auth.elevate refusal that is about the session, not the PIN typed. */
export function isSessionLost(error: PosErrorBody): boolean {
  return error.code === 'unauthorized' && error.field !== 'pin';
}

/** Any other manager-side error: the code's message, plus the core's words. */
export function shownError(error: PosErrorBody | TransportErrorBody): ShownError {
  if ('unreachable' in error && error.unreachable) return { key: 'error.till_unreachable', detail: null };
  return { key: managerErrorKey(error), detail: detailOf(error) };
}

function managerErrorKey(error: PosErrorBody): MessageKey {
  switch (error.code) {
    case 'not_found':
      return 'manager.error.not_found';
    case 'conflict':
      return 'manager.error.conflict';
    case 'forbidden':
      return 'manager.error.forbidden';
    case 'stripe_error':
      return 'manager.error.stripe_error';
    case 'internal':
      return 'manager.error.internal';
    default:
      return errorMessageKey(error);
  }
}

/** The core's message is English, meant for people: worth showing unless it is a bare HTTP status. */
function detailOf(error: PosErrorBody): string | null {
  const message = error.message?.trim();
  if (!message || /^HTTP \d{3}$/.test(message)) return null;
  return message;
}
