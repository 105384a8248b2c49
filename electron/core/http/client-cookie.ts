// Every browser client gets an unguessable id in an HttpOnly, SameSite=Strict cookie. Sign-in
// sessions are bound to it (the renderer never sees or stores a token); another client — another
// browser, a tablet — has another id and so another session.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const CLIENT_COOKIE = 'pos_client';
const CLIENT_ID = /^[A-Za-z0-9_-]{43}$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** `http:<id>` from the pos_client cookie (set on this response when the client had none). */
    posClientKey: string;
  }
}

export function readClientId(cookieHeader: string | undefined): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CLIENT_COOKIE) {
      const id = value.join('=');
      return CLIENT_ID.test(id) ? id : null;
    }
  }
  return null;
}

export function registerClientCookie(app: FastifyInstance): void {
  app.decorateRequest('posClientKey', '');
  app.addHook('onRequest', async (request, reply) => {
    let id = readClientId(request.headers.cookie);
    if (!id) {
      id = randomBytes(32).toString('base64url');
      reply.header('set-cookie', `${CLIENT_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict`);
    }
    request.posClientKey = `http:${id}`;
  });
}

export function clientKeyOf(request: FastifyRequest): string | undefined {
  return request.posClientKey || undefined;
}
