// Headers on every response, by @fastify/helmet: the renderer's Content-Security-Policy (exactly the
// directives of RENDERER_CSP) and helmet's other defaults. Pages the demo simulator serves under
// /_sim keep their own policy (their routes opt out). No HSTS: this server speaks plain http on the
// till (a TLS proxy in front of the webhook sets its own).
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { RENDERER_CSP } from '../renderer-files';

export const CONTENT_SECURITY_POLICY = RENDERER_CSP;

/** "default-src 'self'; img-src 'self' data:" → { 'default-src': ["'self'"], 'img-src': ["'self'", 'data:'] } */
export function cspDirectives(policy: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives[name] = values;
  }
  return directives;
}

/** Must be awaited before routes are added, so refusals by the guards carry the headers too. */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(CONTENT_SECURITY_POLICY) },
    strictTransportSecurity: false,
    // The screens load nothing cross-origin; the till's own pages and its QR images are same-origin.
    crossOriginEmbedderPolicy: false,
  });
}
