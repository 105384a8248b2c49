// Errors that cross the transports. `code` is stable and drives the translated message on screen;
// `message` is English for logs and integrators. Neither ever carries a secret.
import type { SetupProblem } from './setup';

export const POS_ERROR_CODES = [
  'invalid_input',
  'amount_too_small',
  'amount_too_large',
  'not_found',
  'conflict',
  /** A refund asked for more than is still refundable on the sale (400: the amount is wrong for it). */
  'refund_exceeds_remaining',
  /** The sale is not paid, so there is nothing to refund (409: the sale's state forbids it). */
  'sale_not_refundable',
  'not_demo_mode',
  'stripe_unreachable',
  'stripe_error',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'internal',
] as const;
export type PosErrorCode = (typeof POS_ERROR_CODES)[number];

export interface PosErrorBody {
  code: PosErrorCode;
  message: string;
  /** The input field at fault, when there is one. */
  field?: string;
  /** Facts a screen words in its own language (never a secret), so nobody parses `message`. */
  details?: PosErrorDetails;
}

export interface PosErrorDetails {
  /** A wrong PIN: wrong PINs still allowed before the name is locked. */
  triesLeft?: number;
  /** A lock (rate_limited): when it ends, epoch ms. */
  lockedUntil?: number;
  /**
   * The till's request limit (rate_limited) refused the request before doing anything with it: the
   * same request is heard again after this many ms. Absent on locks, which are `lockedUntil`.
   */
  retryAfterMs?: number;
  /** A setup step refused: which problem, worded by the screen (shared/setup.ts). */
  setupProblem?: SetupProblem;
  /** With setupProblem 'missing_permissions': the permissions in Stripe's dashboard words. */
  missingPermissions?: string[];
  /** With setupProblem 'wrong_mode': the pasted key's mode. */
  keyMode?: 'test' | 'live';
}

export class PosError extends Error {
  readonly code: PosErrorCode;
  readonly field?: string;
  readonly details?: PosErrorDetails;
  constructor(code: PosErrorCode, message: string, field?: string, details?: PosErrorDetails) {
    super(message);
    this.name = 'PosError';
    this.code = code;
    this.field = field;
    this.details = details;
  }
  toBody(): PosErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** What every transport returns: a value, or an error body. Never a thrown error across a boundary. */
export type PosResult<T> = { ok: true; value: T } | { ok: false; error: PosErrorBody };
