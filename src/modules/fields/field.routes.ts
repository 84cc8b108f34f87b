import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { roles } from '../../platform/http/actor.ts';
import { createFieldBody, fieldList, fieldListQuery, fieldView } from './field.schemas.ts';
import { createField, listFields } from './field.service.ts';

export function fieldRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/fields',
      {
        schema: { tags: ['custom fields'], body: createFieldBody, response: { 201: fieldView } },
        config: { access: { roles: ['admin'], apiKey: 'full' } },
      },
      async (request, reply) => reply.status(201).send(await createField(deps, actorOf(request), request.body)),
    );

    app.get(
      '/fields',
      {
        schema: { tags: ['custom fields'], querystring: fieldListQuery, response: { 200: fieldList } },
        config: { access: { roles, apiKey: 'full' } },
      },
      async (request) => ({ items: await listFields(deps, actorOf(request), request.query.entity) }),
    );
  };
}
