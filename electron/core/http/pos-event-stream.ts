// GET /api/pos/events: the contract's events as server-sent events (`event: <type>`, `data: <JSON>`),
// with a heartbeat comment so proxies and sleeping tablets notice a dead link. A device off the till
// (a LAN customer display) gets only the customer feed — sale.updated, as the customer display sees
// it — and only once it is a paired display; unpairing it ends its stream at once.
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { PosEvent } from '../../../shared/pos-contract';
import type { PosCore } from '../pos-core-types';
import { UNPAIRED_MESSAGE } from '../displays/display-pairing';
import { clientKeyOf } from './client-cookie';
import { customerViewOfEvent } from './customer-feed';
import { sendHttpError } from './error-status';
import { isOffTill } from './request-guards';
import { securityHeadersFor } from './security-headers';

export const HEARTBEAT_INTERVAL_MS = 15_000;
export const CLIENT_RETRY_MS = 2_000;
/** A client that stops reading is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export function formatServerSentEvent(event: PosEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

export function registerPosEventStream(app: FastifyInstance, core: PosCore): void {
  const open = new Set<ServerResponse>();
  /** Streams of displays off the till, by client key: each must stay a paired display. */
  const displayStreams = new Map<ServerResponse, string | undefined>();
  const stopWatchingUnpairs = core.displays.onUnpaired(() => {
    for (const [res, clientKey] of displayStreams) if (!core.displays.isPaired(clientKey)) res.end();
  });

  app.get('/api/pos/events', (request, reply) => {
    const offTill = isOffTill(request);
    const clientKey = clientKeyOf(request);
    if (offTill && !core.displays.isPaired(clientKey)) {
      return sendHttpError(request, reply, 401, { code: 'unauthorized', message: UNPAIRED_MESSAGE });
    }
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...securityHeadersFor('/api/pos/events'),
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
    const view = offTill ? customerViewOfEvent : (event: PosEvent) => event;
    const unsubscribe = core.subscribe((event) => {
      const shown = view(event);
      if (shown) write(formatServerSentEvent(shown));
    });
    const heartbeat = setInterval(() => write(': heartbeat\n\n'), HEARTBEAT_INTERVAL_MS);
    heartbeat.unref();
    open.add(res);
    if (offTill) displayStreams.set(res, clientKey);
    // Subscribed before this first write, so a client that has read it misses no event.
    write(`retry: ${CLIENT_RETRY_MS}\n: connected\n\n`);

    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
      displayStreams.delete(res);
    };
    res.on('close', stop);
    request.raw.on('error', stop);
  });

  // Streams never end by themselves; end them so closing the server does not wait on them.
  app.addHook('preClose', async () => {
    stopWatchingUnpairs();
    for (const res of open) res.end();
    open.clear();
    displayStreams.clear();
  });
}
