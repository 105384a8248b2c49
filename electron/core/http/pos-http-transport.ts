// The browser-mode transport of the PosApi contract: POST /api/pos/<operation> with the input as a
// JSON body answers with the PosResult. One generic route; no per-operation code. The request guards
// let a device off the till call only the operations the contract opens to displays (and pairing),
// and the core refuses the feed until that device is a paired display. A customer-feed answer
// (access 'display') is the customer display's view of the sale unless a signed-in session asked.
import type { FastifyInstance } from 'fastify';
import { posOperations, type PosOperation } from '../../../shared/pos-contract';
import type { PosCore } from '../pos-core-types';
import type { Sale } from '../../../shared/sale';
import { clientKeyOf, rotateClientCookie, type ClientIds } from './client-cookie';
import { customerViewOfSale } from './customer-feed';
import { httpStatusFor, posErrorBody } from './error-status';
import { isSignedInOnTill } from './pos-event-stream';
import { callerAddressOf, isOffTill } from './request-guards';

/** Operations after which the client gets a new cookie id (session fixation: an id planted before is dead). */
const ROTATING_OPERATIONS: ReadonlySet<PosOperation> = new Set(['auth.setupOwner', 'auth.signIn', 'auth.elevate']);

export function registerPosHttpTransport(app: FastifyInstance, core: PosCore, clients: ClientIds): void {
  app.post<{ Params: { op: string } }>('/api/pos/:op', async (request, reply) => {
    const { op } = request.params;
    if (!Object.hasOwn(posOperations, op)) {
      return reply.code(404).send({ ok: false, error: posErrorBody('not_found', `Unknown operation "${op.slice(0, 60)}".`) });
    }
    const operation = op as PosOperation;
    // No body at all means "no input"; a JSON body is the input as is.
    const input = request.body === undefined ? {} : request.body;
    const context = { transport: 'http' as const, clientKey: clientKeyOf(request), clientAddress: callerAddressOf(request), offTill: isOffTill(request) };
    const result = await core.dispatch(operation, input, context);
    if (!result.ok) return reply.code(httpStatusFor(result.error.code)).send(result);
    if (ROTATING_OPERATIONS.has(operation)) rotateClientCookie(clients, request, reply);
    if (operation === 'sales.current' && result.value && !(await isSignedInOnTill(core, context))) {
      return reply.code(200).send({ ok: true, value: customerViewOfSale(result.value as Sale) });
    }
    return reply.code(200).send(result);
  });
}

