import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { leadIdParams, leadPage, leadView, listLeadsQuery, touchList, updateLeadBody } from './lead.schemas.ts';
import { changeLead, getLead, listLeadTouches, listLeads } from './lead.service.ts';

const readers = { roles: ['admin', 'manager', 'rep', 'marketing'], apiKey: 'full' } as const;
const editors = { roles: ['admin', 'manager', 'rep'], apiKey: 'full' } as const;

export function leadRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/leads',
      {
        schema: { tags: ['leads'], querystring: listLeadsQuery, response: { 200: leadPage } },
        config: { access: readers },
      },
      async (request) => listLeads(deps, actorOf(request), request.query),
    );

    app.get(
      '/leads/:id',
      { schema: { tags: ['leads'], params: leadIdParams, response: { 200: leadView } }, config: { access: readers } },
      async (request) => getLead(deps, actorOf(request), request.params.id),
    );

    app.patch(
      '/leads/:id',
      {
        schema: { tags: ['leads'], params: leadIdParams, body: updateLeadBody, response: { 200: leadView } },
        config: { access: editors },
      },
      async (request) => changeLead(deps, actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/leads/:id/touches',
      { schema: { tags: ['leads'], params: leadIdParams, response: { 200: touchList } }, config: { access: readers } },
      async (request) => ({ items: await listLeadTouches(deps, actorOf(request), request.params.id) }),
    );
  };
}
