import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { toAppError } from '../../platform/http/error-handler.ts';
import { createFormBody, formIdParams, formList, formView, publicFormParams, publicFormView } from './form.schemas.ts';
import { qrQuery, submissionAnswer, submissionBody, submissionQuery, updateFormBody } from './form.schemas.ts';
import { createForm, formQrCode, getForm, listForms, updateForm, type QrFormat } from './form.service.ts';
import { pickLocale } from './form.rules.ts';
import { publicForm, submitToForm } from './public-form.service.ts';
import { publicOrigin } from './share.rules.ts';

const builders = { roles: ['admin', 'manager', 'marketing'], apiKey: 'full' } as const;
const qrTypes: Record<QrFormat, string> = { png: 'image/png', svg: 'image/svg+xml' };

export function formRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const originOf = (request: FastifyRequest) => publicOrigin(deps.config.CLEW_PUBLIC_URL, request);

  return async (app) => {
    app.post(
      '/forms',
      {
        schema: { tags: ['forms'], body: createFormBody, response: { 201: formView } },
        config: { access: builders },
      },
      async (request, reply) =>
        reply.status(201).send(await createForm(deps, actorOf(request), request.body, originOf(request))),
    );

    app.get(
      '/forms',
      { schema: { tags: ['forms'], response: { 200: formList } }, config: { access: builders } },
      async (request) => ({ items: await listForms(deps, actorOf(request), originOf(request)) }),
    );

    app.get(
      '/forms/:id',
      { schema: { tags: ['forms'], params: formIdParams, response: { 200: formView } }, config: { access: builders } },
      async (request) => getForm(deps, actorOf(request), request.params.id, originOf(request)),
    );

    app.patch(
      '/forms/:id',
      {
        schema: { tags: ['forms'], params: formIdParams, body: updateFormBody, response: { 200: formView } },
        config: { access: builders },
      },
      async (request) => updateForm(deps, actorOf(request), request.params.id, request.body, originOf(request)),
    );

    for (const format of ['png', 'svg'] as const) {
      app.get(
        `/forms/:id/qr.${format}`,
        {
          schema: {
            tags: ['forms'],
            description: `The public address as a ${format.toUpperCase()} QR code, with campaign and UTM parameters baked in.`,
            params: formIdParams,
            querystring: qrQuery,
          },
          config: { access: builders },
        },
        async (request, reply) => {
          const { size, ...params } = request.query;
          const qr = await formQrCode(deps, actorOf(request), request.params.id, {
            origin: originOf(request),
            params,
            size,
            format,
          });
          return reply
            .type(qrTypes[format])
            .header('content-disposition', `inline; filename="${qr.filename}"`)
            .header('cache-control', 'private, max-age=300')
            .send(qr.body);
        },
      );
    }

    app.get(
      '/public/forms/:slug',
      {
        schema: {
          tags: ['forms'],
          description: 'What the public page /f/:slug renders; 404 for an unknown or inactive form.',
          params: publicFormParams,
          response: { 200: publicFormView },
        },
        config: { access: { public: true } },
      },
      async (request) => publicForm(deps, request.params.slug),
    );

    app.post(
      '/public/forms/:slug/submissions',
      {
        schema: {
          tags: ['forms'],
          description:
            'A visitor’s submission. Always 200 with the success message (or redirect) once it is kept, ' +
            'whether it made a new lead, repeated one, or was quarantined (honeypot, rate limit); ' +
            '4xx with the field at fault for values the visitor can correct (kept too).',
          params: publicFormParams,
          querystring: submissionQuery,
          body: submissionBody,
          response: { 200: submissionAnswer },
        },
        // A body that fails validation is still kept, with its reason, before the 4xx goes out.
        attachValidation: true,
        config: { access: { public: true } },
      },
      async (request) => {
        const meta = {
          clientIp: request.ip,
          locale: pickLocale(request.query?.lang, request.headers['accept-language']),
        };
        const submitted = request.validationError
          ? {
              ok: false as const,
              raw: request.body as unknown,
              error: toAppError(request.validationError as Parameters<typeof toAppError>[0]),
            }
          : { ok: true as const, body: request.body };
        return submitToForm(deps, request.params.slug, submitted, meta);
      },
    );
  };
}
