// Serves the built renderer (dist/renderer) on app://pos/. Every response carries the strict CSP;
// anything that would resolve outside the renderer root is refused, whatever its encoding.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { protocol, type CustomScheme } from 'electron';
import { contentTypeFor, RENDERER_CSP, safeSegments } from '../core/renderer-files';
import { APP_HOST, APP_SCHEME } from './app-url';

export const CONTENT_SECURITY_POLICY = RENDERER_CSP;
export const mimeTypeFor = contentTypeFor;

/** Must run before app 'ready': standard + secure gives the scheme a real origin and a secure context. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

function respond(status: number, body: string | Uint8Array | null, contentType = 'text/plain; charset=utf-8'): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}

/**
 * Maps a request URL to a file under `rootDir`, or null when it must not be served. Works on the raw
 * URL text too, because encoded separators (`..%2f`) survive URL parsing and only appear on decoding.
 */
export function resolveRendererFile(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  const segments = safeSegments(url.pathname);
  if (segments === null) return null;
  const relative = `/${segments.join('/')}${url.pathname.endsWith('/') ? 'index.html' : ''}`;
  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, `.${relative}`);
  if (!resolved.startsWith(root + path.sep)) return null;
  return resolved;
}

export type ProtocolRequest = Pick<Request, 'url' | 'method'>;

export function createRendererRequestHandler(rootDir: string): (request: ProtocolRequest) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method not allowed');
    const filePath = resolveRendererFile(rootDir, request.url);
    if (filePath === null) return respond(403, 'Forbidden');
    try {
      const info = await stat(filePath);
      if (!info.isFile()) return respond(404, 'Not found');
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(filePath));
      return respond(200, body, mimeTypeFor(filePath));
    } catch {
      return respond(404, 'Not found');
    }
  };
}

/** After app 'ready': serve the renderer on app://pos/. */
export function handleAppProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, createRendererRequestHandler(rootDir));
}
