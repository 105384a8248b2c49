// POST /payments/webhook: Stripe's events, pushed (directly, via `stripe listen --forward-to`, or a
// tunnel). The body is taken as the exact bytes received, because Stripe signs those bytes.
import type { FastifyInstance } from 'fastify';
import type { PosCore } from '../pos-core-types';
import { WEBHOOK_PATH } from './request-guards';

/** Stripe's event payloads are a few KiB; this leaves room for large metadata and refuses junk. */
export const WEBHOOK_BODY_LIMIT_BYTES = 512 * 1024;

/** Each refusal says what is wrong: a thin payload or the wrong mode is a setup problem, not a forgery. */
const WEBHOOK_ERROR_CODES: Partial<Record<string, string>> = { malformed: 'invalid_input', thin_payload: 'thin_payload', wrong_mode: 'wrong_mode' };

export function registerWebhookRoute(scope: FastifyInstance, core: PosCore): void {
  scope.post(WEBHOOK_PATH, { bodyLimit: WEBHOOK_BODY_LIMIT_BYTES }, async (request, reply) => {
    if (!core.webhooks.configured) {
      return reply.status(503).send({
        error: { code: 'webhooks_disabled', message: 'Webhooks are off: set STRIPE_WEBHOOK_SECRET to the endpoint’s signing secret (whsec_…).' },
      });
    }
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const signature = request.headers['stripe-signature'];
    const receipt = core.webhooks.receive(body, Array.isArray(signature) ? signature[0] : signature, 'webhook');
    if (!receipt.ok) {
      return reply.status(400).send({ error: { code: WEBHOOK_ERROR_CODES[receipt.reason] ?? 'invalid_signature', message: receipt.message } });
    }
    return reply.status(200).send({ received: true, id: receipt.eventId, outcome: receipt.outcome });
  });
}
