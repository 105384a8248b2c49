// Headers on every response. The Content-Security-Policy is the renderer's; pages the demo
// simulator serves under /_sim keep their own.
import type { FastifyInstance } from 'fastify';
import { RENDERER_CSP } from '../renderer-files';
import { routeFamily } from './request-guards';

export const CONTENT_SECURITY_POLICY = RENDERER_CSP;

/** The headers for a response to `path` (also written by hand on hijacked responses such as SSE). */
export function securityHeadersFor(path: string): Record<string, string> {
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  if (routeFamily(path) !== 'sim') headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
  return headers;
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const path = request.url.split('?', 1)[0];
    for (const [name, value] of Object.entries(securityHeadersFor(path))) reply.header(name, value);
    return payload;
  });
}
