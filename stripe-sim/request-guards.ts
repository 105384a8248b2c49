/**
 * Keeps web pages away from the simulator (security review L10): its controls need no key, so a
 * page the till's browser opens could otherwise pay a PaymentIntent (a cross-site POST to
 * /_sim/payment_intents/:id/succeed) or read it through DNS rebinding (a hostile name that
 * resolves to 127.0.0.1). So: the Host header must name the simulator (loopback names, its bind
 * address, its public base URL, or hosts the operator allowed), and a browser POST/DELETE must
 * come from the simulator's own origin (the hosted test-payment page posts to its own origin).
 */
import { isIP } from 'node:net';
import { invalidRequest, type StripeApiError } from './stripe-errors';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `Host`/URL host → lowercase hostname (IPv6 in brackets), or null when malformed. */
export function hostnameOf(host: string): string | null {
  try {
    const url = new URL(`http://${host}`);
    if (url.username || url.password || url.pathname !== '/' || url.search) return null;
    return url.hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** `Host` value → `host[:port]` as URL.host writes it (default port dropped), to compare with an Origin. */
function normalHost(host: string | undefined): string | null {
  if (host === undefined) return null;
  try {
    return new URL(`http://${host}`).host.toLowerCase();
  } catch {
    return null;
  }
}

/** `SIM_ALLOWED_HOSTS=pos.local,192.168.1.5` → hostnames; empty or unset → none. */
export function allowedHostsFromEnv(value: string | undefined): string[] {
  if (!value || value.trim() === '') return [];
  return value.split(',').map((h) => h.trim()).filter(Boolean);
}

function isLoopbackHostname(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  return isIP(hostname) === 4 && hostname.startsWith('127.');
}

/** Webhook URLs registered over HTTP must stay on this machine (no SSRF through the simulator). */
export function isLoopbackUrl(value: string): boolean {
  try {
    return isLoopbackHostname(new URL(value).hostname.toLowerCase());
  } catch {
    return false;
  }
}

export class SimRequestGuard {
  private readonly hostnames = new Set<string>();

  constructor(allowedHosts: string[]) {
    for (const host of [...LOOPBACK_NAMES, ...allowedHosts]) this.allow(host);
  }

  /** Adds a host name (or host:port, or IP) the simulator may be reached by. */
  allow(host: string): void {
    const hostname = hostnameOf(host);
    if (hostname === null) throw new Error(`stripe-sim: '${host}' is not a host name`);
    this.hostnames.add(hostname);
  }

  /** The refusal for this request, or null when it may go on. */
  refusal(method: string, headers: { host?: string; origin?: string; 'x-forwarded-host'?: string | string[] }): StripeApiError | null {
    const hostname = headers.host === undefined ? null : hostnameOf(headers.host);
    if (hostname === null || !(this.hostnames.has(hostname) || isLoopbackHostname(hostname)))
      return invalidRequest(
        'host_not_allowed',
        `stripe-sim does not answer to the host '${headers.host ?? ''}'. Use a loopback address, or add the name to SIM_ALLOWED_HOSTS (allowedHosts).`,
        undefined,
        403,
      );
    if (SAFE_METHODS.has(method) || headers.origin === undefined) return null;
    const own = [headers.host, ...[headers['x-forwarded-host'] ?? []].flat()].map(normalHost);
    let originHost: string | null = null;
    try {
      const origin = new URL(headers.origin);
      if (origin.protocol === 'http:' || origin.protocol === 'https:') originHost = origin.host.toLowerCase();
    } catch {
      originHost = null; // "null" or junk: a sandboxed or privacy-hiding page, never the simulator's own
    }
    if (originHost !== null && own.includes(originHost)) return null;
    return invalidRequest(
      'cross_origin_refused',
      `stripe-sim refuses ${method} requests from the web page at ${headers.origin}: only its own pages may change it.`,
      undefined,
      403,
    );
  }
}
