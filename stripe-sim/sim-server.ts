import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { accountControlSchema, accountObject, type SimAccountConfig } from './account';
import { ApiKeys, type RestrictedKeyConfig } from './api-keys';
import { BalanceTransactionService } from './balance-transactions';
import { ChargeService } from './charges';
import { EventLog } from './events';
import { FAULT_KINDS, FaultQueue, type FaultKind } from './faults';
import { feeScheduleFromBody, feeScheduleJson, type FeeSchedule } from './fees';
import { FormBodyError, parseStripeForm, type FormObject } from './form-body';
import { renderInstructionsPage, renderNotFoundPage, renderPayPage } from './hosted-pay-page';
import { newRequestId } from './ids';
import { IdempotencyLayer } from './idempotency';
import { PaymentIntentService } from './payment-intents';
import { renderQrPng, renderQrSvg } from './qr-images';
import { RefundService } from './refunds';
import { AccountRateLimiter, checkRateLimit, type RateLimitSnapshot } from './rate-limit';
import { RequestStats } from './request-stats';
import { isLoopbackUrl, SimRequestGuard } from './request-guards';
import { SimStore } from './sim-state';
import { invalidRequest, StripeApiError, stripeErrors } from './stripe-errors';
import { STRIPE_API_VERSION, type RequestContext } from './stripe-objects';
import { WebhookDispatcher } from './webhook-delivery';
import { WebhookEndpoints, type EventPayloadStyle, type WebhookEndpointConfig } from './webhook-endpoints';
import { WebhookFaults, type WebhookFaultSettings } from './webhook-faults';

export interface SimServerConfig {
  stateFile: string | null;
  qrFormat: 'url' | 'emv';
  logger: boolean;
  nowMs: () => number;
  webhooks: WebhookEndpointConfig[];
  webhookRetryDelaysMs: number[];
  webhookTimeoutMs: number;
  /** Requests per second for the whole account (all keys, all tills); 0 = off. */
  rateLimit: number;
  account: Required<SimAccountConfig>;
  restrictedKeys: RestrictedKeyConfig[];
  /** Host names besides loopback the simulator answers to (its bind address, LAN names). */
  allowedHosts: string[];
  /** Stripe's fee for new charges; null keeps the state file's (else the default). */
  fees: FeeSchedule | null;
  /** Days a charge's net stays pending before it is available. */
  settlementDelayDays: number;
}

export interface SimServer {
  app: FastifyInstance;
  store: SimStore;
  events: EventLog;
  paymentIntents: PaymentIntentService;
  refunds: RefundService;
  charges: ChargeService;
  balanceTransactions: BalanceTransactionService;
  faults: FaultQueue;
  stats: RequestStats;
  rateLimiter: AccountRateLimiter;
  apiKeys: ApiKeys;
  /** Request counts per endpoint, their total, and how many were answered 429. */
  statsSnapshot(): { requests: Record<string, number>; total: number; throttled: number };
  resetStats(): void;
  webhookEndpoints: WebhookEndpoints;
  webhookFaults: WebhookFaults;
  webhookDispatcher: WebhookDispatcher;
  /** Stops webhook timers and deliveries, then the HTTP server. */
  close(): Promise<void>;
  /** Must be called once the listening address is known (port 0 → real port). */
  setBaseUrl(url: string): void;
}

const CREATE_ENDPOINT = 'POST /v1/payment_intents';

/** Requests whose socket must be destroyed after the create has been processed. */
const dropAfterProcessing = new WeakSet<FastifyRequest>();
/** POSTs with an Idempotency-Key that the http500 fault fails inside the idempotency layer (so the 500 is stored). */
const failWithStored500 = new WeakSet<FastifyRequest>();

function queryOf(request: FastifyRequest): FormObject {
  const index = request.url.indexOf('?');
  return index < 0 ? {} : parseStripeForm(request.url.slice(index + 1));
}

function bodyOf(request: FastifyRequest): FormObject {
  const body = request.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as FormObject) : {};
}

