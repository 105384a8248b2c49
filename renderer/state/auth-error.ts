// What a PIN screen says when the core refuses: a translated headline chosen by the error code, and
// the core's own words (tries left, locked until…) as the detail line. A lockout is its own code
// (rate_limited), so it gets its own headline.
import type { MessageKey } from '../../shared/i18n/translate';
import type { PosErrorBody } from '../../shared/pos-error';
import type { TransportErrorBody } from '../transport/renderer-transport';
import { errorMessageKey } from './error-message';

export interface ShownError {
  key: MessageKey;
  /** The core's message (English), shown smaller under the translated one on English screens; null when it adds nothing. */
  detail: string | null;
  /** The fact in the core's message (tries left, locked until), translated on every screen. */
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

/** Errors from auth.signIn / auth.elevate / auth.setupOwner. */
export function pinErrorFor(error: PosErrorBody | TransportErrorBody): ShownError {
  if ('unreachable' in error && error.unreachable) return { key: 'error.till_unreachable', detail: null };
  const detail = detailOf(error);
  const fact = detail ? pinFactOf(detail) : null;
  return fact ? { key: pinErrorKey(error), detail, fact } : { key: pinErrorKey(error), detail };
}

/**
 * The core says tries left and lock times only in English words ("Wrong PIN, 4 tries left.");
 * until it sends them as fields, the two facts are read from those words so Thai screens show them.
 */
export function pinFactOf(message: string): ShownError['fact'] | null {
  const tries = /(\d+) tr(?:y|ies) left/.exec(message);
  if (tries) return Number(tries[1]) === 1 ? { key: 'auth.error.oneTryLeft', vars: {} } : { key: 'auth.error.triesLeft', vars: { count: Number(tries[1]) } };
  const until = /(?:until|at) (\d{1,2}[:.]\d{2})/i.exec(message);
  if (until) return { key: 'auth.error.lockedUntil', vars: { time: until[1]!.replace('.', ':') } };
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
