// Per-route rate limits with @fastify/rate-limit: it runs on the route the router matched, so an
// encoded path cannot dodge it. Every route family has its own buckets, and within a family every
// client its own: the cashier's screens (their pos_client cookie), each integration (its bearer
// token, with its address), each address for the rest. A busy integration never starves the screens.
import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { presentedBearerToken } from './bearer-token';
import { callerAddressOf, routeFamilyOf, type RouteFamily } from './request-guards';

export interface RateLimit {
  /** Requests one client may make per window in this family. */
  max: number;
  windowMs: number;
}

export type RateLimits = Record<RouteFamily, RateLimit>;

export const DEFAULT_RATE_LIMITS: RateLimits = {
  pos: { max: 40, windowMs: 1000 },
  // Opening event streams: a screen reconnects every couple of seconds at most.
  events: { max: 20, windowMs: 10_000 },
  rest: { max: 40, windowMs: 1000 },
  reports: { max: 40, windowMs: 1000 },
  // Unauthenticated (until its signature is checked), so per address; Stripe's retries are far slower.
  webhook: { max: 50, windowMs: 1000 },
  sim: { max: 40, windowMs: 1000 },
  static: { max: 200, windowMs: 1000 },
};

function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url').slice(0, 22);
}

/** Who a request counts against within its family. */
export function rateLimitClientOf(request: FastifyRequest, family: RouteFamily): string {
  const address = callerAddressOf(request);
  if (family === 'pos' || family === 'events' || family === 'sim') {
    // A client without an issued cookie shares its address's "new clients" bucket: dropping the
    // cookie buys no fresh bucket.
    return request.posClientKnown ? `client:${shortHash(request.posClientKey)}` : `new:${address}`;
  }
  if (family === 'rest' || family === 'reports') {
    const token = presentedBearerToken(request.headers.authorization);
    return token === null ? `anonymous:${address}` : `token:${shortHash(token)}:${address}`;
  }
  return address;
}

/** Answered as `rate_limited` 429 by the server's error handler (with Retry-After). */
export class RateLimitedError extends Error {
  readonly statusCode = 429;
  /** Until the client's window ends (ms): the same request is heard again after it. */
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    super('Too many requests; slow down and try again in a moment.');
    this.retryAfterMs = retryAfterMs;
  }
}

/** Must be awaited before any route is added: the plugin attaches itself to routes as they are made. */
export async function registerRateLimits(app: FastifyInstance, limits: Partial<RateLimits> | false): Promise<void> {
  if (limits === false) return;
  const effective: RateLimits = { ...DEFAULT_RATE_LIMITS, ...limits };
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    // One entry per client and family; the least recently used are forgotten first.
    cache: 20_000,
    max: (request) => effective[routeFamilyOf(request)].max,
    timeWindow: (request: FastifyRequest) => effective[routeFamilyOf(request)].windowMs,
    keyGenerator: (request) => {
      const family = routeFamilyOf(request);
      return `${family}|${rateLimitClientOf(request, family)}`;
    },
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': true },
    errorResponseBuilder: (_request, context) => new RateLimitedError(Math.max(0, Math.ceil(context.ttl))),
  });
}
