// The report API for other systems, with the integration API's bearer token (no sign-in session):
//   GET /reports/daily?date=YYYY-MM-DD&format=json|csv|xlsx|pdf[&tillId=]
//   GET /reports/period?from=YYYY-MM-DD&to=YYYY-MM-DD&format=json|csv|xlsx|pdf[&tillId=]  (a week or a month, a row per day)
// JSON answers DailyReport / PeriodReport (amounts in satang), among them `tenders` (per tender:
// count, gross, refunded, net), `stripeFees`, `stripeFeesUnknown`, `stripeNetPayout`, `refundsPaidOut`
// vs `refundsWaiting`, `dayStartHour`, and each payment's `tender`; files are streamed as they are
// written. Business days follow the shop's zone and start hour. Both routes sit behind the same guards
// (token, till-only, rate limit: the `reports` family).
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ExportFormat } from '../../../shared/manager-types';
import { businessDate, periodReportInput } from '../../../shared/pos-contract';
import { PosError } from '../../../shared/pos-error';
import { EXPORT_CONTENT_TYPES, exportFileName } from '../exports/export-service';
import type { PosCore } from '../pos-core-types';
import { httpStatusFor, sendHttpError } from './error-status';
import { contentDisposition } from './export-download';
import { guardBearerToken, type WrongTokenLimiter } from './bearer-token';
import { isOffTill } from './request-guards';

const format = z.enum(['json', 'csv', 'xlsx', 'pdf']).default('json');

const dailyQuery = z.strictObject({
  date: businessDate,
  format,
  tillId: z.string().min(1).max(60).optional(),
});

/** The screens' `reports.period` input (at most MAX_PERIOD_REPORT_DAYS days, `to` not before `from`) and a format. */
const periodQuery = periodReportInput.safeExtend({ format });

type ReportRange = { from: string; to: string; tillId?: string };

function refuseQuery(request: FastifyRequest, reply: FastifyReply, error: z.ZodError): FastifyReply {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  return sendHttpError(request, reply, 400, { code: 'invalid_input', message: `${field ? `${field}: ` : ''}${issue?.message ?? 'invalid query'}`, ...(field ? { field } : {}) });
}

export function registerReportApi(app: FastifyInstance, core: PosCore, apiToken: string | null, wrongTokens: WrongTokenLimiter): void {
  /** Answers `json()` as JSON, or streams the range's export file in `format`. */
  async function answer(request: FastifyRequest, reply: FastifyReply, kind: ExportFormat | 'json', range: ReportRange, json: () => unknown): Promise<FastifyReply> {
    try {
      if (kind === 'json') return reply.send(json());
      const out = new PassThrough();
      const writing = core.manager.writeReport(kind, { from: range.from, to: range.to, tillId: range.tillId ?? null }, out);
      writing.catch((error: unknown) => {
        request.log.error({ err: error }, 'report export failed');
        out.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      reply.header('content-type', EXPORT_CONTENT_TYPES[kind]);
      reply.header('content-disposition', contentDisposition(exportFileName(range, kind)));
      reply.header('cache-control', 'no-store');
      return reply.send(out);
    } catch (error) {
      if (error instanceof PosError) return sendHttpError(request, reply, httpStatusFor(error.code), error.toBody());
      throw error;
    }
  }

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
      if (!parsed.success) return refuseQuery(request, reply, parsed.error);
      const { date, format: kind, tillId } = parsed.data;
      core.manager.audit('report.api', { date, format: kind, tillId: tillId ?? null });
      return answer(request, reply, kind, { from: date, to: date, tillId }, () => core.manager.dailyReport(date, tillId ?? null));
    });

    api.get('/reports/period', async (request, reply) => {
      const parsed = periodQuery.safeParse(request.query);
      if (!parsed.success) return refuseQuery(request, reply, parsed.error);
      const { from, to, format: kind, tillId } = parsed.data;
      core.manager.audit('report.api', { from, to, format: kind, tillId: tillId ?? null });
      return answer(request, reply, kind, { from, to, tillId }, () => core.manager.periodReport({ from, to, tillId: tillId ?? null }));
    });
  });
}
