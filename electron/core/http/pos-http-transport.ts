// The browser-mode transport of the PosApi contract: POST /api/pos/<operation> with the input as a
// JSON body answers with the PosResult. One generic route; no per-operation code.
import type { FastifyInstance } from 'fastify';
import { posOperations } from '../../../shared/pos-contract';
import type { PosCore } from '../pos-core-types';
import { clientKeyOf } from './client-cookie';
import { httpStatusFor, posErrorBody } from './error-status';

export function registerPosHttpTransport(app: FastifyInstance, core: PosCore): void {
  app.post<{ Params: { op: string } }>('/api/pos/:op', async (request, reply) => {
    const { op } = request.params;
    if (!Object.hasOwn(posOperations, op)) {
      return reply.code(404).send({ ok: false, error: posErrorBody('not_found', `Unknown operation "${op.slice(0, 60)}".`) });
    }
    // No body at all means "no input"; a JSON body is the input as is.
    const input = request.body === undefined ? {} : request.body;
    const result = await core.dispatch(op, input, { transport: 'http', clientKey: clientKeyOf(request) });
    return reply.code(result.ok ? 200 : httpStatusFor(result.error.code)).send(result);
  });
}
