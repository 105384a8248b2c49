// GET /api/pos/events: the contract's events as server-sent events (`event: <type>`, `data: <JSON>`),
// with a heartbeat comment so proxies and sleeping tablets notice a dead link. What a stream carries
// follows the caller's access, checked again for every event: a signed-in session on the till gets
// every event; any customer display (the till's own without a session, or a paired display off the
// till) only the customer feed — sale.updated as the customer display sees it; an unpaired device
// off the till nothing (401). Unpairing a display ends its stream at once. Streams are capped per
// client, per address and in all, so nobody can hold every connection open.
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { PosEvent } from '../../../shared/pos-contract';
import type { CallContext, PosCore } from '../pos-core-types';
import { UNPAIRED_MESSAGE } from '../displays/display-pairing';
import { clientKeyOf } from './client-cookie';
import { customerViewOfEvent } from './customer-feed';
import { sendHttpError } from './error-status';
import { callerAddressOf, EVENTS_PATH, isOffTill } from './request-guards';

export const HEARTBEAT_INTERVAL_MS = 15_000;
export const CLIENT_RETRY_MS = 2_000;
/** A client that stops reading is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Open streams one client (cookie) may hold: a screen needs one, a reload briefly two. */
export const MAX_STREAMS_PER_CLIENT = 4;
/** Open streams one address may hold (every caller on the till's machine shares one). */
export const MAX_STREAMS_PER_ADDRESS = 20;
export const MAX_STREAMS = 100;

export function formatServerSentEvent(event: PosEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/** Whether this caller has a signed-in session on the till (a session off the till counts for nothing). */
export async function isSignedInOnTill(core: PosCore, context: CallContext): Promise<boolean> {
  if (context.offTill) return false;
  const status = await core.dispatch('auth.status', {}, context);
  return status.ok && (status.value as { user: unknown }).user !== null;
}

interface OpenStream {
  clientKey: string | undefined;
  address: string;
  offTill: boolean;
}

export function registerPosEventStream(app: FastifyInstance, core: PosCore): void {
  const open = new Map<ServerResponse, OpenStream>();
  const stopWatchingUnpairs = core.displays.onUnpaired(() => {
    for (const [res, stream] of open) if (stream.offTill && !core.displays.isPaired(stream.clientKey)) res.end();
  });
  const count = (predicate: (stream: OpenStream) => boolean) => [...open.values()].filter(predicate).length;

  app.get(EVENTS_PATH, async (request, reply) => {
    const offTill = isOffTill(request);
    const clientKey = clientKeyOf(request);
    const address = callerAddressOf(request);
    const context: CallContext = { transport: 'http', clientKey, clientAddress: address, offTill };
    if (offTill && !core.displays.isPaired(clientKey)) {
      return sendHttpError(request, reply, 401, { code: 'unauthorized', message: UNPAIRED_MESSAGE });
    }
    if (open.size >= MAX_STREAMS || count((s) => s.address === address) >= MAX_STREAMS_PER_ADDRESS || count((s) => s.clientKey === clientKey) >= MAX_STREAMS_PER_CLIENT) {
      reply.header('retry-after', String(Math.ceil(CLIENT_RETRY_MS / 1000)));
      return sendHttpError(request, reply, 429, { code: 'rate_limited', message: 'Too many open event streams from this client; close another screen first.' });
    }
    reply.hijack();
    const res = reply.raw;
    // The security headers set on this response so far (helmet's) go out with it.
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    if (request.method === 'HEAD') {
      res.end();
      return;
    }

    const write = (chunk: string) => {
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        res.destroy();
        return;
      }
      res.write(chunk);
    };
    // Events go out in order; each is shaped by the caller's access at the time it happens (a
    // session that signs out gets the customer feed from then on).
    let sending: Promise<void> = Promise.resolve();
    const unsubscribe = core.subscribe((event) => {
      sending = sending.then(async () => {
        const shown = (await isSignedInOnTill(core, context)) ? event : customerViewOfEvent(event);
        if (shown && !res.writableEnded) write(formatServerSentEvent(shown));
      }).catch(() => undefined);
    });
    const heartbeat = setInterval(() => write(': heartbeat\n\n'), HEARTBEAT_INTERVAL_MS);
    heartbeat.unref();
    open.set(res, { clientKey, address, offTill });
    // Subscribed before this first write, so a client that has read it misses no event.
    write(`retry: ${CLIENT_RETRY_MS}\n: connected\n\n`);

    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
    };
    res.on('close', stop);
    request.raw.on('error', stop);
  });

  // Streams never end by themselves; end them so closing the server does not wait on them.
  app.addHook('preClose', async () => {
    stopWatchingUnpairs();
    for (const res of open.keys()) res.end();
    open.clear();
  });
}
