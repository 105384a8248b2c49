// GET /api/exports/:jobId/file — a finished export, served only to the browser client that asked for
// it, and only while that client is signed in as a manager.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { PosCore } from '../pos-core-types';
import { clientKeyOf } from './client-cookie';
import { sendHttpError } from './error-status';

export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function registerExportDownload(app: FastifyInstance, core: PosCore): void {
  app.get<{ Params: { jobId: string } }>('/api/exports/:jobId/file', async (request, reply) => {
    const found = /^exp_[A-Za-z0-9]{8,40}$/.test(request.params.jobId) ? core.manager.exportFile(request.params.jobId, clientKeyOf(request)) : null;
    if (!found || !fs.existsSync(found.file)) {
      return sendHttpError(request, reply, 404, { code: 'not_found', message: 'No finished export with that id for this signed-in manager.' });
    }
    reply.header('content-type', found.contentType);
    reply.header('content-disposition', contentDisposition(found.fileName));
    reply.header('cache-control', 'no-store');
    return reply.send(fs.createReadStream(found.file));
  });
}
