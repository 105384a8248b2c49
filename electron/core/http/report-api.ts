// GET /reports/daily?date=YYYY-MM-DD&format=json|csv|xlsx|pdf[&tillId=] for other systems, with the
// integration API's bearer token (no sign-in session). Files are streamed as they are written.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { businessDate } from '../../../shared/pos-contract';
import { PosError } from '../../../shared/pos-error';
import { EXPORT_CONTENT_TYPES, exportFileName } from '../exports/export-service';
import type { PosCore } from '../pos-core-types';
import { httpStatusFor, sendHttpError } from './error-status';
import { contentDisposition } from './export-download';
import { guardBearerToken, type WrongTokenLimiter } from './bearer-token';
import { isOffTill } from './request-guards';

const dailyQuery = z.strictObject({
  date: businessDate,
  format: z.enum(['json', 'csv', 'xlsx', 'pdf']).default('json'),
  tillId: z.string().min(1).max(60).optional(),
});

export function registerReportApi(app: FastifyInstance, core: PosCore, apiToken: string | null, wrongTokens: WrongTokenLimiter): void {
  app.register(async (api) => {
    guardBearerToken(api, apiToken, wrongTokens);
    api.addHook('onRequest', async (request, reply) => {
      // Reports are for systems on the till's own machine, like the rest of the operator surface.
      if (isOffTill(request)) {
        return sendHttpError(request, reply, 403, { code: 'forbidden', message: 'Reports are only available on the till itself.' });
      }
    });

    api.get('/reports/daily', async (request, reply) => {
      const parsed = dailyQuery.safeParse(request.query);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.map(String).join('.') || undefined;
        return sendHttpError(request, reply, 400, { code: 'invalid_input', message: `${field ? `${field}: ` : ''}${issue?.message ?? 'invalid query'}`, ...(field ? { field } : {}) });
      }
      const { date, format, tillId } = parsed.data;
      try {
        core.manager.audit('report.api', { date, format, tillId: tillId ?? null });
        if (format === 'json') return reply.send(core.manager.dailyReport(date, tillId ?? null));
        const out = new PassThrough();
        const writing = core.manager.writeReport(format, { from: date, to: date, tillId: tillId ?? null }, out);
        writing.catch((error: unknown) => {
          request.log.error({ err: error }, 'report export failed');
          out.destroy(error instanceof Error ? error : new Error(String(error)));
        });
        reply.header('content-type', EXPORT_CONTENT_TYPES[format]);
        reply.header('content-disposition', contentDisposition(exportFileName({ from: date, to: date, tillId }, format)));
        reply.header('cache-control', 'no-store');
        return reply.send(out);
      } catch (error) {
        if (error instanceof PosError) return sendHttpError(request, reply, httpStatusFor(error.code), error.toBody());
        throw error;
      }
    });
  });
}
