// The integration REST API for other systems (ordering apps, ERPs), kept from the reference
// contract: POST /payments/intents, GET /payments/:id, POST /payments/:id/cancel, and
// POST /payments/:id/renew (a new QR for an expired or failed sale). Bearer token only;
// with no token configured the API stays off rather than open.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PosError, POS_ERROR_CODES, type PosErrorCode } from '../../../shared/pos-error';
import type { Sale } from '../../../shared/sale';
import type { PosCore } from '../pos-core-types';
import { guardBearerToken, type WrongTokenLimiter } from './bearer-token';
import { httpStatusFor, sendHttpError } from './error-status';
import { parseCreateIntentBody, parseIdempotencyKey, paymentIdParam } from './integration-schemas';

export interface PaymentQr {
  imageUrl: string | null;
  data: string;
}

/** The body of GET /payments/:id and POST /payments/:id/cancel. */
export interface PaymentView {
  id: string | null;
  status: Sale['paymentIntentStatus'];
  amount: number;
  currency: 'thb';
  description: string | null;
  metadata: Record<string, string>;
  saleId: string;
  saleStatus: Sale['status'];
  qr: PaymentQr | null;
}

/** The body of POST /payments/intents. */
export interface CreatedIntentView {
  paymentIntentId: string | null;
  status: Sale['paymentIntentStatus'];
  amount: number;
  currency: 'thb';
  qr: PaymentQr | null;
  saleId: string;
}

function qrOf(sale: Sale): PaymentQr | null {
  return sale.status === 'awaiting_payment' && sale.qrData ? { imageUrl: sale.qrImageUrl, data: sale.qrData } : null;
}

export function toPaymentView(sale: Sale, metadata: Record<string, string>): PaymentView {
  return {
    id: sale.paymentIntentId,
    status: sale.paymentIntentStatus,
    amount: sale.amount,
    currency: sale.currency,
    description: sale.description,
    metadata,
    saleId: sale.id,
    saleStatus: sale.status,
    qr: qrOf(sale),
  };
}

const KNOWN_CODES = new Set<string>(POS_ERROR_CODES);

function sendCaught(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof PosError || (error instanceof Error && KNOWN_CODES.has((error as { code?: string }).code ?? ''))) {
    const code = (error as PosError).code as PosErrorCode;
    return sendHttpError(request, reply, httpStatusFor(code), { code, message: error.message });
  }
  request.log.error({ err: error }, 'integration API failure');
  return sendHttpError(request, reply, 500, { code: 'internal', message: 'Something went wrong on the till; try again.' });
}

export function registerIntegrationApi(app: FastifyInstance, core: PosCore, apiToken: string | null, wrongTokens: WrongTokenLimiter): void {
  app.register(async (api) => {
    guardBearerToken(api, apiToken, wrongTokens);

    api.post('/payments/intents', async (request, reply) => {
      const parsed = parseCreateIntentBody(request.body);
      if (!parsed.ok) {
        return sendHttpError(request, reply, httpStatusFor(parsed.code), { code: parsed.code, message: parsed.message, ...(parsed.field ? { field: parsed.field } : {}) });
      }
      const key = parseIdempotencyKey(request.headers['idempotency-key']);
      if (!key.ok) return sendHttpError(request, reply, 400, { code: key.code, message: key.message, ...(key.field ? { field: key.field } : {}) });
      const { amount, description, metadata, receipt_email: email } = parsed.value;
      try {
        // With an Idempotency-Key, a retry (same key, same body) answers with the sale the first call
        // made — one sale, one PaymentIntent — and a different body under that key is refused (409).
        const sale = await core.payments.charge({ amount, description, metadata, ...(email ? { email } : {}), source: 'api', ...(key.value ? { requestId: key.value } : {}) });
        const body: CreatedIntentView = {
          paymentIntentId: sale.paymentIntentId,
          status: sale.paymentIntentStatus,
          amount: sale.amount,
          currency: sale.currency,
          qr: qrOf(sale),
          saleId: sale.id,
        };
        return reply.code(201).send(body);
      } catch (error) {
        return sendCaught(request, reply, error);
      }
    });

    const findSale = (id: string): Sale | null => (paymentIdParam.safeParse(id).success ? core.payments.find(id) : null);
    const notFound = (request: FastifyRequest, reply: FastifyReply) =>
      sendHttpError(request, reply, 404, { code: 'not_found', message: 'No payment with that PaymentIntent id or sale id.' });

    api.get<{ Params: { id: string } }>('/payments/:id', async (request, reply) => {
      const sale = findSale(request.params.id);
      if (!sale) return notFound(request, reply);
      return reply.send(toPaymentView(sale, core.payments.metadataOf(sale.id)));
    });

    api.post<{ Params: { id: string } }>('/payments/:id/cancel', async (request, reply) => {
      const sale = findSale(request.params.id);
      if (!sale) return notFound(request, reply);
      try {
        const canceled = await core.payments.cancel(sale.id);
        return reply.send(toPaymentView(canceled, core.payments.metadataOf(canceled.id)));
      } catch (error) {
        return sendCaught(request, reply, error);
      }
    });

    // A new QR for an expired or failed sale: the same sale, amount and PaymentIntent. Answers like
    // GET /payments/:id, with the new `qr`.
    api.post<{ Params: { id: string } }>('/payments/:id/renew', async (request, reply) => {
      const sale = findSale(request.params.id);
      if (!sale) return notFound(request, reply);
      try {
        const renewed = await core.payments.renew(sale.id);
        return reply.send(toPaymentView(renewed, core.payments.metadataOf(renewed.id)));
      } catch (error) {
        return sendCaught(request, reply, error);
      }
    });
  });
}
