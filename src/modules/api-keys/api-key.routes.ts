import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { apiKeyIdParams, apiKeyList, createApiKeyBody, createdApiKey } from './api-key.schemas.ts';
import { createApiKey, listKeys, revokeApiKey } from './api-key.service.ts';

const keyManagers = { roles: ['admin', 'marketing'] } as const;

export function apiKeyRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api-keys',
      { schema: { tags: ['api-keys'], response: { 200: apiKeyList } }, config: { access: keyManagers } },
      async (request) => ({ items: await listKeys(deps, actorOf(request)) }),
    );

    app.post(
      '/api-keys',
      {
        schema: { tags: ['api-keys'], body: createApiKeyBody, response: { 201: createdApiKey } },
        config: { access: keyManagers },
      },
      async (request, reply) => {
        const created = await createApiKey(deps, actorOf(request), request.body);
        return reply.status(201).send(created);
      },
    );

    app.delete(
      '/api-keys/:id',
      { schema: { tags: ['api-keys'], params: apiKeyIdParams }, config: { access: keyManagers } },
      async (request, reply) => {
        await revokeApiKey(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
