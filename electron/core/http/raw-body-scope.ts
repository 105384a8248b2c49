// A plugin scope whose routes receive the request body as the exact bytes sent (a Buffer), whatever
// its content type, within the server's body limit. Signature checks need this: Stripe signs the raw
// body, and re-serialised JSON would not verify.
import type { FastifyInstance } from 'fastify';

export function useRawBodies(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
}
