// GET /api/zreports/:id/pdf?lang=th|en — a Z report's PDF for browser mode, drawn from the stored
// report. Asked through the zreports.get operation with this request's own client, so it is served
// only to a manager's session on this very client (as export downloads are), never off the till.
import type { FastifyInstance } from 'fastify';
import type { Lang } from '../../../shared/i18n/translate';
import type { ZReport } from '../../../shared/manager-types';
import type { CallContext, PosCore } from '../pos-core-types';
import { zReportFileName, zReportPdfBytes } from '../shifts/z-report-pdf';
import { clientKeyOf } from './client-cookie';
import { httpStatusFor, sendHttpError } from './error-status';
import { contentDisposition } from './export-download';
import { callerAddressOf, isOffTill } from './request-guards';

export function registerZReportDownload(app: FastifyInstance, core: PosCore): void {
  app.get<{ Params: { id: string }; Querystring: { lang?: string } }>('/api/zreports/:id/pdf', async (request, reply) => {
    const lang: Lang = request.query.lang === 'en' ? 'en' : 'th';
    const context: CallContext = { transport: 'http', clientKey: clientKeyOf(request), clientAddress: callerAddressOf(request), offTill: isOffTill(request) };
    const result = await core.dispatch('zreports.get', { id: request.params.id }, context);
    if (!result.ok) return sendHttpError(request, reply, httpStatusFor(result.error.code), result.error);
    const report = result.value as ZReport;
    const bytes = await zReportPdfBytes(report, lang);
    reply.header('content-type', 'application/pdf');
    reply.header('content-disposition', contentDisposition(zReportFileName(report, lang)));
    reply.header('cache-control', 'no-store');
    return reply.send(bytes);
  });
}
