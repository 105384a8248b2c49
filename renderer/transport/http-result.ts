// Reading a browser-mode API response. The server always answers with a PosResult; anything else (a
// proxy's HTML error page, an empty body) still becomes a PosResult with a sensible code.
import type { PosErrorBody, PosErrorCode, PosResult } from '../../shared/pos-error';
import { POS_ERROR_CODES } from '../../shared/pos-error';

const STATUS_TO_CODE: Record<number, PosErrorCode> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  409: 'conflict',
  429: 'rate_limited',
};

/** Turns whatever came back into a PosResult: the server's own body when it is one, else a code from the status. */
export function resultFromResponse(status: number, body: unknown): PosResult<unknown> {
  if (body !== null && typeof body === 'object' && 'ok' in body) {
    const candidate = body as { ok: unknown; value?: unknown; error?: unknown };
    if (candidate.ok === true) return { ok: true, value: candidate.value };
    if (candidate.ok === false && isErrorBody(candidate.error)) return { ok: false, error: candidate.error };
  }
  if (status >= 200 && status < 300) {
    return { ok: false, error: { code: 'internal', message: `unexpected response (HTTP ${status})` } };
  }
  return { ok: false, error: { code: STATUS_TO_CODE[status] ?? 'internal', message: `HTTP ${status}` } };
}

function isErrorBody(value: unknown): value is PosErrorBody {
  if (value === null || typeof value !== 'object') return false;
  const { code, message } = value as { code?: unknown; message?: unknown };
  return typeof code === 'string' && (POS_ERROR_CODES as readonly string[]).includes(code) && typeof message === 'string';
}

