// Input schemas of the integration REST API (the reference contract kept for other systems).
// Amounts are integer satang; metadata follows Stripe's limits.
import { z } from 'zod';
import { checkChargeAmount, MAX_CHARGE_SATANG, MIN_CHARGE_SATANG } from '../../../shared/money';
import type { PosErrorCode } from '../../../shared/pos-error';
import { receiptEmailSchema } from '../../../shared/receipt-email';
import { CALLER_METADATA_MAX_KEYS, RESERVED_METADATA_KEYS } from '../payments/stripe-metadata';

const AMOUNT_MESSAGE = 'amount must be a positive whole number of satang, e.g. 12345 for ฿123.45';

export const METADATA_MAX_KEYS = CALLER_METADATA_MAX_KEYS;
export const METADATA_KEY_MAX_LENGTH = 40;
export const METADATA_VALUE_MAX_LENGTH = 500;

export const metadataSchema = z
  .record(z.string(), z.string({ error: 'metadata values must be strings (no numbers or nested objects)' }), {
    error: 'metadata must be an object of string keys to string values',
  })
  .superRefine((metadata, ctx) => {
    const keys = Object.keys(metadata);
    if (keys.length > METADATA_MAX_KEYS) {
      ctx.addIssue({ code: 'custom', message: `metadata may have at most ${METADATA_MAX_KEYS} keys` });
    }
    for (const key of keys) {
      if (key.length === 0 || key.length > METADATA_KEY_MAX_LENGTH || /[[\]]/.test(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `metadata keys must be 1–${METADATA_KEY_MAX_LENGTH} characters without square brackets`,
        });
      } else if ((RESERVED_METADATA_KEYS as readonly string[]).includes(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `metadata key "${key}" is set by the till itself (reserved: ${RESERVED_METADATA_KEYS.join(', ')})` });
      } else if (metadata[key].length > METADATA_VALUE_MAX_LENGTH) {
        ctx.addIssue({ code: 'custom', path: [key], message: `metadata values must be at most ${METADATA_VALUE_MAX_LENGTH} characters` });
      }
    }
  });

/** POST /payments/intents */
export const createIntentBody = z.strictObject(
  {
    amount: z.number({ error: AMOUNT_MESSAGE }).int(AMOUNT_MESSAGE).positive(AMOUNT_MESSAGE),
    currency: z
      .string({ error: 'currency must be "thb"' })
      .refine((currency) => currency.toLowerCase() === 'thb', 'currency must be "thb": PromptPay charges are in Thai baht')
      .optional(),
    description: z.string({ error: 'description must be a string' }).trim().max(200, 'description may be at most 200 characters').optional(),
    metadata: metadataSchema.optional(),
    /** The customer's address: Stripe emails its receipt there once paid (the till's own schema). */
    receipt_email: receiptEmailSchema.optional(),
  },
  {
    error: (issue) =>
      issue.code === 'invalid_type' ? 'send a JSON object: {"amount": <satang>, "currency"?: "thb", "description"?, "metadata"?, "receipt_email"?}' : undefined,
  },
);
export type CreateIntentBody = z.output<typeof createIntentBody>;

/** The :id of GET /payments/:id and POST /payments/:id/cancel: a PaymentIntent id or a sale id. */
export const paymentIdParam = z.string().regex(/^(pi|sale)_[A-Za-z0-9_]{1,120}$/);

export type ParsedInput<T> = { ok: true; value: T } | { ok: false; code: PosErrorCode; message: string; field?: string };

/** Validates a create-intent body, telling a too-small amount apart from malformed input. */
export function parseCreateIntentBody(body: unknown): ParsedInput<CreateIntentBody> {
  const parsed = createIntentBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
    const message = field === undefined || issue.message.startsWith(field.split('.')[0]) ? issue.message : `${field}: ${issue.message}`;
    return { ok: false, code: 'invalid_input', message, field };
  }
  const amount = checkChargeAmount(parsed.data.amount);
  if (!amount.ok && amount.problem === 'too_small') {
    return { ok: false, code: 'amount_too_small', message: `amount must be at least ${MIN_CHARGE_SATANG} satang (฿10.00), Stripe's minimum for THB`, field: 'amount' };
  }
  if (!amount.ok) {
    return { ok: false, code: 'amount_too_large', message: `amount must be at most ${MAX_CHARGE_SATANG} satang`, field: 'amount' };
  }
  return { ok: true, value: parsed.data };
}

/** Stripe's rule for Idempotency-Key: up to 255 characters; here printable ASCII without spaces. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]+$/;

/**
 * The optional Idempotency-Key header of POST /payments/intents. Absent → no key (every call is a new
 * charge); present → it must be usable, else the request is refused before anything is created.
 */
export function parseIdempotencyKey(header: string | string[] | undefined): ParsedInput<string | undefined> {
  if (header === undefined) return { ok: true, value: undefined };
  const message = `Idempotency-Key must be 1–${IDEMPOTENCY_KEY_MAX_LENGTH} printable characters without spaces (e.g. a UUID), sent once`;
  if (Array.isArray(header)) return { ok: false, code: 'invalid_input', message, field: 'Idempotency-Key' };
  const key = header.trim();
  if (key.length === 0 || key.length > IDEMPOTENCY_KEY_MAX_LENGTH || !IDEMPOTENCY_KEY.test(key)) {
    return { ok: false, code: 'invalid_input', message, field: 'Idempotency-Key' };
  }
  return { ok: true, value: key };
}
