// Checks every request passes before any route runs: the Host header (DNS-rebinding defense), where
// the client is (off the till's machine, or relayed by a proxy: only a customer display's requests),
// and the Origin (browser CSRF defense). Every decision is taken on the route the router matched
// (its pattern), never on the raw URL: `/p%61yments/…` is `/payments/:id` to the guards too.
// Rate limits (rate-limits.ts) and the bearer token (bearer-token.ts) come after these.
import os from 'node:os';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { operationsAt } from '../../../shared/pos-contract';
import { sendHttpError } from './error-status';
import { matchedPathOf } from './route-path';

/** Largest request body any route accepts (the webhook has its own). */
export const BODY_LIMIT_BYTES = 64 * 1024;

export interface RequestGuardOptions {
  /** The host the server was asked to bind (POS_HOST). */
  bindHost: string;
  /** The port actually listened on (known only after listen when port 0 was asked for). */
  port: () => number;
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

/**
 * The host names this server answers to: loopback, the name or address POS_HOST names, and for a
 * wildcard bind the machine's own IP addresses. Never a name the machine merely has (its hostname,
 * `<hostname>.local`): anyone on the LAN can answer mDNS for those and rebind a page to the till.
 */
export function allowedHostnames(bindHost: string): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  const bind = bindHost.trim().toLowerCase();
  if (!WILDCARD_HOSTS.has(bind)) {
    names.add(bracketed(bind));
    return names;
  }
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
 * Whether a proxy or tunnel relayed the request. Behind a reverse proxy every internet client
 * arrives from 127.0.0.1, so loopback means "the till" only when no proxy says otherwise.
 */
export function isProxied(request: FastifyRequest): boolean {
  for (const name of Object.keys(request.headers)) {
    if (name === 'forwarded' || name === 'via' || name === 'x-real-ip' || name.startsWith('x-forwarded-')) return true;
  }
  return false;
}

/** Whether the caller is off the till's own machine (a LAN device, or anyone behind a proxy). */
export function isOffTill(request: FastifyRequest): boolean {
  return !isLoopbackAddress(request.socket.remoteAddress) || isProxied(request);
}

/**
 * The caller's address as PIN throttling, rate limits and the token-failure limit see it: every
 * caller on the till's own machine is one ("loopback"), whichever loopback address or port it uses;
 * everything a local proxy relays is another ("proxied"), never the till's; any other is its IP.
 */
export function callerAddressOf(request: FastifyRequest): string {
  const address = request.socket.remoteAddress;
  if (isLoopbackAddress(address)) return isProxied(request) ? 'http:proxied' : 'http:loopback';
  return `http:${(address ?? 'unknown').toLowerCase().replace(/^::ffff:/, '')}`;
}

// ---------------------------------------------------------------------------------------------
// Route families

export const WEBHOOK_PATH = '/payments/webhook';
export const EVENTS_PATH = '/api/pos/events';

/** Static files are whatever is not under one of the API prefixes. */
export type RouteFamily = 'pos' | 'events' | 'rest' | 'reports' | 'webhook' | 'sim' | 'static';

/** The family of a path or a route pattern (both already decoded). */
export function routeFamily(path: string): RouteFamily {
  if (path === EVENTS_PATH) return 'events';
  if (path === '/api' || path.startsWith('/api/')) return 'pos';
  if (path === WEBHOOK_PATH) return 'webhook';
  if (path === '/payments' || path.startsWith('/payments/')) return 'rest';
  // Bearer-token API like /payments: Origin-checked, rate-limited, never a static file.
  if (path === '/reports' || path.startsWith('/reports/')) return 'reports';
  if (path === '/_sim' || path.startsWith('/_sim/')) return 'sim';
  return 'static';
}

/**
 * The family of the route the router matched for this request. Unmatched requests (and the static
 * files' catch-all) are classified on the decoded path, as the router read it.
 */
export function routeFamilyOf(request: FastifyRequest): RouteFamily {
  return routeFamily(matchedPathOf(request));
}

/**
 * The only operations a client off the till may call: pairing itself as a customer display, and
 * the read-only customer feed (which the core refuses until the client is paired). From the contract.
 */
const OFF_TILL_OPERATIONS: ReadonlySet<string> = operationsAt('pairing', 'display');

/**
 * Whether a client off the till's own machine may make this request: the customer display's read-only
 * feed and the static screens (the Stripe webhook never reaches this check).
 */
export function isCustomerFeedRequest(request: FastifyRequest, family: RouteFamily = routeFamilyOf(request)): boolean {
  const method = request.method;
  if (family === 'static') return method === 'GET' || method === 'HEAD';
  if (family === 'events') return method === 'GET';
  if (request.routeOptions.url === '/api/pos/:op' && method === 'POST') {
    const op = (request.params as { op?: string } | undefined)?.op;
    return op !== undefined && OFF_TILL_OPERATIONS.has(op);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// The hook

export function registerRequestGuards(app: FastifyInstance, options: RequestGuardOptions): void {
  let hostnames = allowedHostnames(options.bindHost);
  let hostnamesAt = Date.now();

  const refuse = (request: FastifyRequest, reply: FastifyReply, status: number, message: string) =>
    sendHttpError(request, reply, status, { code: 'forbidden', message });

  app.addHook('onRequest', async (request, reply) => {
    const family = routeFamilyOf(request);
    // The webhook is authenticated by Stripe's signature, not by origin, and may arrive through a
    // tunnel or reverse proxy with its own Host name (it is the one route to proxy). It is
    // rate-limited per address like everything else.
    if (family === 'webhook') return;

    const port = options.port();
    const host = parseHostHeader(request.headers.host);
    if (host && !hostnames.has(host.hostname) && Date.now() - hostnamesAt > 5_000) {
      hostnames = allowedHostnames(options.bindHost); // addresses may have changed (DHCP)
      hostnamesAt = Date.now();
    }
    if (!host || host.port !== port || !hostnames.has(host.hostname)) {
      return sendHttpError(request, reply, 421, {
        code: 'forbidden',
        message: `This server only answers as http://127.0.0.1:${port}/ (or localhost); the Host header was refused.`,
      });
    }

    if (isOffTill(request) && !isCustomerFeedRequest(request, family)) {
      return refuse(request, reply, 403, isProxied(request)
        ? 'Requests through a proxy only reach the Stripe webhook (POST /payments/webhook); use the till itself for this.'
        : 'Only the customer display is available from another device; use the till itself for this.');
    }

    const origin = request.headers.origin;
    if (origin !== undefined && family !== 'static') {
      const expected = `http://${request.headers.host}`.toLowerCase();
      if (origin.toLowerCase() !== expected) {
        return refuse(request, reply, 403, 'Cross-origin requests are refused; open the page from this server.');
      }
    }
  });
}
