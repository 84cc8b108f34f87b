import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/access.ts';
import {
  errorFileQuery,
  importIdParams,
  importList,
  importView,
  listImportsQuery,
  previewResponse,
  startImportResponse,
} from './import.schemas.ts';
import { errorFile, getImport, listImports, previewImport, startImport } from './import.service.ts';

const importers = { roles: ['admin', 'manager', 'marketing'], apiKey: 'full' } as const;

function multipartParts(request: FastifyRequest) {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data', 'file');
  }
  return request.parts();
}

export function importRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // Multipart only here: the rest of the API speaks JSON.
    await app.register(fastifyMultipart, {
      limits: { fileSize: deps.imports.maxBytes, files: 1, fields: 10, fieldSize: 1_048_576, parts: 12 },
    });

    app.post(
      '/imports',
      {
        schema: {
          tags: ['imports'],
          description:
            'multipart/form-data: `file` (CSV or .xlsx, streamed to disk), `mapping` (JSON: column header → lead ' +
            'field or `custom.<name>`), optional `dedupe` (merge | review | create) and `channelId`. The rows are ' +
            'imported in the background through intake; poll GET /imports/{id}.',
          response: { 202: startImportResponse },
        },
        config: { access: importers },
      },
      async (request, reply) =>
        reply.status(202).send(await startImport(deps, actorOf(request), multipartParts(request))),
    );

    app.post(
      '/imports/preview',
      {
        schema: {
          tags: ['imports'],
          description:
            'multipart/form-data: `file`, optional `mapping` and `channelId`. The headers, a guessed mapping and ' +
            'the first 10 rows, raw and as intake would clean them. Reads only the start of a CSV.',
          response: { 200: previewResponse },
        },
        config: { access: importers },
      },
      async (request) => previewImport(deps, actorOf(request), multipartParts(request)),
    );

    app.get(
      '/imports',
      {
        schema: { tags: ['imports'], querystring: listImportsQuery, response: { 200: importList } },
        config: { access: importers },
      },
      async (request) => ({ items: await listImports(deps, actorOf(request), request.query.limit) }),
    );

    app.get(
      '/imports/:id',
      {
        schema: { tags: ['imports'], params: importIdParams, response: { 200: importView } },
        config: { access: importers },
      },
      async (request) => getImport(deps, actorOf(request), request.params.id),
    );

    app.get(
      '/imports/:id/errors.csv',
      {
        schema: {
          tags: ['imports'],
          description:
            'The rows that did not become leads: row, status, code, field, message, then the original columns. ' +
            'UTF-8 with a byte-order mark, so Excel shows Chinese correctly.',
          params: importIdParams,
          querystring: errorFileQuery,
        },
        config: { access: importers },
      },
      async (request, reply) => {
        const file = await errorFile(deps, actorOf(request), request.params.id, request.query.locale);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
          .send(Readable.from(file.lines));
      },
    );
  };
}
