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
import { registerZReportDownload } from './z-report-download';
import { registerIntegrationApi } from './integration-api';
import { registerPosEventStream } from './pos-event-stream';
import { registerPosHttpTransport } from './pos-http-transport';
import { registerReportApi } from './report-api';
import { useRawBodies } from './raw-body-scope';
import { registerWebhookRoute } from './webhook-route';
import { WrongTokenLimiter } from './bearer-token';
import { RateLimitedError, registerRateLimits, type RateLimits } from './rate-limits';
import { BODY_LIMIT_BYTES, registerRequestGuards, routeFamilyOf } from './request-guards';
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
  /** Per-family, per-client rate limits over DEFAULT_RATE_LIMITS; false turns them off (tests). */
  rateLimit?: Partial<RateLimits> | false;
  /**
   * The operator surface of browser mode: the PosApi transport (/api/pos), its event stream, export
   * downloads, the screens and the demo simulator (/_sim). Default true (browser mode). The desktop
   * app passes false, since its screens talk IPC: then only the integration REST API (/payments),
   * the report API (/reports) and POST /payments/webhook are served, and nothing on this port can
   * sign in, charge from the till or read the live feed.
   */
  operatorApi?: boolean;
  /** Timeouts and limits over SERVER_LIMITS (tests shorten them). */
  limits?: Partial<ServerLimits>;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  /** Fastify's in-process request injection (no socket; caller 127.0.0.1): for tests and fuzzing. */
  inject: FastifyInstance['inject'];
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
    if (error instanceof RateLimitedError) {
      return sendHttpError(request, reply, 429, { code: 'rate_limited', message: error.message, details: { retryAfterMs: error.retryAfterMs } });
    }
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
    const family = routeFamilyOf(request);
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

/**
 * Timeouts and limits: a client that trickles its headers or body (slowloris), or holds idle
 * connections, is cut off; the till's own calls to Stripe keep their file descriptors.
 */
export interface ServerLimits {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  connectionTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxRequestsPerSocket: number;
  maxHeaderSizeBytes: number;
  maxConnections: number;
  maxParamLength: number;
  /** How often Node checks the request and header timeouts. */
  timeoutCheckIntervalMs: number;
}

export const SERVER_LIMITS: ServerLimits = {
  /** The whole request (headers and body) must arrive within this. */
  requestTimeoutMs: 15_000,
  /** The headers must arrive within this. */
  headersTimeoutMs: 10_000,
  /** A socket with no traffic at all is closed (event streams send a heartbeat every 15 s). */
  connectionTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  maxRequestsPerSocket: 1_000,
  maxHeaderSizeBytes: 16 * 1024,
  maxConnections: 256,
  maxParamLength: 200,
  timeoutCheckIntervalMs: 1_000,
};

/** JSON bodies, where an empty body (as ordinary clients send on a bodiless POST) means "no body". */
function acceptEmptyJson(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, text, done);
  });
}

export async function startHttpServer(core: PosCore, options: HttpServerOptions): Promise<RunningHttpServer> {
  const limits: ServerLimits = { ...SERVER_LIMITS, ...options.limits };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.connectionTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    maxRequestsPerSocket: limits.maxRequestsPerSocket,
    routerOptions: { maxParamLength: limits.maxParamLength },
    http: {
      maxHeaderSize: limits.maxHeaderSizeBytes,
      headersTimeout: limits.headersTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
    },
  });
  app.server.maxConnections = limits.maxConnections;
  let port = options.port;

  // JSON only: plain text is a "simple" cross-site request type, so it gets 415 instead of a parse.
  app.removeContentTypeParser('text/plain');
  acceptEmptyJson(app);
  const operatorApi = options.operatorApi ?? true;
  registerErrorHandling(app, operatorApi);
  // Order matters: headers first (so every refusal carries them), then the guards, the client cookie
  // and the rate limits (which key on the cookie), then the routes.
  await registerSecurityHeaders(app);
  registerRequestGuards(app, { bindHost: options.host, port: () => port });
  const clients = operatorApi ? await registerClientCookie(app, core.displays) : null;
  await registerRateLimits(app, options.rateLimit ?? {});

  if (clients) {
    registerPosHttpTransport(app, core, clients);
    registerExportDownload(app, core);
    registerZReportDownload(app, core);
    registerPosEventStream(app, core);
  }
  const wrongTokens = new WrongTokenLimiter();
  registerReportApi(app, core, options.apiToken ?? null, wrongTokens);
  registerIntegrationApi(app, core, options.apiToken ?? null, wrongTokens);
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
    inject: app.inject.bind(app) as FastifyInstance['inject'],
    close: () => closeServer(app, unused),
  };
}
