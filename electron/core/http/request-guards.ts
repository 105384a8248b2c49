// Checks every request passes before any route runs: the Host header (DNS-rebinding defense), the
// client's address (off-loopback clients may only pair as a customer display and then read its feed), the Origin (browser
// CSRF defense), a per-client rate limit, and a limit on wrong bearer tokens (the integration API and
// the report API). Body size is limited by the server's bodyLimit.
import os from 'node:os';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { operationsAt } from '../../../shared/pos-contract';
import { FailureThrottle } from '../auth/pin-lockout';
import { sendHttpError } from './error-status';

/** Largest request body any route accepts. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export interface RateLimitOptions {
  /** Tokens added per second (sustained requests per second). */
  perSecond: number;
  /** Bucket size (how many requests may arrive at once). */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perSecond: 20, burst: 40 };

/** Requests with a wrong or missing bearer token one address may make (in 15 minutes) before it is locked out. */
export const MAX_WRONG_TOKENS = 10;

export interface RequestGuardOptions {
  /** The host the server was asked to bind (POS_HOST). */
  bindHost: string;
  /** The port actually listened on (known only after listen when port 0 was asked for). */
  port: () => number;
  rateLimit: RateLimitOptions | false;
}

// ---------------------------------------------------------------------------------------------
// Host header

const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i;
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]', '']);

/** "127.0.0.1:4300" → {hostname: "127.0.0.1", port: 4300}; null when the header is malformed. */
export function parseHostHeader(header: string | undefined): { hostname: string; port: number } | null {
  if (!header) return null;
  const match = HOST_HEADER.exec(header.trim());
  if (!match) return null;
  return { hostname: match[1].toLowerCase(), port: match[2] === undefined ? 80 : Number(match[2]) };
}

function bracketed(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

/** The host names this server answers to. A wildcard bind also answers to the machine's own addresses. */
export function allowedHostnames(bindHost: string): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  const bind = bindHost.trim().toLowerCase();
  if (!WILDCARD_HOSTS.has(bind)) {
    names.add(bracketed(bind));
    return names;
  }
  const hostname = os.hostname().toLowerCase();
  names.add(hostname);
  if (!hostname.includes('.')) names.add(`${hostname}.local`);
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const entry of addresses ?? []) names.add(bracketed(entry.address.toLowerCase().replace(/%.*$/, '')));
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Client address

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.toLowerCase().replace(/^::ffff:/, '');
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

/**
 * The caller's address as PIN throttling and the token-failure limit see it: every caller on the
 * till's own machine is one ("loopback"), whichever loopback address or port it uses; any other is
 * its IP address (IPv4-mapped forms folded).
 */
export function callerAddressOf(request: FastifyRequest): string {
  const address = request.socket.remoteAddress;
  if (isLoopbackAddress(address)) return 'http:loopback';
  return `http:${(address ?? 'unknown').toLowerCase().replace(/^::ffff:/, '')}`;
}

/** Whether the caller is off the till's own machine (a LAN device: at most the customer display). */
export function isOffTill(request: FastifyRequest): boolean {
  return !isLoopbackAddress(request.socket.remoteAddress);
}

/**
 * The only operations a client off the till may call: pairing itself as a customer display, and
 * the read-only customer feed (which the core refuses until the client is paired). From the contract.
 */
const OFF_TILL_OPERATIONS: ReadonlySet<string> = operationsAt('pairing', 'display');

/** Route families; static files are whatever is not under one of the API prefixes. */
export const WEBHOOK_PATH = '/payments/webhook';

export type RouteFamily = 'pos' | 'rest' | 'reports' | 'sim' | 'static';

export function routeFamily(path: string): RouteFamily {
  if (path === '/api' || path.startsWith('/api/')) return 'pos';
  if (path === '/payments' || path.startsWith('/payments/')) return 'rest';
  // Bearer-token API like /payments: Origin-checked, rate-limited, never a static file.
  if (path === '/reports' || path.startsWith('/reports/')) return 'reports';
  if (path === '/_sim' || path.startsWith('/_sim/')) return 'sim';
  return 'static';
}

