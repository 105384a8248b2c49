// Errors that cross the transports. `code` is stable and drives the translated message on screen;
// `message` is English for logs and integrators. Neither ever carries a secret.

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
}

export class PosError extends Error {
  readonly code: PosErrorCode;
  readonly field?: string;
  constructor(code: PosErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'PosError';
    this.code = code;
    this.field = field;
  }
  toBody(): PosErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

/** What every transport returns: a value, or an error body. Never a thrown error across a boundary. */
export type PosResult<T> = { ok: true; value: T } | { ok: false; error: PosErrorBody };