function dropSocket(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.hijack();
  request.raw.socket.destroy();
  return reply;
}

function jsonBody(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw invalidRequest(undefined, 'Send a JSON object body.', undefined);
  return body as Record<string, unknown>;
}

function assertJsonKeys(body: Record<string, unknown>, allowed: string[]): void {
  const unknown = Object.keys(body).find((k) => !allowed.includes(k));
  if (unknown) throw stripeErrors.parameterUnknown(unknown);
}

/** Over HTTP only loopback webhook URLs (no SSRF); the operator may set any URL in code or SIM_WEBHOOK_URL. */
function assertLoopbackWebhookUrl(url: unknown): void {
  if (typeof url === 'string' && !isLoopbackUrl(url))
    throw invalidRequest(
      'url_invalid',
      'Webhook endpoints registered through /_sim must be on this machine (localhost, 127.0.0.1 or [::1]); set others with SIM_WEBHOOK_URL or in code.',
      'url',
    );
}

function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalidRequest(undefined, `${key} must be true or false.`, key);
  return value;
}

export function buildSimServer(config: SimServerConfig): SimServer {
  const nowSeconds = () => Math.floor(config.nowMs() / 1000);
  let baseUrl = 'http://127.0.0.1';
  const store = new SimStore(config.stateFile);
  const events = new EventLog(store, nowSeconds);
  const balanceTransactions = new BalanceTransactionService(store, { nowSeconds, settlementDelayDays: config.settlementDelayDays });
  if (config.fees) balanceTransactions.setFees(config.fees);
  const charges = new ChargeService(store, balanceTransactions);
  const paymentIntents = new PaymentIntentService(
    store,
    events,
    { baseUrl: () => baseUrl, qrFormat: config.qrFormat, nowSeconds },
    charges,
  );
  const refunds = new RefundService(store, events, nowSeconds, balanceTransactions, charges);
  const idempotency = new IdempotencyLayer(store, nowSeconds);
  const faults = new FaultQueue();
  const stats = new RequestStats();
  const guard = new SimRequestGuard(config.allowedHosts);
  const apiKeys = new ApiKeys(config.account.id);
  for (const restricted of config.restrictedKeys) apiKeys.addRestricted(restricted);
  const accountCreated = nowSeconds();
  let account = accountObject(config.account, accountCreated);
  const rateLimiter = new AccountRateLimiter(checkRateLimit(config.rateLimit, 'rateLimit'), config.nowMs);
  const statsSnapshot = () => ({ ...stats.snapshot(), throttled: rateLimiter.snapshot().throttled });
  const resetStats = () => {
    stats.reset();
    rateLimiter.resetCount();
  };
  const webhookEndpoints = new WebhookEndpoints(config.nowMs);
  const webhookFaults = new WebhookFaults();
  const webhookDispatcher = new WebhookDispatcher(store, events, webhookEndpoints, webhookFaults, {
    retryDelaysMs: config.webhookRetryDelaysMs,
    timeoutMs: config.webhookTimeoutMs,
    nowMs: config.nowMs,
  });
  for (const endpoint of config.webhooks) webhookEndpoints.add(endpoint);

  const app = Fastify({
    logger: config.logger,
    genReqId: () => newRequestId(),
    forceCloseConnections: true, // close() must not wait on SDK keep-alive sockets
    bodyLimit: 256 * 1024,
  });

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseStripeForm(body as string));
    } catch (error) {
      done(error instanceof FormBodyError ? invalidRequest(undefined, error.message) : (error as Error), undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    // Every response carries a Request-Id, like Stripe's; Node adds the Date header.
    reply.header('Request-Id', request.id);
    const refusal = guard.refusal(request.method, request.headers);
    if (refusal) throw refusal;
    if (!request.url.startsWith('/v1/')) return;
    reply.header('Stripe-Version', request.headers['stripe-version'] ?? STRIPE_API_VERSION);
    const pathname = request.url.split('?')[0];
    const endpoint = `${request.method} ${request.routeOptions.url ?? pathname}`;
    stats.count(endpoint);
    const fault = faults.take(endpoint === CREATE_ENDPOINT);
    if (fault === 'drop_connection') return dropSocket(request, reply);
    if (fault === 'http500') {
      if (request.method === 'POST' && request.headers['idempotency-key']) failWithStored500.add(request);
      else throw stripeErrors.simulatedOutage();
    }
    if (fault === 'drop_after_create') dropAfterProcessing.add(request);
    apiKeys.authorize(request.headers.authorization, endpoint);
    if (!rateLimiter.tryTake()) {
      // Retrying at once only adds load: the client backs off (Stripe's SDK does not retry 429s either).
      reply.header('Stripe-Should-Retry', 'false');
      throw stripeErrors.rateLimited();
    }
  });

  // Expansions need read permission on what they expand; the body (POST expand[]) is parsed by now.
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/v1/')) return;
    const expand = [queryOf(request).expand, bodyOf(request).expand].flatMap((value) =>
      Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [],
    );
    if (expand.length > 0) apiKeys.authorize(request.headers.authorization, `${request.method} ${request.routeOptions.url}`, expand);
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof StripeApiError) return reply.status(error.status).send(error.toJSON());
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500)
      return reply.status(status).send(invalidRequest(undefined, (error as Error).message).toJSON());
    request.log.error(error);
    return reply.status(500).send(stripeErrors.internal((error as Error).message).toJSON());
  });

  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0];
    if (pathname.startsWith('/v1/')) return reply.status(404).send(stripeErrors.unrecognizedUrl(request.method, pathname).toJSON());
    return reply.status(404).send(invalidRequest('resource_missing', `stripe-sim has no route ${request.method} ${pathname}`, undefined, 404).toJSON());
  });

  /** Runs a Stripe POST through the Idempotency-Key layer and the drop_after_create fault. */
  async function respondToPost(
    request: FastifyRequest,
    reply: FastifyReply,
    endpoint: string,
    handle: (params: FormObject, context: RequestContext) => unknown,
  ): Promise<FastifyReply> {
    const params = bodyOf(request);
    const rawKey = request.headers['idempotency-key'];
    const key = Array.isArray(rawKey) ? rawKey[0] : rawKey;
    const context: RequestContext = { requestId: request.id, idempotencyKey: key ?? null };
    const execute = async () =>
      failWithStored500.has(request)
        ? { status: 500, body: stripeErrors.simulatedOutage().toJSON() }
        : { status: 200, body: handle(params, context) };
    let status: number;
    let body: unknown;
    if (key) {
      if (key.length > 255)
        throw invalidRequest(undefined, 'Idempotency-Key must be at most 255 characters long.', undefined);
      const outcome = await idempotency.run(key, endpoint, params, request.id, execute);
      ({ status, body } = outcome.response);
      if (outcome.replayed) reply.header('Idempotent-Replayed', 'true').header('Original-Request', outcome.originalRequestId);
      reply.header('Idempotency-Key', key);
    } else {
      ({ status, body } = await execute());
    }
    if (dropAfterProcessing.has(request)) return dropSocket(request, reply);
    // A stored 500 is replayed to every retry with this key, so retrying at once cannot help.
    if (status >= 500 && key) reply.header('Stripe-Should-Retry', 'false');
    return reply.status(status).send(body);
  }

  // ---- Stripe API ----
  app.post('/v1/payment_intents', (request, reply) =>
    respondToPost(request, reply, CREATE_ENDPOINT, (params, context) => paymentIntents.create(params, context)),
  );
  app.get<{ Params: { intent: string } }>('/v1/payment_intents/:intent', async (request) =>
    paymentIntents.retrieve(request.params.intent, queryOf(request)),
  );
  app.post<{ Params: { intent: string } }>('/v1/payment_intents/:intent', (request, reply) =>
    respondToPost(request, reply, `POST /v1/payment_intents/${request.params.intent}`, (params) =>
      paymentIntents.update(request.params.intent, params),
    ),
  );
  app.post<{ Params: { intent: string } }>('/v1/payment_intents/:intent/cancel', (request, reply) =>
    respondToPost(request, reply, `POST /v1/payment_intents/${request.params.intent}/cancel`, (params, context) =>
      paymentIntents.cancel(request.params.intent, params, context),
    ),
  );
  app.post<{ Params: { intent: string } }>('/v1/payment_intents/:intent/confirm', (request, reply) =>
    respondToPost(request, reply, `POST /v1/payment_intents/${request.params.intent}/confirm`, (params, context) =>
      paymentIntents.confirm(request.params.intent, params, context),
    ),
  );
  app.post('/v1/refunds', (request, reply) =>
    respondToPost(request, reply, 'POST /v1/refunds', (params, context) => refunds.create(params, context)),
  );
  app.get('/v1/refunds', async (request) => refunds.list(queryOf(request)));
  app.get<{ Params: { refund: string } }>('/v1/refunds/:refund', async (request) =>
    refunds.retrieve(request.params.refund, queryOf(request)),
  );
  app.post<{ Params: { refund: string } }>('/v1/refunds/:refund/cancel', (request, reply) =>
    respondToPost(request, reply, `POST /v1/refunds/${request.params.refund}/cancel`, (params, context) =>
      refunds.cancel(request.params.refund, params, context),
    ),
  );
  app.get('/v1/events', async (request) => events.list(queryOf(request)));
  app.get<{ Params: { id: string } }>('/v1/events/:id', async (request) => {
    const query = queryOf(request);
    if (Object.keys(query).some((k) => k !== 'expand')) throw stripeErrors.parameterUnknown(Object.keys(query).find((k) => k !== 'expand')!);
    return events.retrieve(request.params.id);
  });

  app.get<{ Params: { charge: string } }>('/v1/charges/:charge', async (request) =>
    charges.retrieve(request.params.charge, queryOf(request)),
  );
  app.get('/v1/balance_transactions', async (request) => balanceTransactions.list(queryOf(request)));
  app.get<{ Params: { id: string } }>('/v1/balance_transactions/:id', async (request) =>
    balanceTransactions.retrieve(request.params.id, queryOf(request)),
  );

  app.get('/v1/account', async () => structuredClone(account));

  // ---- Simulator controls (outside Stripe's namespace, no API key: the pay page calls them) ----
  const control = (action: 'succeed' | 'fail' | 'expire') =>
    app.post<{ Params: { id: string } }>(`/_sim/payment_intents/:id/${action}`, async (request) => paymentIntents[action](request.params.id));
  control('succeed');
  control('fail');
  control('expire');

  app.post<{ Params: { id: string } }>('/_sim/refunds/:id/bank_details_submitted', async (request) =>
    refunds.submitBankDetails(request.params.id),
  );
  app.post<{ Params: { id: string } }>('/_sim/refunds/:id/succeed', async (request) => refunds.succeed(request.params.id));
  app.post<{ Params: { id: string }; Body: Record<string, unknown> | undefined }>('/_sim/refunds/:id/fail', async (request) => {
    const body = jsonBody(request.body);
    assertJsonKeys(body, ['failure_reason']);
    return refunds.fail(request.params.id, body.failure_reason as string | undefined);
  });

  app.get('/_sim/health', async () => ({
    status: 'ok',
    url: baseUrl,
    api_version: STRIPE_API_VERSION,
    qr_format: config.qrFormat,
    payment_intents: Object.keys(store.data.paymentIntents).length,
    refunds: Object.keys(store.data.refunds).length,
    events: store.data.events.length,
    webhook_endpoints: webhookEndpoints.list().length,
  }));
  app.get('/_sim/stats', async () => statsSnapshot());
  app.post('/_sim/stats/reset', async () => {
    resetStats();
    return statsSnapshot();
  });
  // The account's country and PromptPay capability, to play an account that cannot take PromptPay.
  let accountConfig = { ...config.account };
  app.post<{ Body: unknown }>('/_sim/account', async (request) => {
    const parsed = accountControlSchema.safeParse(jsonBody(request.body));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalidRequest(undefined, `Invalid account: ${issue.path.join('.') || 'body'}: ${issue.message}`, issue.path.join('.') || undefined);
    }
    accountConfig = { ...accountConfig, ...parsed.data };
    account = accountObject(accountConfig, accountCreated);
    return structuredClone(account);
  });
  app.get('/_sim/restricted_keys', async () => ({ object: 'list', data: apiKeys.listRestricted() }));
  app.post<{ Body: unknown }>('/_sim/restricted_keys', async (request) => apiKeys.addRestricted(jsonBody(request.body)));
  app.delete<{ Params: { key: string } }>('/_sim/restricted_keys/:key', async (request) => {
    if (!apiKeys.removeRestricted(request.params.key)) throw stripeErrors.resourceMissing('restricted key', request.params.key, 'key');
    return { key: request.params.key, deleted: true };
  });
  app.get('/_sim/fees', async () => feeScheduleJson(balanceTransactions.fees()));
  app.post<{ Body: unknown }>('/_sim/fees', async (request) =>
    feeScheduleJson(balanceTransactions.setFees(feeScheduleFromBody(jsonBody(request.body), balanceTransactions.fees()))),
  );
  app.get('/_sim/rate_limit', async (): Promise<RateLimitSnapshot> => rateLimiter.snapshot());
  app.post<{ Body: Record<string, unknown> | undefined }>('/_sim/rate_limit', async (request) => {
    const body = jsonBody(request.body);
    assertJsonKeys(body, ['limit_per_second']);
    const limit = body.limit_per_second;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0)
      throw invalidRequest(undefined, 'Send JSON {"limit_per_second": <whole number, 0 = off>}.', 'limit_per_second');
    rateLimiter.setLimit(limit);
    return rateLimiter.snapshot();
  });
  app.get('/_sim/faults', async () => ({ pending: faults.snapshot() }));
  app.post<{ Body: { count?: unknown; kind?: unknown } }>('/_sim/faults', async (request) => {
    const { count = 1, kind } = request.body ?? {};
    if (!FAULT_KINDS.includes(kind as FaultKind) || !Number.isInteger(count) || (count as number) < 1)
      throw invalidRequest(undefined, `Send JSON {"count": <positive integer>, "kind": one of ${FAULT_KINDS.join(', ')}}.`, 'kind');
    faults.failNext(count as number, kind as FaultKind);
    return { pending: faults.snapshot() };
  });
  app.delete('/_sim/faults', async () => {
    faults.clear();
    return { pending: faults.snapshot() };
  });

  // ---- Webhook endpoints, deliveries and delivery faults ----
  app.get('/_sim/webhook_endpoints', async () => ({ object: 'list', data: webhookEndpoints.list() }));
  app.post<{ Body: Record<string, unknown> | undefined }>('/_sim/webhook_endpoints', async (request) => {
    const body = jsonBody(request.body);
    assertJsonKeys(body, ['url', 'secret', 'enabled_events', 'disabled', 'event_payload']);
    assertLoopbackWebhookUrl(body.url);
    return webhookEndpoints.add({
      url: body.url as string,
      secret: body.secret as string | undefined,
      enabledEvents: body.enabled_events as string[] | undefined,
      disabled: optionalBoolean(body, 'disabled'),
      eventPayload: body.event_payload as EventPayloadStyle | undefined,
    });
  });
  app.get<{ Params: { id: string } }>('/_sim/webhook_endpoints/:id', async (request) => {
    const endpoint = webhookEndpoints.get(request.params.id);
    if (!endpoint) throw stripeErrors.resourceMissing('webhook_endpoint', request.params.id, 'id');
    return endpoint;
  });
  app.post<{ Params: { id: string }; Body: Record<string, unknown> | undefined }>('/_sim/webhook_endpoints/:id', async (request) => {
    const body = jsonBody(request.body);
    assertJsonKeys(body, ['url', 'enabled_events', 'disabled']);
    if (body.url !== undefined) assertLoopbackWebhookUrl(body.url);
    return webhookEndpoints.update(request.params.id, {
      url: body.url as string | undefined,
      enabledEvents: body.enabled_events as string[] | undefined,
      disabled: optionalBoolean(body, 'disabled'),
    });
  });
  app.delete<{ Params: { id: string } }>('/_sim/webhook_endpoints/:id', async (request) => {
    if (!webhookEndpoints.remove(request.params.id)) throw stripeErrors.resourceMissing('webhook_endpoint', request.params.id, 'id');
    return { id: request.params.id, object: 'webhook_endpoint', deleted: true };
  });
  app.post<{ Params: { id: string }; Body: Record<string, unknown> | undefined }>(
    '/_sim/webhook_endpoints/:id/roll_secret',
    async (request) => {
      const body = jsonBody(request.body);
      assertJsonKeys(body, ['expires_in_seconds']);
      return webhookEndpoints.rollSecret(request.params.id, body.expires_in_seconds as number | undefined);
    },
  );
  app.get('/_sim/webhook_deliveries', async (request) => {
    const query = queryOf(request);
    const text = (key: string) => (typeof query[key] === 'string' ? (query[key] as string) : undefined);
    return { object: 'list', data: webhookDispatcher.deliveries({ eventId: text('event_id'), endpointId: text('endpoint_id') }) };
  });
  app.get('/_sim/webhook_faults', async () => webhookFaults.snapshot());
  app.post<{ Body: WebhookFaultSettings | undefined }>('/_sim/webhook_faults', async (request) => webhookFaults.set(request.body ?? {}));
  app.post('/_sim/webhook_faults/flush', async () => ({ released: webhookFaults.flush(), faults: webhookFaults.snapshot() }));
  app.delete('/_sim/webhook_faults', async () => webhookFaults.clear());

  // ---- Hosted pages and QR images ----
  app.get<{ Params: { id: string } }>('/_sim/pay/:id', async (request, reply) => {
    const intent = paymentIntents.get(request.params.id);
    reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store');
    if (!intent) return reply.status(404).send(renderNotFoundPage(request.params.id));
    return renderPayPage(intent);
  });
  app.get<{ Params: { id: string } }>('/_sim/instructions/:id', async (request, reply) => {
    const intent = paymentIntents.get(request.params.id);
    reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store');
    if (!intent) return reply.status(404).send(renderNotFoundPage(request.params.id));
    return renderInstructionsPage(intent);
  });
  app.get<{ Params: { file: string } }>('/_sim/qr/:file', async (request, reply) => {
    const match = /^(pi_[A-Za-z0-9]+)\.(png|svg)$/.exec(request.params.file);
    const intent = match ? paymentIntents.get(match[1]) : null;
    if (!match || !intent) throw stripeErrors.resourceMissing('payment_intent', request.params.file, 'intent');
    const data = paymentIntents.qrData(intent);
    if (match[2] === 'png') return reply.type('image/png').send(await renderQrPng(data));
    return reply.type('image/svg+xml').send(await renderQrSvg(data));
  });

  return {
    app,
    store,
    events,
    paymentIntents,
    refunds,
    charges,
    balanceTransactions,
    faults,
    stats,
    rateLimiter,
    apiKeys,
    statsSnapshot,
    resetStats,
    webhookEndpoints,
    webhookFaults,
    webhookDispatcher,
    async close() {
      await webhookDispatcher.close();
      await app.close();
      // Nothing changes the state after this: its last changes are saved before close resolves.
      await store.flush();
    },
    setBaseUrl(url: string) {
      baseUrl = url.replace(/\/+$/, '');
      guard.allow(new URL(baseUrl).host); // the QR links and pay page are reached by this name
      paymentIntents.rebaseQrLinks();
    },
  };
}
