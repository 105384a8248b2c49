// The path every guard and error decides on: the pattern of the route the router matched (it has
// already percent-decoded the URL), or for unmatched requests and the static catch-all the decoded
// path itself. Never the raw URL: `/p%61yments/x` is `/payments/:id` here too.
import type { FastifyRequest } from 'fastify';

/** The request path percent-decoded as the router decodes it (the raw path when it cannot be decoded). */
export function decodedPathOf(request: FastifyRequest): string {
  const url = request.url;
  const query = url.indexOf('?');
  const raw = query === -1 ? url : url.slice(0, query);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function matchedPathOf(request: FastifyRequest): string {
  const route = request.routeOptions.url;
  return route !== undefined && route !== '/*' ? route : decodedPathOf(request);
}
