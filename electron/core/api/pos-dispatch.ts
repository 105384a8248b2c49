// One entry point for every transport: look up the operation, validate its input with the shared
// schema, run the handler, and turn any failure into a PosResult. Bad input changes nothing.
import type { z } from 'zod';
import { posOperationAccess, posOperations, sessionAccessOf, type PosOperation, type PosOutputs, type PosParsedInput, type SessionAccess } from '../../../shared/pos-contract';
import { PosError, type PosResult } from '../../../shared/pos-error';
import type { CallContext } from '../pos-core-types';

export type PosHandlers = {
  [K in PosOperation]: (input: PosParsedInput<K>, context: CallContext) => Promise<PosOutputs[K]> | PosOutputs[K];
};

export function isPosOperation(op: string): op is PosOperation {
  return Object.prototype.hasOwnProperty.call(posOperations, op);
}

/** Turns a schema failure into one clear error naming the first field at fault. */
export function validationError(error: z.ZodError): PosError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  if (issue?.message === 'amount_too_small') return new PosError('amount_too_small', 'amount is below the ฿10.00 minimum', field);
  if (issue?.message === 'amount_too_large') return new PosError('amount_too_large', 'amount is above the ฿999,999.99 maximum', field);
  const message = issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'invalid input';
  return new PosError('invalid_input', message, field);
}

/**
 * Checks `posOperationAccess` against the session bound to the caller's client key; throws an
 * `unauthorized` / `forbidden` PosError, or returns the context the handler sees (cashier filled in).
 * It sees the session level: `display` and `pairing` need no sign-in (who may call them from off the
 * till is the off-till check's business, by the same contract), so they arrive as `public`.
 */
export type Authorize = (access: SessionAccess, context: CallContext, op: PosOperation) => CallContext;

export function createDispatcher(handlers: PosHandlers, onUnexpected: (error: unknown) => void = () => undefined, authorize?: Authorize) {
  return async function dispatch(op: string, input: unknown, context: CallContext): Promise<PosResult<unknown>> {
    if (!isPosOperation(op)) return { ok: false, error: { code: 'not_found', message: `Unknown operation ${op}.` } };
    let allowed = context;
    try {
      // Access before input: a caller who may not run an operation learns nothing about its input rules.
      if (authorize) allowed = authorize(sessionAccessOf(posOperationAccess[op]), context, op);
    } catch (error) {
      if (error instanceof PosError) return { ok: false, error: error.toBody() };
      throw error;
    }
    // No input at all means {}; anything else (JSON null included) is checked as sent.
    const parsed = posOperations[op].safeParse(input === undefined ? {} : input);
    if (!parsed.success) return { ok: false, error: validationError(parsed.error).toBody() };
    try {
      const handler = handlers[op] as (input: unknown, context: CallContext) => Promise<unknown> | unknown;
      return { ok: true, value: await handler(parsed.data, allowed) };
    } catch (error) {
      if (error instanceof PosError) return { ok: false, error: error.toBody() };
      onUnexpected(error);
      return { ok: false, error: { code: 'internal', message: 'Something went wrong; nothing was charged.' } };
    }
  };
}
