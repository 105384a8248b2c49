// Head office's HTTP surface on the relay:
//   POST /head-office/sales                          a till's batch (its till token; its own sales only)
//   GET  /head-office/reports/daily?date=&mode=      the chain's day, by shop and till (head-office token)
//   GET  /head-office/reports/monthly?month=&mode=   the chain's month, by shop, till and day
//   GET  /head-office/exports?from=&to=&format=csv|xlsx&mode=
// A head-office token reads; it cannot post sales (and, not being a till token, cannot stream events).
// A till token posts its own till's sales; it cannot read reports. Every input is validated first: a
// bad batch, or one carrying another till's sale, stores nothing.
import { bearerAuthenticator } from '../bearer-auth';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { chainReport, lastDayOfMonth } from './chain-report';
import { writeChainCsv, writeChainXlsx } from './chain-export';
import type { TillIdentity } from './head-office-config';
import type { HeadOfficeStore } from './head-office-store';
import { dailyQuery, exportQuery, firstIssue, monthlyQuery, salesBatch } from './wire-schema';

/** A batch of 500 sales with their refunds stays well under this. */
export const SALES_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

type Caller = { kind: 'head-office' } | { kind: 'till'; identity: TillIdentity };

export interface HeadOfficeRouteDeps {
  store: HeadOfficeStore;
  headOfficeTokens: readonly string[];
  tillIdentities: readonly TillIdentity[];
  now: () => number;
  log: (message: string) => void;
}

export function registerHeadOfficeRoutes(app: FastifyInstance, deps: HeadOfficeRouteDeps): void {
  const authenticate = bearerAuthenticator<Caller>([
    ...deps.headOfficeTokens.map((token) => ({ token, value: { kind: 'head-office' } as Caller })),
    ...deps.tillIdentities.map((identity) => ({ token: identity.token, value: { kind: 'till', identity } as Caller })),
  ]);

  const refuse = (reply: FastifyReply, status: 400 | 401 | 403, error: string, message: string) => {
    if (status === 401) reply.header('www-authenticate', 'Bearer realm="chamra-head-office"');
    return reply.status(status).send({ error, message });
  };
  const unauthorized = (reply: FastifyReply) =>
    refuse(reply, 401, 'unauthorized', 'A head-office token (reports) or a till token bound in RELAY_TILL_IDENTITIES (sales) is required: Authorization: Bearer <token>.');
  const needsHeadOffice = (reply: FastifyReply) => {
    return refuse(reply, 403, 'forbidden', 'Reports and exports need a head-office token (RELAY_HEAD_OFFICE_TOKENS); a till token only sends its own sales.');
  };

  app.post('/head-office/sales', { bodyLimit: SALES_BODY_LIMIT_BYTES }, async (request, reply) => {
    const caller = authenticate(request.headers.authorization);
    if (!caller) return unauthorized(reply);
    if (caller.kind !== 'till') {
      return refuse(reply, 403, 'forbidden', 'A head-office token reads reports; only a till sends sales, with its own till token.');
    }
    const parsed = salesBatch.safeParse(request.body);
    if (!parsed.success) return refuse(reply, 400, 'invalid_batch', firstIssue(parsed.error));
    const { shopId, tillId } = caller.identity;
    const foreign = parsed.data.sales.findIndex((sale) => sale.shopId !== shopId || sale.tillId !== tillId);
    if (foreign !== -1) {
      const sale = parsed.data.sales[foreign];
      deps.log(`head office: refused a batch from ${shopId}/${tillId} carrying ${sale.shopId}/${sale.tillId}'s sale`);
      return refuse(reply, 403, 'wrong_till',
        `sales.${foreign} belongs to ${sale.shopId}/${sale.tillId}, but this token is bound to ${shopId}/${tillId} (RELAY_TILL_IDENTITIES): ` +
          'check POS_SHOP_ID and POS_TILL_ID on the till. Nothing of this batch was stored.');
    }
    // Committed (fsynced on SQLite) before the till hears 2xx and drops the batch from its outbox.
    const result = await deps.store.upsertSales(caller.identity, parsed.data.sales, deps.now());
    return reply.status(200).send({ received: parsed.data.sales.length, ...result });
  });

  app.get('/head-office/reports/daily', async (request, reply) => {
    const caller = authenticate(request.headers.authorization);
    if (!caller) return unauthorized(reply);
    if (caller.kind !== 'head-office') return needsHeadOffice(reply);
    const parsed = dailyQuery.safeParse(request.query);
    if (!parsed.success) return refuse(reply, 400, 'invalid_query', firstIssue(parsed.error));
    const { date, mode } = parsed.data;
    return chainReport(deps.store, 'daily', { mode, from: date, to: date }, deps.now());
  });

  app.get('/head-office/reports/monthly', async (request, reply) => {
    const caller = authenticate(request.headers.authorization);
    if (!caller) return unauthorized(reply);
    if (caller.kind !== 'head-office') return needsHeadOffice(reply);
    const parsed = monthlyQuery.safeParse(request.query);
    if (!parsed.success) return refuse(reply, 400, 'invalid_query', firstIssue(parsed.error));
    const { month, mode } = parsed.data;
    return chainReport(deps.store, 'monthly', { mode, from: `${month}-01`, to: lastDayOfMonth(month) }, deps.now());
  });

  app.get('/head-office/exports', async (request, reply) => {
    const caller = authenticate(request.headers.authorization);
    if (!caller) return unauthorized(reply);
    if (caller.kind !== 'head-office') return needsHeadOffice(reply);
    const parsed = exportQuery.safeParse(request.query);
    if (!parsed.success) return refuse(reply, 400, 'invalid_query', firstIssue(parsed.error));
    const { from, to, format, mode } = parsed.data;
    const body = new PassThrough();
    const write = format === 'csv' ? writeChainCsv : writeChainXlsx;
    // Written as it is read; an error midway cuts the download (a short file is never taken for whole).
    write(deps.store, { mode, from, to }, body).catch((error: unknown) => {
      deps.log(`head office: export failed: ${error instanceof Error ? error.message : String(error)}`);
      body.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    return reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="chamra-head-office-${mode}-${from}-to-${to}.${format}"`)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
