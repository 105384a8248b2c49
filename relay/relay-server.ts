// The relay's HTTP surface: Stripe posts webhooks in, tills stream them out.
//   POST /stripe/webhook  raw body, verified with Stripe's SDK, stored durably, then 200
//   GET  /events          server-sent events for tills (Bearer till token, Last-Event-ID resume), each
//                         till seeing only its own account's (and mode's) events, and a till bound to
//                         its shop/till (RELAY_TILL_IDENTITIES) only the events routed to it
//   GET  /health          {ok:true} for anyone; counts only with the health token
import { bearerAuthenticator } from './bearer-auth';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { EventLog } from './event-log';
import { tillKeyOf } from './event-routing';
import { eventTypeMatcher } from './event-types';
import type { TillToken } from './relay-config';
import { checkStripeWebhook } from './signature-check';
import type { TillStreams } from './till-streams';

/** Stripe's payloads are a few KB; anything near this is not from Stripe. */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

export interface RelayCounters {
  stored: number;
  duplicates: number;
  rejected: number;
  /** Genuine events of a type no till uses: acknowledged to Stripe, not kept. */
  ignored: number;
}

export interface RelayServerDeps {
  store: EventLog;
  streams: TillStreams;
  webhookSecrets: readonly string[];
  tillTokens: readonly TillToken[];
  /** Till tokens bound to one shop and till (RELAY_TILL_IDENTITIES): their streams carry only that till's events. */
  tillIdentities?: readonly { token: string; shopId: string; tillId: string }[];
  eventTypes: readonly string[];
  healthToken: string | null;
  now: () => number;
  log: (message: string) => void;
  counters: RelayCounters;
  /** head office: its routes (relay/head-office), mounted when configured. */
  headOffice?: FastifyPluginAsync;
}

export function buildRelayServer(deps: RelayServerDeps): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: WEBHOOK_BODY_LIMIT_BYTES, return503OnClosing: true });
  const identities = new Map((deps.tillIdentities ?? []).map((identity) => [identity.token, tillKeyOf(identity.shopId, identity.tillId)]));
  const authenticate = bearerAuthenticator(
    deps.tillTokens.map((till, index) => ({
      token: till.token,
      value: { till, holder: `till#${index + 1}`, tillKey: identities.get(till.token) ?? null },
    })),
  );
  const authenticateHealth = bearerAuthenticator(deps.healthToken ? [{ token: deps.healthToken, value: true }] : []);
  const keepsType = eventTypeMatcher(deps.eventTypes);

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status === 413) {
      deps.counters.rejected += 1;
      return reply
        .status(413)
        .send({ error: 'body_too_large', message: `The body is larger than ${WEBHOOK_BODY_LIMIT_BYTES} bytes.` });
    }
    if (status >= 500) {
      deps.log(`internal error: ${error.message}`);
      return reply.status(status).send({ error: 'internal_error', message: 'The relay could not handle this request.' });
    }
    return reply.status(status).send({ error: 'bad_request', message: error.message });
  });
  app.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: 'not_found', message: 'No such route.' }));

  app.register(async (scope) => {
    // Stripe signs the exact bytes it sends: take the body as a Buffer, whatever the content type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    scope.post('/stripe/webhook', async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const header = request.headers['stripe-signature'];
      const receivedAt = deps.now();
      const check = checkStripeWebhook(body, typeof header === 'string' ? header : undefined, deps.webhookSecrets, receivedAt);
      if (!check.ok) {
        deps.counters.rejected += 1;
        deps.log(`webhook rejected: ${check.error}`);
        return reply.status(400).send({ error: check.error, message: check.message });
      }
      if (!keepsType(check.event.type)) {
        // 200, or Stripe would retry it for days and eventually disable the endpoint.
        deps.counters.ignored += 1;
        return reply.status(200).send({ received: true, stored: false });
      }
      // Committed (SQLite: fsynced; PostgreSQL: COMMIT returned) before Stripe hears 200. A failure here
      // is a 500, and a relay killed before this line answers nothing: either way Stripe retries. The
      // log wakes the streams (on PostgreSQL, every instance's) once the event is readable.
      const { route, ...event } = check.event;
      const { duplicate } = await deps.store.insert({
        ...event,
        receivedAt,
        body,
        signature: header as string,
        tillKey: route.tillKey,
        paymentIntent: route.paymentIntent,
      });
      if (duplicate) deps.counters.duplicates += 1;
      else deps.counters.stored += 1;
      return reply.status(200).send({ received: true });
    });
  });

  app.get('/events', (request, reply) => {
    const credential = authenticate(request.headers.authorization);
    if (!credential) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer realm="chamra-relay"')
        .send({ error: 'unauthorized', message: 'A valid till token is required: Authorization: Bearer <POS_RELAY_TOKEN>.' });
    }
    const lastEventId = request.headers['last-event-id'];
    const query = request.query as Record<string, unknown>;
    const position = parsePosition(typeof lastEventId === 'string' ? lastEventId : query.after);
    if (position === 'invalid') {
      return reply.status(400).send({
        error: 'invalid_position',
        message: 'Last-Event-ID (or ?after=) must be a non-negative integer sequence number.',
      });
    }
    const { till, holder, tillKey } = credential;
    const scope = { account: till.account, livemode: till.livemode ?? null, tillKey };
    reply.hijack();
    deps.streams.open(reply.raw, { scope, holder, after: position });
    deps.log(
      `${holder} connected (${till.account ?? 'own account'}, ${tillKey ?? 'every till'}, after ${position ?? 'start'}); ` +
        `${deps.streams.size} connected`,
    );
  });

  // Liveness for anyone; activity (how many events, when the last came, how many tills) only for the
  // holder of the health token.
  app.get('/health', async (request, reply) => {
    const authorization = request.headers.authorization;
    if (authorization === undefined) return { ok: true };
    if (!authenticateHealth(authorization)) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer realm="chamra-relay-health"')
        .send({ error: 'unauthorized', message: 'Details need the health token: Authorization: Bearer <RELAY_HEALTH_TOKEN>.' });
    }
    const [lastEventAt, events] = await Promise.all([deps.store.lastReceivedAt(), deps.store.count()]);
    return {
      ok: true,
      events,
      lastEventAt: lastEventAt === null ? null : new Date(lastEventAt).toISOString(),
      clients: deps.streams.size,
    };
  });

  // head office
  if (deps.headOffice) app.register(deps.headOffice);

  // Streams never end by themselves: end them so that closing the server does not wait on them.
  app.addHook('preClose', async () => deps.streams.closeAll());
  return app;
}

function parsePosition(value: unknown): number | null | 'invalid' {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value.trim())) return 'invalid';
  return Number(value.trim());
}
