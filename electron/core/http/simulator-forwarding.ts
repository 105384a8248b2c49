// Demo mode: /_sim/* is forwarded to the embedded Stripe simulator (its hosted test-payment page, QR
// images and the succeed/fail/expire controls), so one origin serves the till and the demo.
import http, { type IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { sendHttpError } from './error-status';
import { useRawBodies } from './raw-body-scope';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);
const UPSTREAM_TIMEOUT_MS = 30_000;

function endToEndHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

/** Refuses dot segments (plain or percent-encoded) that would reach the simulator's Stripe API itself. */
export function staysUnderSim(url: string): boolean {
  const path = url.split('?', 1)[0];
  if (!path.startsWith('/_sim/') || path.includes('\\')) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false;
  }
  return !decoded.split(/[/\\]/).some((segment) => segment === '.' || segment === '..');
}

export function registerSimulatorForwarding(app: FastifyInstance, simulatorUrl: string): void {
  const upstream = new URL(simulatorUrl);

  app.register(async (sim) => {
    useRawBodies(sim); // bodies go through untouched, whatever their type

    // The simulator's pages carry their own Content-Security-Policy: the renderer's would break them.
    sim.all('/_sim/*', { helmet: { contentSecurityPolicy: false } }, (request, reply) => {
      if (!staysUnderSim(request.url)) {
        return sendHttpError(request, reply, 400, { code: 'invalid_input', message: 'Malformed simulator path.' });
      }
      const body = Buffer.isBuffer(request.body) ? request.body : null;
      const headers = endToEndHeaders(request.headers);
      headers.host = upstream.host;
      headers['x-forwarded-host'] = request.headers.host ?? '';
      headers['x-forwarded-proto'] = 'http';
      headers['x-forwarded-for'] = request.ip;
      if (body) headers['content-length'] = String(body.length);

      const forwarded = http.request(
        { protocol: upstream.protocol, hostname: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers, timeout: UPSTREAM_TIMEOUT_MS },
        (response) => {
          const responseHeaders = endToEndHeaders(response.headers);
          if (response.headers['content-length'] !== undefined) responseHeaders['content-length'] = response.headers['content-length'];
          reply.code(response.statusCode ?? 502).headers(responseHeaders).send(response);
        },
      );
      forwarded.on('timeout', () => forwarded.destroy(new Error('the demo simulator did not answer in time')));
      forwarded.on('error', (error) => {
        if (reply.sent) return;
        request.log.warn({ err: error }, 'demo simulator unreachable');
        sendHttpError(request, reply, 502, { code: 'internal', message: 'The demo payment simulator is not answering; restart Chamra POS.' });
      });
      forwarded.end(body ?? undefined);
      return reply;
    });
  });
}