function pathOf(request: FastifyRequest): string {
  const url = request.url;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * Whether a client off the till's own machine may make this request: the customer display's read-only
 * feed, the static screens, and the Stripe webhook once that route exists.
 */
export function isCustomerFeedRequest(request: FastifyRequest): boolean {
  const method = request.method;
  const route = request.routeOptions.url;
  const family = routeFamily(pathOf(request));
  if (family === 'static') return method === 'GET' || method === 'HEAD';
  if (route === '/api/pos/events') return method === 'GET';
  // Authenticated by Stripe's signature rather than by where it comes from (Stripe, a relay).
  if (route === WEBHOOK_PATH) return method === 'POST';
  if (route === '/api/pos/:op' && method === 'POST') {
    const op = (request.params as { op?: string } | undefined)?.op;
    return op !== undefined && OFF_TILL_OPERATIONS.has(op);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Rate limit

/** A token bucket per client address. */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token for `client`; false when the bucket is empty. */
  take(client: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.options.burst, at: now };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.options.perSecond);
    bucket.at = now;
    if (this.buckets.size > 10_000) this.forgetFullBuckets(now);
    this.buckets.set(client, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private forgetFullBuckets(now: number): void {
    const refillMs = (this.options.burst / this.options.perSecond) * 1000;
    for (const [client, bucket] of this.buckets) if (now - bucket.at > refillMs) this.buckets.delete(client);
  }
}

// ---------------------------------------------------------------------------------------------
// The hook

/** The families whose routes take the POS_API_TOKEN bearer token. */
const TOKEN_FAMILIES: ReadonlySet<RouteFamily> = new Set(['rest', 'reports']);
/** The families every request of which spends rate-limit tokens. */
const RATE_LIMITED_FAMILIES: ReadonlySet<RouteFamily> = new Set(['pos', 'rest', 'reports']);

export function registerRequestGuards(app: FastifyInstance, options: RequestGuardOptions): void {
  const limiter = options.rateLimit === false ? null : new TokenBucketLimiter(options.rateLimit);
  // Wrong bearer tokens per caller address: a token cannot be guessed at the rate limit's pace.
  const wrongTokens = new FailureThrottle({ maxFailures: MAX_WRONG_TOKENS });
  let hostnames = allowedHostnames(options.bindHost);
  let hostnamesAt = Date.now();

  const refuse = (request: FastifyRequest, reply: FastifyReply, status: number, code: 'forbidden' | 'rate_limited', message: string) =>
    sendHttpError(request, reply, status, { code, message });

  app.addHook('onRequest', async (request, reply) => {
    const port = options.port();
    const host = parseHostHeader(request.headers.host);
    if (host && !hostnames.has(host.hostname) && Date.now() - hostnamesAt > 5_000) {
      hostnames = allowedHostnames(options.bindHost); // addresses may have changed (DHCP)
      hostnamesAt = Date.now();
    }
    // The webhook is authenticated by Stripe's signature, not by origin, and may arrive through a tunnel
    // or reverse proxy with its own Host name; it is also left out of the per-client rate limit so a
    // burst of Stripe retries is not turned away.
    if (isWebhookRequest(request)) return;
    if (!host || host.port !== port || !hostnames.has(host.hostname)) {
      return refuse(request, reply, 421, 'forbidden', `This server only answers as http://127.0.0.1:${port}/ (or localhost); the Host header was refused.`);
    }

    const family = routeFamily(pathOf(request));
    if (!isLoopbackAddress(request.socket.remoteAddress) && !isCustomerFeedRequest(request)) {
      return refuse(request, reply, 403, 'forbidden', 'Only the customer display is available from another device; use the till itself for this.');
    }

    const origin = request.headers.origin;
    if (origin !== undefined && family !== 'static') {
      const expected = `http://${request.headers.host}`.toLowerCase();
      if (origin.toLowerCase() !== expected) {
        return refuse(request, reply, 403, 'forbidden', 'Cross-origin requests are refused; open the page from this server.');
      }
    }

    if (limiter && RATE_LIMITED_FAMILIES.has(family) && !limiter.take(request.ip)) {
      reply.header('retry-after', '1');
      return refuse(request, reply, 429, 'rate_limited', 'Too many requests; slow down and try again in a moment.');
    }

    if (TOKEN_FAMILIES.has(family)) {
      const lockedUntil = wrongTokens.lockedUntil(callerAddressOf(request));
      if (lockedUntil !== null) {
        const seconds = Math.max(1, Math.ceil((lockedUntil - Date.now()) / 1000));
        reply.header('retry-after', String(seconds));
        return refuse(request, reply, 429, 'rate_limited', `Too many requests with a wrong API token from this address; try again in ${Math.ceil(seconds / 60)} min.`);
      }
    }
  });

  // A 401 on a token route is a wrong or missing bearer token (the routes' own check answers it):
  // counted per caller address, before the answer leaves.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode === 401 && TOKEN_FAMILIES.has(routeFamily(pathOf(request))) && !isWebhookRequest(request)) {
      wrongTokens.recordFailure(callerAddressOf(request));
    }
    return payload;
  });
}

function isWebhookRequest(request: FastifyRequest): boolean {
  return request.method === 'POST' && pathOf(request) === WEBHOOK_PATH;
}
