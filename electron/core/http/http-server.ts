// The local HTTP server: the PosApi transport for browser mode (/api/pos), the integration REST API
// (/payments), the report API (/reports), the Stripe webhook, demo-mode forwarding to the simulator
// (/_sim) and the built screens (everything else). The desktop app, whose screens use IPC, turns the
// operator surface off (`operatorApi: false`): then only /payments, /reports and the webhook exist.
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { PosCore } from '../pos-core-types';
import { registerClientCookie } from './client-cookie';
import { sendHttpError } from './error-status';
import { registerExportDownload } from './export-download';
import { registerIntegrationApi } from './integration-api';
import { registerPosEventStream } from './pos-event-stream';
import { registerPosHttpTransport } from './pos-http-transport';
import { registerReportApi } from './report-api';
import { useRawBodies } from './raw-body-scope';
import { registerWebhookRoute } from './webhook-route';
import { BODY_LIMIT_BYTES, DEFAULT_RATE_LIMIT, registerRequestGuards, routeFamily, type RateLimitOptions } from './request-guards';
import { registerSecurityHeaders } from './security-headers';
import { registerSimulatorForwarding } from './simulator-forwarding';
import { registerStaticRenderer } from './static-renderer';

export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The built renderer (dist/renderer); null serves no screens. */
  rendererDir?: string | null;
  /** POS_API_TOKEN; without it the integration REST API answers 503. */
  apiToken?: string | null;
  logger?: boolean;
  /** Per-client limit on /api, /payments and /reports; false turns it off. Defaults to 20 req/s, burst 40. */
  rateLimit?: RateLimitOptions | false;
  /**
   * The operator surface of browser mode: the PosApi transport (/api/pos), its event stream, export
   * downloads, the screens and the demo simulator (/_sim). Default true (browser mode). The desktop
   * app passes false, since its screens talk IPC: then only the integration REST API (/payments),
   * the report API (/reports) and POST /payments/webhook are served, and nothing on this port can
   * sign in, charge from the till or read the live feed.
   */
  operatorApi?: boolean;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** Fastify's own errors (malformed JSON, body too large, wrong content type) as clear API errors. */
function registerErrorHandling(app: FastifyInstance, operatorApi: boolean): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return sendHttpError(request, reply, 413, { code: 'invalid_input', message: `The request body is larger than ${BODY_LIMIT_BYTES / 1024} KiB.` });
    }
    if (status === 415) {
      return sendHttpError(request, reply, 415, { code: 'invalid_input', message: 'Send the body as JSON (Content-Type: application/json).' });
    }
    if (status >= 400 && status < 500) {
      const message = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError ? 'The body is not valid JSON.' : error.message;
      return sendHttpError(request, reply, status, { code: 'invalid_input', message });
    }
    request.log.error({ err: error }, 'request failed');
    return sendHttpError(request, reply, 500, { code: 'internal', message: 'Something went wrong on the till; try again.' });
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?', 1)[0];
    const family = routeFamily(path);
    const message = !operatorApi && (family === 'pos' || family === 'sim' || family === 'static')
      ? 'This port serves only the integration API (/payments), reports (/reports) and the Stripe webhook; the till itself runs in the desktop app.'
      : family === 'sim' ? 'The payment simulator only runs in demo mode.' : `Nothing at ${request.method} ${path.slice(0, 100)}.`;
    return sendHttpError(request, reply, 404, { code: 'not_found', message });
  });
}

/**
 * Connections that never sent a request (browsers and fetch open spare ones) are neither busy nor
 * idle to Node, so closing would wait for its header timeout; they are tracked to be dropped.
 */
function trackUnusedConnections(server: Server): Set<Socket> {
  const unused = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  server.on('request', (request: IncomingMessage) => unused.delete(request.socket));
  return unused;
}

const CLOSE_GRACE_MS = 5_000;

/** Stops accepting, ends event streams, lets requests in flight finish (up to a grace period). */
async function closeServer(app: FastifyInstance, unused: Set<Socket>): Promise<void> {
  const closing = app.close();
  const dropUnused = () => {
    for (const socket of unused) socket.destroy();
  };
  dropUnused();
  const sweep = setInterval(dropUnused, 50);
  const force = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
  try {
    await closing;
  } finally {
    clearInterval(sweep);
    clearTimeout(force);
  }
}

export async function startHttpServer(core: PosCore, options: HttpServerOptions): Promise<RunningHttpServer> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: BODY_LIMIT_BYTES, return503OnClosing: true });
  let port = options.port;

  // JSON only: plain text is a "simple" cross-site request type, so it gets 415 instead of a parse.
  app.removeContentTypeParser('text/plain');
  const operatorApi = options.operatorApi ?? true;
  registerErrorHandling(app, operatorApi);
  registerSecurityHeaders(app);
  registerRequestGuards(app, { bindHost: options.host, port: () => port, rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT });

  if (operatorApi) {
    registerClientCookie(app);
    registerPosHttpTransport(app, core);
    registerExportDownload(app, core);
    registerPosEventStream(app, core);
  }
  registerReportApi(app, core, options.apiToken ?? null);
  registerIntegrationApi(app, core, options.apiToken ?? null);
  app.register(async (raw) => {
    useRawBodies(raw);
    // Routes that verify a signature over the exact bytes received; request.body is a Buffer.
    registerWebhookRoute(raw, core);
  });
  if (operatorApi && core.simulatorUrl) registerSimulatorForwarding(app, core.simulatorUrl);
  if (operatorApi && options.rendererDir) registerStaticRenderer(app, options.rendererDir);

  const unused = trackUnusedConnections(app.server);
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = app.server.address();
  if (address && typeof address === 'object') port = address.port;

  return {
    url: `http://${urlHost(options.host)}:${port}`,
    port,
    close: () => closeServer(app, unused),
  };
}
