// The POS_API_TOKEN check shared by the integration REST API and the report API, and the limit on
// wrong tokens. Only a request that presents a bearer token can count as a wrong one: a page in
// another tab can send token-less requests to 127.0.0.1 (an <img>) but cannot add an Authorization
// header without a CORS preflight this server never grants, so it cannot lock anyone out.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { FailureThrottle } from '../auth/pin-lockout';
import { sendHttpError } from './error-status';
import { callerAddressOf } from './request-guards';

/** The same wrong token this many times from one address locks that token there (a stale config). */
export const MAX_WRONG_TOKENS = 10;
/** Wrong tokens of any kind from one address (guessing) before that address is locked out. */
export const MAX_GUESSED_TOKENS = 30;

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The bearer token the request presents, or null when it presents none (or another scheme). */
export function presentedBearerToken(authorization: string | undefined): string | null {
  return BEARER.exec(authorization ?? '')?.[1] ?? null;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time comparison of the presented bearer token with the configured one. */
export function bearerTokenMatches(authorization: string | undefined, expected: string): boolean {
  const presented = presentedBearerToken(authorization);
  // Hashing first makes both sides the same length, so the comparison time says nothing.
  return timingSafeEqual(digest(presented ?? ''), digest(expected)) && presented !== null;
}

/** Wrong tokens per presented-token hash + address, and per address (guessing). */
export class WrongTokenLimiter {
  private readonly sameToken: FailureThrottle;
  private readonly anyToken: FailureThrottle;

  constructor(now: () => number = Date.now) {
    this.sameToken = new FailureThrottle({ maxFailures: MAX_WRONG_TOKENS, now });
    this.anyToken = new FailureThrottle({ maxFailures: MAX_GUESSED_TOKENS, now });
  }

  private static keyOf(token: string, address: string): string {
    return `${digest(token).toString('base64url')}@${address}`;
  }

  /** Until when this token may not be tried from this address, or null. */
  lockedUntil(token: string, address: string): number | null {
    const locks = [this.sameToken.lockedUntil(WrongTokenLimiter.keyOf(token, address)), this.anyToken.lockedUntil(address)];
    const until = locks.filter((lock): lock is number => lock !== null);
    return until.length === 0 ? null : Math.max(...until);
  }

  recordWrong(token: string, address: string): void {
    this.sameToken.recordFailure(WrongTokenLimiter.keyOf(token, address));
    this.anyToken.recordFailure(address);
  }
}

/**
 * Adds the token check to every route of `scope`: 503 while no token is configured, 401 without a
 * token or with a wrong one, 429 while this token (or this address, after guessing) is locked.
 * It runs before the body is read and after the rate limit.
 */
export function guardBearerToken(scope: FastifyInstance, apiToken: string | null, wrongTokens: WrongTokenLimiter): void {
  scope.addHook('preParsing', async (request, reply, payload) => {
    if (!apiToken) {
      return sendHttpError(request, reply, 503, {
        code: 'api_disabled',
        message: 'The integration API is off: set POS_API_TOKEN to a long random secret and restart Chamra POS.',
      });
    }
    const presented = presentedBearerToken(request.headers.authorization);
    if (presented !== null) {
      const address = callerAddressOf(request);
      const lockedUntil = wrongTokens.lockedUntil(presented, address);
      if (lockedUntil !== null) {
        const seconds = Math.max(1, Math.ceil((lockedUntil - Date.now()) / 1000));
        reply.header('retry-after', String(seconds));
        return sendHttpError(request, reply, 429, {
          code: 'rate_limited',
          message: `Too many requests with a wrong API token from this address; try again in ${Math.ceil(seconds / 60)} min.`,
        });
      }
      if (bearerTokenMatches(request.headers.authorization, apiToken)) return payload;
      wrongTokens.recordWrong(presented, address);
    }
    reply.header('www-authenticate', 'Bearer');
    return sendHttpError(request, reply, 401, { code: 'unauthorized', message: 'Send the POS_API_TOKEN as "Authorization: Bearer <token>".' });
  });
}
