// The browser-mode transport of the PosApi contract: POST /api/pos/<operation> with the input as a
// JSON body answers with the PosResult. One generic route; no per-operation code. The request guards
// let a device off the till call only displays.pair and the customer feed's operations, and the core
// refuses the feed until that device is a paired display; its sales.current answer is the customer
// display's view of the sale.
import type { FastifyInstance } from 'fastify';
import { posOperations } from '../../../shared/pos-contract';
import type { PosCore } from '../pos-core-types';
import type { Sale } from '../../../shared/sale';
import { clientKeyOf } from './client-cookie';
import { customerViewOfSale } from './customer-feed';
import { httpStatusFor, posErrorBody } from './error-status';
import { callerAddressOf, isOffTill } from './request-guards';

export function registerPosHttpTransport(app: FastifyInstance, core: PosCore): void {
  app.post<{ Params: { op: string } }>('/api/pos/:op', async (request, reply) => {
    const { op } = request.params;
    if (!Object.hasOwn(posOperations, op)) {
      return reply.code(404).send({ ok: false, error: posErrorBody('not_found', `Unknown operation "${op.slice(0, 60)}".`) });
    }
    // No body at all means "no input"; a JSON body is the input as is.
    const input = request.body === undefined ? {} : request.body;
    const offTill = isOffTill(request);
    const result = await core.dispatch(op, input, { transport: 'http', clientKey: clientKeyOf(request), clientAddress: callerAddressOf(request), offTill });
    if (!result.ok) return reply.code(httpStatusFor(result.error.code)).send(result);
    if (op === 'sales.current' && offTill && result.value) {
      return reply.code(200).send({ ok: true, value: customerViewOfSale(result.value as Sale) });
    }
    return reply.code(200).send(result);
  });
}
