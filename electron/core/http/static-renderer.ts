// Serves the built renderer (dist/renderer/{cashier,customer}/index.html and assets/*) with the right
// content types, refusing anything that would leave the renderer directory. Not @fastify/static: the
// content types and path rules are the ones the desktop app's app:// protocol uses (renderer-files.ts,
// one place for both), and a till started before `npm run build:renderer` says so (503) per request.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contentTypeFor, safeSegments } from '../renderer-files';
import { sendHttpError } from './error-status';
import { routeFamilyOf } from './request-guards';

export { contentTypeFor, safeSegments };

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Chamra POS: screens not built</title></head>
<body><h1>The Chamra POS screens have not been built yet</h1>
<p>Run <code>npm run build:renderer</code> (or start browser mode with <code>npm run serve</code>, which builds them) and reload this page.</p>
</body></html>
`;

function redirect(reply: FastifyReply, location: string, query: string): FastifyReply {
  return reply.code(302).header('location', location + query).header('cache-control', 'no-cache').send();
}

function queryOf(url: string): string {
  const index = url.indexOf('?');
  return index === -1 ? '' : url.slice(index);
}

export function registerStaticRenderer(app: FastifyInstance, rendererDir: string): void {
  const root = path.resolve(rendererDir);

  app.get('/', (request, reply) => redirect(reply, '/cashier/', queryOf(request.url)));
  app.get('/cashier', (request, reply) => redirect(reply, '/cashier/', queryOf(request.url)));
  app.get('/customer', (request, reply) => redirect(reply, '/customer/', queryOf(request.url)));

  app.get('/*', async (request: FastifyRequest, reply: FastifyReply) => {
    const urlPath = request.url.split('?', 1)[0];
    if (routeFamilyOf(request) !== 'static') {
      return sendHttpError(request, reply, 404, { code: 'not_found', message: `Nothing at ${urlPath.slice(0, 100)}.` });
    }
    const segments = safeSegments(urlPath);
    if (!segments) return sendHttpError(request, reply, 403, { code: 'forbidden', message: 'That path is not allowed.' });

    let realRoot: string;
    try {
      realRoot = await realpath(root);
    } catch {
      return reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT_PAGE);
    }

    const wantsIndex = segments.length === 0 || segments[segments.length - 1] === '';
    const file = path.join(realRoot, ...segments.filter(Boolean), ...(wantsIndex ? ['index.html'] : []));
    let real: string;
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      real = await realpath(file);
      info = await stat(real);
    } catch {
      return sendHttpError(request, reply, 404, { code: 'not_found', message: `Nothing at ${urlPath.slice(0, 100)}.` });
    }
    if (!real.startsWith(realRoot + path.sep)) {
      return sendHttpError(request, reply, 403, { code: 'forbidden', message: 'That path is not allowed.' });
    }
    if (info.isDirectory()) return redirect(reply, `${urlPath}/`, queryOf(request.url));
    if (!info.isFile()) return sendHttpError(request, reply, 404, { code: 'not_found', message: `Nothing at ${urlPath.slice(0, 100)}.` });

    const etag = `W/"${info.size.toString(16)}-${Math.trunc(info.mtimeMs).toString(16)}"`;
    const hashedAsset = segments[0] === 'assets';
    reply
      .type(contentTypeFor(real))
      .header('etag', etag)
      .header('cache-control', hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.header('content-length', info.size).send(createReadStream(real));
  });
}
