// One place that turns an error code into an HTTP status, and the two error body shapes the server
// speaks: the PosResult of the browser-mode transport and the `{error}` of the integration REST API.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PosErrorBody, PosErrorCode, PosErrorDetails } from '../../../shared/pos-error';
import { matchedPathOf } from './route-path';

const STATUS_BY_CODE: Record<PosErrorCode, number> = {
  invalid_input: 400,
  amount_too_small: 400,
  amount_too_large: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  refund_exceeds_remaining: 400,
  sale_not_refundable: 409,
  not_demo_mode: 409,
  rate_limited: 429,
  internal: 500,
  stripe_error: 502,
  stripe_unreachable: 503,
};

export function httpStatusFor(code: PosErrorCode): number {
  return STATUS_BY_CODE[code] ?? 500;
}

/** The REST API has one extra code of its own: the API is switched off until a token is configured. */
export type HttpErrorCode = PosErrorCode | 'api_disabled';

export interface HttpErrorBody {
  code: HttpErrorCode;
  message: string;
  field?: string;
  details?: Pick<PosErrorDetails, 'retryAfterMs'>;
}

/** True for paths served by the PosApi transport, whose errors are PosResults. */
export function isPosTransportPath(path: string): boolean {
  return path === '/api/pos' || path.startsWith('/api/pos/');
}

/**
 * Sends an error in the shape the caller's API speaks: `{ok:false, error}` under /api/pos (the
 * renderer's client reads a PosResult whatever the status), `{error}` everywhere else.
 */
export function sendHttpError(request: FastifyRequest, reply: FastifyReply, status: number, error: HttpErrorBody): FastifyReply {
  const body = isPosTransportPath(matchedPathOf(request)) ? { ok: false, error } : { error };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

export function posErrorBody(code: PosErrorCode, message: string, field?: string): PosErrorBody {
  return field === undefined ? { code, message } : { code, message, field };
}
