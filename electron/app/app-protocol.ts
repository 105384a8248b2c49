// Serves the built renderer (dist/renderer) on app://pos/. Every response carries the strict CSP;
// anything that would resolve outside the renderer root is refused, whatever its encoding.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { protocol, type CustomScheme } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-url';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

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
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // Backslashes are separators on Windows and NUL truncates paths in native code: refuse both outright.
  if (relative.includes('\0') || relative.includes('\\')) return null;
  if (relative.split('/').includes('..')) return null;
  if (relative.endsWith('/')) relative += 'index.html';
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
