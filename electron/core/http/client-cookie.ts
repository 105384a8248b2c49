// Every browser client gets an unguessable id in an HttpOnly, SameSite=Strict cookie (@fastify/cookie
// reads and writes it). Sign-in sessions are bound to the client key behind it (the renderer never
// sees or stores a token); another client — another browser, a tablet — has another id and so
// another session. Only ids this server issued are honoured (or those of paired displays, which
// outlive a restart): a planted id gets a fresh cookie instead. Signing in or raising a session moves
// the client key to a new id, so an id someone fixed beforehand never rides the session.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DisplaysFacade } from '../pos-core-types';

export const CLIENT_COOKIE = 'pos_client';
/** Today's ids (random part and MAC) and those issued before them (43 random characters). */
const CLIENT_ID = /^(?:[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]{22}|[A-Za-z0-9_-]{43})$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** The client key of the pos_client cookie (a new client's when it had none or an unknown one). */
    posClientKey: string;
    /** The cookie id behind posClientKey. */
    posClientId: string;
    /** Whether the request came with an id this server issued (a new client's requests share a bucket). */
    posClientKnown: boolean;
  }
}

/**
 * Cookie ids this server issued. An id carries a MAC under a secret of this run, so issuing costs no
 * memory; only rotated ids are remembered (one per sign-in or elevation: each needs a right PIN).
 */
export class ClientIds {
  private readonly secret = randomBytes(32);
  /** A rotated-to id → the client key it took over. */
  private readonly moved = new Map<string, string>();
  /** Ids rotated away from: never honoured again (while this run lasts; a restart ends every session). */
  private readonly retired = new Set<string>();

  constructor(private readonly isPairedDisplay: (clientKey: string) => boolean = () => false) {}

  private mac(random: string): string {
    return createHmac('sha256', this.secret).update(random, 'utf8').digest('base64url').slice(0, 22);
  }

  private carriesOurMac(id: string): boolean {
    const dot = id.indexOf('.');
    if (dot !== 32) return false;
    const expected = Buffer.from(this.mac(id.slice(0, dot)), 'utf8');
    const presented = Buffer.from(id.slice(dot + 1), 'utf8');
    return expected.length === presented.length && timingSafeEqual(expected, presented);
  }

  /** A new id for a new client; its key is derived from it (what paired displays are stored by). */
  issue(): { id: string; key: string } {
    const random = randomBytes(24).toString('base64url');
    const id = `${random}.${this.mac(random)}`;
    return { id, key: `http:${id}` };
  }

  /** Whether this id was rotated away from (it stands for nothing now). */
  isRetired(id: string | undefined): boolean {
    return id !== undefined && this.retired.has(id);
  }

  /** The key a presented id stands for, or null when this server never issued it (or retired it). */
  resolve(id: string | undefined): string | null {
    if (!id || !CLIENT_ID.test(id) || this.retired.has(id)) return null;
    const moved = this.moved.get(id);
    if (moved !== undefined) return moved;
    if (this.carriesOurMac(id)) return `http:${id}`;
    // Issued before a restart (or before ids carried a MAC) and then paired: the ledger remembers it.
    const derived = `http:${id}`;
    return this.isPairedDisplay(derived) ? derived : null;
  }

  /** Moves the client key behind `id` to a new id; `id` is honoured no more. */
  rotate(id: string): { id: string; key: string } | null {
    const key = this.resolve(id);
    if (key === null) return null;
    this.moved.delete(id);
    this.retired.add(id);
    const next = this.issue();
    this.moved.set(next.id, key);
    return { id: next.id, key };
  }
}

function setClientCookie(reply: FastifyReply, id: string): void {
  reply.setCookie(CLIENT_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'strict' });
}

/** Must be awaited before routes are added (the cookie parser runs before the client lookup). */
export async function registerClientCookie(app: FastifyInstance, displays: Pick<DisplaysFacade, 'isPaired'>): Promise<ClientIds> {
  const clients = new ClientIds((key) => displays.isPaired(key));
  await app.register(fastifyCookie);
  app.decorateRequest('posClientKey', '');
  app.decorateRequest('posClientId', '');
  app.decorateRequest('posClientKnown', false);
  app.addHook('onRequest', async (request, reply) => {
    const presented = request.cookies[CLIENT_COOKIE];
    const key = clients.resolve(presented);
    if (key !== null && presented !== undefined) {
      request.posClientKey = key;
      request.posClientId = presented;
      request.posClientKnown = true;
      return;
    }
    const issued = clients.issue();
    // A request sent with the id just rotated away from (in flight while its client signed in) gets
    // no session and no cookie: a new cookie would overwrite the rotated one in that browser.
    if (!clients.isRetired(presented)) setClientCookie(reply, issued.id);
    request.posClientKey = issued.key;
    request.posClientId = issued.id;
    request.posClientKnown = false;
  });
  return clients;
}

/** Gives the calling client a new cookie id for the same client key (at sign-in and elevation). */
export function rotateClientCookie(clients: ClientIds, request: FastifyRequest, reply: FastifyReply): void {
  const rotated = clients.rotate(request.posClientId);
  if (!rotated) return;
  request.posClientId = rotated.id;
  setClientCookie(reply, rotated.id);
}

export function clientKeyOf(request: FastifyRequest): string | undefined {
  return request.posClientKey || undefined;
}
